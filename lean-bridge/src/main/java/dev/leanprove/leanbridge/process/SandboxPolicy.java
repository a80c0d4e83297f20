package dev.leanprove.leanbridge.process;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How Lean processes are sandboxed: the mode, and host paths an operator adds to what they see
 * (a toolchain or package cache outside the usual places).
 *
 * @param extraMounts bound into every sandbox besides the toolchain, the workspace and the system
 */
public record SandboxPolicy(SandboxMode mode, SandboxMounts extraMounts) {

  /** Colon-separated host paths every sandbox sees read-only. */
  public static final String READ_ONLY_VARIABLE = "LEANPROVE_SANDBOX_RO";
  /** Colon-separated host paths every sandbox may write. */
  public static final String WRITABLE_VARIABLE = "LEANPROVE_SANDBOX_RW";

  public SandboxPolicy {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(extraMounts, "extraMounts");
  }

  /** The mode, with extra mounts from {@link #READ_ONLY_VARIABLE} and {@link #WRITABLE_VARIABLE}. */
  public static SandboxPolicy fromEnvironment(SandboxMode mode, Map<String, String> systemEnv) {
    return new SandboxPolicy(mode, new SandboxMounts(
        paths(systemEnv.get(READ_ONLY_VARIABLE)), paths(systemEnv.get(WRITABLE_VARIABLE))));
  }

  private static List<Path> paths(String list) {
    List<Path> paths = new ArrayList<>();
    if (list == null) {
      return paths;
    }
    for (String entry : list.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        paths.add(Path.of(entry.strip()));
      }
    }
    return paths;
  }
}
