package dev.leanprove.leanbridge;

import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.repl.ReplPoolConfig;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The wired lean-bridge: a located toolchain, a ready workspace, the process pool and the verifier over them. */
public final class LeanBridge implements AutoCloseable {

  private final LeanRunner runner;
  private final Toolchain toolchain;
  private final Workspace workspace;
  private final Verifier verifier;
  private final Optional<ReplPool> replPool;

  private LeanBridge(LeanRunner runner, Toolchain toolchain, Workspace workspace, Verifier verifier,
      Optional<ReplPool> replPool) {
    this.runner = runner;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.verifier = verifier;
    this.replPool = replPool;
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
    return start(systemEnv, workspaceDir, config, concurrency, VerifierKind.AUTO);
  }

  /**
   * As {@link #start(Map, Path, VerifierConfig, int)}, with the first stage chosen: {@code REPL} needs
   * the REPL built by {@code setup}; {@code AUTO} uses it where it is built.
   *
   * @throws ToolchainMissingException also when {@code REPL} is asked for and the REPL is not built
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency,
      VerifierKind kind) throws ToolchainMissingException {
    Workspace workspace = new Workspace(workspaceDir);
    if (!workspace.isLaidOut() || !workspace.hasMathlib()) {
      throw new ToolchainMissingException("The Lean workspace at " + workspace.dir()
          + " is not set up (no Mathlib under .lake/packages). Run `leanprove setup` first"
          + " (or point --workspace / LEANPROVE_WORKSPACE at a set-up workspace).");
    }
    LeanRunner runner = new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES);
    try {
      Toolchain toolchain = new ToolchainLocator(systemEnv, runner).locate(workspace.dir());
      LeanEnvironment environment = LeanEnvironment.from(systemEnv);
      Optional<Path> repl = workspace.replBinary();
      if (kind == VerifierKind.REPL && repl.isEmpty()) {
        throw new ToolchainMissingException("--verifier repl: the Lean REPL is not built in " + workspace.dir()
            + " (no .lake/packages/REPL/.lake/build/bin/repl). Run `leanprove setup` (it runs `lake build repl`),"
            + " or use --verifier process.");
      }
      if (kind == VerifierKind.PROCESS || repl.isEmpty()) {
        LakeVerifier verifier = new LakeVerifier(toolchain, workspace, runner, environment, config);
        return new LeanBridge(runner, toolchain, workspace, verifier, Optional.empty());
      }
      // As the REPL's own tests start it: `lake env REPL` from the workspace, so Mathlib is on LEAN_PATH.
      // The sandbox seam: ReplPoolConfig.withLauncher wraps this argv (bubblewrap) before every start.
      ReplPool pool = new ReplPool(ReplPoolConfig.of(
          List.of(toolchain.lake().toString(), "env", repl.get().toString()), workspace.dir(),
          environment.forLake(toolchain.lake()), concurrency, config.memoryLimitBytes()));
      LakeVerifier verifier = new LakeVerifier(toolchain, workspace, runner, environment, config, pool);
      return new LeanBridge(runner, toolchain, workspace, verifier, Optional.of(pool));
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

  /** Which first stage the verifier uses: {@code REPL} or {@code PROCESS}, never {@code AUTO}. */
  public VerifierKind verifierKind() {
    return replPool.isPresent() ? VerifierKind.REPL : VerifierKind.PROCESS;
  }

  /** The warm REPL processes, when the verifier uses them. */
  public Optional<ReplPool> replPool() {
    return replPool;
  }

  /** Kills every Lean process still running and stops the pool. */
  @Override
  public void close() {
    replPool.ifPresent(ReplPool::close);
    runner.close();
  }
}
