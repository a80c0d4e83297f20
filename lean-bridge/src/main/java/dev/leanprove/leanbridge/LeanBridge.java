package dev.leanprove.leanbridge;

import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.nio.file.Path;
import java.util.Map;

/** The wired lean-bridge: a located toolchain, a ready workspace, the process pool and the verifier over them. */
public final class LeanBridge implements AutoCloseable {

  private final LeanRunner runner;
  private final Toolchain toolchain;
  private final Workspace workspace;
  private final Verifier verifier;

  private LeanBridge(LeanRunner runner, Toolchain toolchain, Workspace workspace, Verifier verifier) {
    this.runner = runner;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.verifier = verifier;
  }

  /**
   * Finds the toolchain and checks the workspace is set up.
   *
   * @param systemEnv the environment to take PATH, HOME and Lean's variables from
   * @param concurrency how many Lean processes may run at once
   * @throws ToolchainMissingException when there is no lake, the workspace was never set up, or kernel
   *     replay is required and its checker is not built
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency)
      throws ToolchainMissingException {
    Workspace workspace = new Workspace(workspaceDir);
    if (!workspace.isLaidOut() || !workspace.hasMathlib()) {
      throw new ToolchainMissingException("The Lean workspace at " + workspace.dir()
          + " is not set up (no Mathlib under .lake/packages). Run `leanprove setup` first"
          + " (or point --workspace / LEANPROVE_WORKSPACE at a set-up workspace).");
    }
    if (config.requireKernelReplay() && !workspace.hasChecker()) {
      // Fail at start rather than refuse every proof later: nothing could be reported PROVED.
      throw new ToolchainMissingException("Kernel replay is required (--require-kernel-replay) but the kernel checker "
          + "is not built in " + workspace.dir() + ". Run `leanprove setup` (it builds it, or says why it cannot).");
    }
    LeanRunner runner = new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES);
    try {
      Toolchain toolchain = new ToolchainLocator(systemEnv, runner).locate(workspace.dir());
      LakeVerifier verifier =
          new LakeVerifier(toolchain, workspace, runner, LeanEnvironment.from(systemEnv), config);
      return new LeanBridge(runner, toolchain, workspace, verifier);
    } catch (ToolchainMissingException | RuntimeException e) {
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

  /** Kills every Lean process still running (warm kernel checkers included) and stops the pool. */
  @Override
  public void close() {
    if (verifier instanceof LakeVerifier) {
      ((LakeVerifier) verifier).close();
    }
    runner.close();
  }
}
