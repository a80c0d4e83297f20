package dev.leanprove.leanbridge.workspace;

import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Makes a machine ready to check proofs: elan and the pinned toolchain (only with consent), the
 * workspace files, Mathlib's prebuilt cache and one build.
 */
public final class SetupProcedure {

  /** Fetching and building Mathlib takes long on a slow line; a stuck step still ends. */
  public static final Duration STEP_TIMEOUT = Duration.ofHours(2);

  /** The Lake target of the kernel-replay checker (workspace-template/lakefile.toml). */
  public static final String CHECKER_TARGET = "leanprove-checker";

  static final String ELAN_INSTALL =
      "curl --proto '=https' --tlsv1.2 -sSf https://raw.githubusercontent.com/leanprover/elan/master/elan-init.sh"
          + " | sh -s -- -y --default-toolchain none";

  private static final List<String> NETWORK_SIGNS =
      List.of("could not resolve", "network", "unable to access", "connection", "timed out", "curl:",
          "failed to download", "temporary failure", "no route to host");

  private final Map<String, String> systemEnv;
  private final LeanRunner runner;
  private final Consumer<String> progress;

  public SetupProcedure(Map<String, String> systemEnv, LeanRunner runner, Consumer<String> progress) {
    this.systemEnv = Map.copyOf(systemEnv);
    this.runner = runner;
    this.progress = progress;
  }

  /**
   * Runs every step that is still needed; each step reports to the progress consumer.
   *
   * @param installElan the user's consent to download and run elan's installer when no lake is found
   */
  public Toolchain run(Path workspaceDir, WorkspaceSpec spec, boolean installElan) throws SetupException {
    progress.accept("[1/4] Workspace " + workspaceDir + " (Lean " + spec.leanToolchain() + ", Mathlib " + spec.mathlibRev() + ")");
    boolean changed;
    try {
      changed = WorkspaceLayout.layOut(workspaceDir, spec);
    } catch (IOException e) {
      throw new SetupException("Could not write the workspace at " + workspaceDir + ": " + e.getMessage(), e);
    }
    progress.accept(changed ? "      wrote the workspace files" : "      files already up to date");

    progress.accept("[2/4] Lean toolchain");
    ToolchainLocator locator = new ToolchainLocator(systemEnv, runner);
    Optional<Path> lake = findLake(locator);
    if (lake.isEmpty()) {
      if (!installElan) {
        throw new SetupException("No Lean toolchain found (no `lake` on PATH, in ~/.elan/bin, or in "
            + ToolchainLocator.LAKE_VARIABLE + "). Run `leanprove setup --install-elan` to let setup install elan "
            + "(it runs: " + ELAN_INSTALL + "), or install Lean by hand: https://lean-lang.org/install");
      }
      progress.accept("      installing elan: " + ELAN_INSTALL);
      runStep("elan installer", List.of("sh", "-c", ELAN_INSTALL), workspaceDir, LeanEnvironment.from(systemEnv).variables());
      lake = findLake(locator);
      if (lake.isEmpty()) {
        throw new SetupException("elan's installer finished but no lake is in ~/.elan/bin; check its output above.");
      }
    }
    Toolchain toolchain;
    try {
      toolchain = locator.locate(workspaceDir);
    } catch (ToolchainMissingException e) {
      throw new SetupException(e.getMessage(), e);
    }
    progress.accept("      " + toolchain.lake() + ": " + toolchain.lakeVersion() + " (Lean " + toolchain.leanVersion() + ")");

    Map<String, String> env = LeanEnvironment.from(systemEnv).forLake(toolchain.lake());
    progress.accept("[3/4] Mathlib cache: lake exe cache get");
    runStep("lake exe cache get", List.of(toolchain.lake().toString(), "exe", "cache", "get"), workspaceDir, env);
    progress.accept("[4/4] lake build");
    runStep("lake build", List.of(toolchain.lake().toString(), "build"), workspaceDir, env);
    buildChecker(toolchain, workspaceDir, env);
    // The warm checker is optional: without it every check starts a fresh `lake env lean`.
    try {
      runStep("lake build repl", List.of(toolchain.lake().toString(), "build", "repl"), workspaceDir, env);
    } catch (SetupException e) {
      progress.accept("      the Lean REPL was not built, so checks start a fresh Lean process each (--verifier process): "
          + e.getMessage());
    }
    progress.accept("Setup done: checks run in " + workspaceDir);
    return toolchain;
  }

  /**
   * Builds the kernel-replay checker. Its failure does not fail setup: checks still run, their
   * verdicts marked {@code screened} instead of {@code kernel-replay}, and the user learns why here.
   */
  private void buildChecker(Toolchain toolchain, Path workspaceDir, Map<String, String> env) {
    progress.accept("      kernel checker: lake build " + CHECKER_TARGET);
    try {
      runStep("lake build " + CHECKER_TARGET, List.of(toolchain.lake().toString(), "build", CHECKER_TARGET), workspaceDir, env);
    } catch (SetupException e) {
      progress.accept("      the kernel checker could not be built, so verdicts will be `screened`, not `kernel-replay`"
          + " (and --require-kernel-replay will refuse every PROVED): " + e.getMessage());
    }
  }

  private static Optional<Path> findLake(ToolchainLocator locator) throws SetupException {
    try {
      return locator.findLake();
    } catch (ToolchainMissingException e) {
      throw new SetupException(e.getMessage(), e);
    }
  }

  private void runStep(String name, List<String> argv, Path dir, Map<String, String> env) throws SetupException {
    LeanRun run;
    try {
      run = runner.run(new LeanInvocation(argv, dir, env, STEP_TIMEOUT, 0, "")).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SetupException(name + " was interrupted", e);
    } catch (ExecutionException e) {
      throw new SetupException(name + " could not start: " + e.getCause().getMessage(), e.getCause());
    }
    String output = (run.stdout() + "\n" + run.stderr()).strip();
    if (run.termination() == Termination.TIMED_OUT) {
      throw new SetupException(name + " did not finish within " + STEP_TIMEOUT.toMinutes() + " minutes; output ends:\n" + tail(output));
    }
    if (run.termination() != Termination.EXITED || run.exitCode() != 0) {
      StringBuilder message =
          new StringBuilder(name + " failed (exit " + run.exitCode() + ") after " + run.wall().toSeconds() + " s; output ends:\n" + tail(output));
      if (looksLikeNetworkFailure(output)) {
        message.append("\n\nThis looks like no network access. Setup needs the internet once, to download "
            + "elan, the Lean toolchain and Mathlib's cache. Run `leanprove setup` again where the network is "
            + "reachable, or copy a ready workspace (with its .lake folder) and point "
            + WorkspaceLayout.WORKSPACE_VARIABLE + " at it.");
      }
      throw new SetupException(message.toString());
    }
    progress.accept("      " + name + " done in " + run.wall().toSeconds() + " s");
  }

  static boolean looksLikeNetworkFailure(String output) {
    String lower = output.toLowerCase(Locale.ROOT);
    return NETWORK_SIGNS.stream().anyMatch(lower::contains);
  }

  private static String tail(String text) {
    List<String> lines = text.lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
  }
}
