package dev.leanprove.leanbridge.toolchain;

import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.Termination;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Finds {@code lake}: {@code LEANPROVE_LAKE}, then {@code PATH}, then {@code ~/.elan/bin}; and asks it
 * which Lean it runs.
 */
public final class ToolchainLocator {

  /** Names the lake executable explicitly, overriding PATH. */
  public static final String LAKE_VARIABLE = "LEANPROVE_LAKE";

  // elan may download the pinned toolchain on its first call, so the probe gets more than a moment.
  static final Duration VERSION_PROBE_TIMEOUT = Duration.ofMinutes(5);

  private static final String INSTALL_HINT =
      "Install Lean with `leanprove setup --install-elan` (or by hand: https://lean-lang.org/install), "
          + "or set " + LAKE_VARIABLE + " to a lake executable.";

  private final Map<String, String> systemEnv;
  private final LeanRunner runner;

  public ToolchainLocator(Map<String, String> systemEnv, LeanRunner runner) {
    this.systemEnv = Map.copyOf(systemEnv);
    this.runner = runner;
  }

  /** Where lake is, without running it. */
  public Optional<Path> findLake() throws ToolchainMissingException {
    return findLake(systemEnv);
  }

  /** Where lake is by these variables, without running it. */
  public static Optional<Path> findLake(Map<String, String> systemEnv) throws ToolchainMissingException {
    String explicit = systemEnv.get(LAKE_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      Path lake = Path.of(explicit);
      if (!Files.isExecutable(lake)) {
        throw new ToolchainMissingException(
            LAKE_VARIABLE + "=" + explicit + " is not an executable file. " + INSTALL_HINT);
      }
      return Optional.of(lake);
    }
    String path = systemEnv.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "lake");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    String elanHome = systemEnv.get("ELAN_HOME");
    Path elanBin =
        elanHome != null ? Path.of(elanHome, "bin") : Path.of(systemEnv.getOrDefault("HOME", "/nonexistent"), ".elan", "bin");
    Path elanLake = elanBin.resolve("lake");
    return Files.isExecutable(elanLake) ? Optional.of(elanLake) : Optional.empty();
  }

  /**
   * The directories a sandboxed {@code lake} must see read-only: the toolchain that holds it (the
   * parent of its {@code bin}, found after resolving links, so an elan proxy brings elan's home with
   * its toolchains) and {@code ELAN_HOME}. A link to lake outside those is bound itself, never the
   * directory it sits in (a {@code ~/bin} would expose the home directory).
   */
  public static List<Path> installDirs(Path lake, Map<String, String> systemEnv) {
    Set<Path> dirs = new LinkedHashSet<>();
    Path given = lake.toAbsolutePath().normalize();
    Path real = given;
    try {
      real = given.toRealPath();
    } catch (IOException e) {
      // Not there (yet): bind what was named; starting it will report the problem.
    }
    Path bin = real.getParent();
    Path root = bin != null && bin.getFileName() != null && bin.getFileName().toString().equals("bin") ? bin.getParent() : bin;
    if (root != null && root.getParent() != null) {
      dirs.add(root);
    } else {
      dirs.add(real);
    }
    if (!given.equals(real)) {
      dirs.add(given);
    }
    String elanHome = systemEnv.get("ELAN_HOME");
    if (elanHome != null && !elanHome.isBlank() && Files.isDirectory(Path.of(elanHome))) {
      dirs.add(Path.of(elanHome).toAbsolutePath().normalize());
    }
    return List.copyOf(dirs);
  }

  /**
   * Finds lake and reads its version, running it in {@code workDir} (a workspace, so elan picks the
   * pinned toolchain). Call from a plain thread: it waits for the probe.
   */
  public Toolchain locate(Path workDir) throws ToolchainMissingException {
    Path lake =
        findLake()
            .orElseThrow(() -> new ToolchainMissingException("No Lean toolchain found: `lake` is not on PATH, "
                + "not in ~/.elan/bin, and " + LAKE_VARIABLE + " is not set. " + INSTALL_HINT));
    LeanEnvironment env = LeanEnvironment.from(systemEnv);
    LeanRun run = probe(lake, List.of(lake.toString(), "--version"), workDir, env);
    String firstLine = run.stdout().strip().lines().findFirst().orElse("");
    Optional<LeanVersion> version = LeanVersion.fromVersionOutput(run.stdout());
    if (version.isEmpty()) {
      Path lean = lake.resolveSibling("lean");
      if (Files.isExecutable(lean)) {
        version = LeanVersion.fromVersionOutput(probe(lake, List.of(lean.toString(), "--version"), workDir, env).stdout());
      }
    }
    LeanVersion leanVersion =
        version.orElseThrow(() -> new ToolchainMissingException("`" + lake + " --version` did not name a Lean version; it printed: "
            + tail(run.stdout() + run.stderr()) + ". " + INSTALL_HINT));
    return new Toolchain(lake, firstLine, leanVersion);
  }

  private LeanRun probe(Path lake, List<String> argv, Path workDir, LeanEnvironment env) throws ToolchainMissingException {
    Path dir = workDir != null && Files.isDirectory(workDir) ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
    LeanInvocation invocation = new LeanInvocation(argv, dir, env.forLake(lake), VERSION_PROBE_TIMEOUT, 0, "");
    LeanRun run;
    try {
      run = runner.run(invocation).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ToolchainMissingException("interrupted while asking " + lake + " for its version", e);
    } catch (ExecutionException e) {
      throw new ToolchainMissingException("Could not run " + String.join(" ", argv) + ": "
          + e.getCause().getMessage() + ". " + INSTALL_HINT, e.getCause());
    }
    if (run.termination() != Termination.EXITED || run.exitCode() != 0) {
      throw new ToolchainMissingException(String.join(" ", argv) + " failed (" + run.termination() + ", exit "
          + run.exitCode() + "): " + tail(run.stderr() + run.stdout()) + ". " + INSTALL_HINT);
    }
    return run;
  }

  private static String tail(String text) {
    String t = text.strip();
    return t.length() <= 400 ? t : "…" + t.substring(t.length() - 400);
  }
}
