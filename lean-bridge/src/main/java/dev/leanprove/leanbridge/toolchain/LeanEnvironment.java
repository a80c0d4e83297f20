package dev.leanprove.leanbridge.toolchain;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment Lean processes get: set explicitly from an allow-list, never inherited wholesale,
 * so a check behaves the same under the service, the CLI and the tests.
 */
public final class LeanEnvironment {

  private static final Set<String> PASSED =
      Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "ELAN_HOME", "ELAN_TOOLCHAIN",
          "XDG_CACHE_HOME", "GIT_SSL_CAINFO", "SSL_CERT_FILE", "HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY",
          "https_proxy", "http_proxy", "no_proxy");

  // LEAN_/LAKE_ tune the toolchain; FAKE_LEAN_/FAKE_LAKE_ steer the stand-in toolchain in tests and demos.
  private static final String[] PASSED_PREFIXES = {"LEAN_", "LAKE_", "ELAN_", "FAKE_LEAN_", "FAKE_LAKE_"};

  private final Map<String, String> variables;

  private LeanEnvironment(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Picks what Lean needs from {@code source} (usually {@code System.getenv()}). */
  public static LeanEnvironment from(Map<String, String> source) {
    Map<String, String> picked = new TreeMap<>();
    source.forEach(
        (name, value) -> {
          if (PASSED.contains(name) || hasPassedPrefix(name)) {
            picked.put(name, value);
          }
        });
    picked.putIfAbsent("LANG", "C.UTF-8");
    return new LeanEnvironment(picked);
  }

  private static boolean hasPassedPrefix(String name) {
    for (String prefix : PASSED_PREFIXES) {
      if (name.startsWith(prefix) && !name.toUpperCase(Locale.ROOT).startsWith("LEANPROVE_")) {
        return true;
      }
    }
    return false;
  }

  /** The variables with the toolchain's bin directory first on PATH, so {@code lake} finds its {@code lean}. */
  public Map<String, String> forLake(Path lake) {
    Map<String, String> env = new TreeMap<>(variables);
    Path bin = lake.toAbsolutePath().getParent();
    if (bin != null) {
      String path = env.get("PATH");
      env.put("PATH", path == null || path.isEmpty() ? bin.toString() : bin + File.pathSeparator + path);
    }
    return env;
  }

  public Map<String, String> variables() {
    return variables;
  }

  /** A copy with one more variable, for callers that steer a single run. */
  public LeanEnvironment with(String name, String value) {
    Map<String, String> copy = new TreeMap<>(variables);
    copy.put(name, value);
    return new LeanEnvironment(copy);
  }
}
