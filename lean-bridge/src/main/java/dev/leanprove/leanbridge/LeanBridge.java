package dev.leanprove.leanbridge;

import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.PreparationPool;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;

/**
 * The wired lean-bridge: a located toolchain, a ready workspace, the verifier, and the two pools
 * under it (the Lean process pool and the check-preparation pool), both with bounded queues. It
 * creates the pools and shuts them down.
 */
public final class LeanBridge implements AutoCloseable {

  private final LeanRunner runner;
  private final PreparationPool preparation;
  private final Toolchain toolchain;
  private final Workspace workspace;
  private final Verifier verifier;

  private LeanBridge(LeanRunner runner, PreparationPool preparation, Toolchain toolchain, Workspace workspace,
      Verifier verifier) {
    this.runner = runner;
    this.preparation = preparation;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.verifier = verifier;
  }

  /**
   * Finds the toolchain and checks the workspace is set up.
   *
   * @param systemEnv the environment to take PATH, HOME and Lean's variables from
   * @param concurrency how many Lean processes may run at once
   * @throws ToolchainMissingException when there is no lake, or the workspace was never set up
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency)
      throws ToolchainMissingException {
    Workspace workspace = new Workspace(workspaceDir);
    if (!workspace.isLaidOut() || !workspace.hasMathlib()) {
      throw new ToolchainMissingException("The Lean workspace at " + workspace.dir()
          + " is not set up (no Mathlib under .lake/packages). Run `leanprove setup` first"
          + " (or point --workspace / LEANPROVE_WORKSPACE at a set-up workspace).");
    }
    LeanRunner runner = new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES, LeanRunner.DEFAULT_KILL_GRACE,
        LeanRunner.DEFAULT_QUEUE_CAPACITY);
    PreparationPool preparation = PreparationPool.withDefaults();
    try {
      Toolchain toolchain = new ToolchainLocator(systemEnv, runner).locate(workspace.dir());
      LakeVerifier verifier =
          new LakeVerifier(toolchain, workspace, runner, LeanEnvironment.from(systemEnv), config, preparation);
      return new LeanBridge(runner, preparation, toolchain, workspace, verifier);
    } catch (ToolchainMissingException | RuntimeException e) {
      preparation.close();
      runner.close();
      throw e;
    }
  }

  public Verifier verifier() {
    return verifier;
  }

  public Toolchain toolchain() {
    return toolchain;
  }

  public Workspace workspace() {
    return workspace;
  }

  public LeanRunner runner() {
    return runner;
  }

  /** Stops both pools: no more checks are prepared, and every Lean process still running is killed. */
  @Override
  public void close() {
    preparation.close();
    runner.close();
  }
}
