package dev.leanprove.leanbridge;

import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.process.SandboxAvailability;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxMounts;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.process.SandboxUnavailableException;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.repl.ReplPoolConfig;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.PreparationPool;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
  private final String sandboxProblem;
  private final Optional<ReplPool> replPool;

  private LeanBridge(LeanRunner runner, PreparationPool preparation, Toolchain toolchain, Workspace workspace,
      Verifier verifier, String sandboxProblem, Optional<ReplPool> replPool) {
    this.runner = runner;
    this.preparation = preparation;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.verifier = verifier;
    this.sandboxProblem = sandboxProblem;
    this.replPool = replPool;
  }

  /**
   * Starts with the sandbox where bubblewrap works ({@link SandboxMode#PREFERRED}), extra mounts
   * taken from the environment.
   *
   * @throws ToolchainMissingException when there is no lake, the workspace was never set up, or kernel
   *     replay is required and its checker is not built
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency)
      throws ToolchainMissingException {
    return start(systemEnv, workspaceDir, config, concurrency, VerifierKind.AUTO);
  }

  /** As {@link #start(Map, Path, VerifierConfig, int)}, with the first stage chosen (see the full form). */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency,
      VerifierKind kind) throws ToolchainMissingException {
    try {
      return start(systemEnv, workspaceDir, config, concurrency,
          SandboxPolicy.fromEnvironment(SandboxMode.PREFERRED, systemEnv), kind);
    } catch (SandboxUnavailableException e) {
      throw new IllegalStateException("a preferred sandbox is never required", e);
    }
  }

  /** As the full form, the first stage chosen by what setup built ({@link VerifierKind#AUTO}). */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency,
      SandboxPolicy policy) throws ToolchainMissingException, SandboxUnavailableException {
    return start(systemEnv, workspaceDir, config, concurrency, policy, VerifierKind.AUTO);
  }

  /**
   * Finds the toolchain, checks the workspace is set up, and decides the sandbox: every Lean
   * process then runs in bubblewrap seeing the toolchain and the workspace read-only, the policy's
   * extra mounts, and its own scratch directory.
   *
   * The first stage is a warm REPL pool ({@code REPL}, which needs the REPL built by {@code setup}),
   * a fresh {@code lake env lean} per check ({@code PROCESS}), or the REPL where it is built ({@code AUTO});
   * REPL processes run in the same sandbox.
   *
   * @param systemEnv the environment to take PATH, HOME and Lean's variables from
   * @param concurrency how many Lean processes may run at once
   * @throws ToolchainMissingException when there is no lake, the workspace was never set up, or the
   *     REPL is asked for and not built
   * @throws SandboxUnavailableException when the policy requires the sandbox and bubblewrap cannot provide it
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency,
      SandboxPolicy policy, VerifierKind kind) throws ToolchainMissingException, SandboxUnavailableException {
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
    Optional<Sandbox> sandbox = Optional.empty();
    String sandboxProblem = "";
    if (policy.mode() != SandboxMode.OFF) {
      SandboxAvailability availability = sandboxFor(systemEnv, workspace, policy.extraMounts());
      if (!availability.usable() && policy.mode() == SandboxMode.REQUIRED) {
        throw new SandboxUnavailableException(availability.problem());
      }
      sandboxProblem = availability.problem();
      sandbox = availability.sandbox();
    }
    LeanRunner runner = new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES, LeanRunner.DEFAULT_KILL_GRACE,
        LeanRunner.DEFAULT_QUEUE_CAPACITY, sandbox);
    PreparationPool preparation = PreparationPool.withDefaults();
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
        LakeVerifier verifier = new LakeVerifier(toolchain, workspace, runner, environment, config, Optional.empty(),
            preparation, LakeVerifier.sandboxedBy(runner, environment.forLake(toolchain.lake()), workspace));
        return new LeanBridge(runner, preparation, toolchain, workspace, verifier, sandboxProblem, Optional.empty());
      }
      // As the REPL's own tests start it: `lake env REPL` from the workspace, so Mathlib is on LEAN_PATH;
      // in the runner's sandbox, like every other Lean process.
      Map<String, String> lakeEnv = environment.forLake(toolchain.lake());
      ReplPool pool = new ReplPool(ReplPoolConfig.of(
          List.of(toolchain.lake().toString(), "env", repl.get().toString()), workspace.dir(), lakeEnv, concurrency,
          config.memoryLimitBytes())
          .withLauncher(argv -> runner.commandFor(new LeanInvocation(argv, workspace.dir(), lakeEnv,
              config.timeout(), config.memoryLimitBytes(), "")))
          // A fresh process must import and check within --timeout; loading the imports alone gets no more.
          .withHeaderTimeout(config.timeout()));
      LakeVerifier verifier = new LakeVerifier(toolchain, workspace, runner, environment, config, Optional.of(pool),
          preparation, LakeVerifier.sandboxedBy(runner, lakeEnv, workspace));
      return new LeanBridge(runner, preparation, toolchain, workspace, verifier, sandboxProblem, Optional.of(pool));
    } catch (ToolchainMissingException | RuntimeException e) {
      preparation.close();
      runner.close();
      throw e;
    }
  }

  /**
   * bubblewrap on this machine, set up to show Lean the toolchain and the workspace read-only plus
   * {@code extra}; or why it cannot run here.
   *
   * @throws ToolchainMissingException when {@code LEANPROVE_LAKE} names no executable
   */
  public static SandboxAvailability sandboxFor(Map<String, String> systemEnv, Workspace workspace, SandboxMounts extra)
      throws ToolchainMissingException {
    SandboxAvailability availability = Sandbox.detect(systemEnv);
    if (!availability.usable()) {
      return availability;
    }
    SandboxMounts mounts = workspaceMounts(workspace).plus(extra);
    Optional<Path> lake = ToolchainLocator.findLake(systemEnv);
    if (lake.isPresent()) {
      mounts = mounts.plus(SandboxMounts.readOnly(ToolchainLocator.installDirs(lake.get(), systemEnv)));
    }
    return new SandboxAvailability(Optional.of(availability.sandbox().get().withMounts(mounts)), "");
  }

  /**
   * The workspace read-only, with the real locations of it and of each package under
   * {@code .lake/packages} where links lead elsewhere (a shared Mathlib checkout).
   */
  private static SandboxMounts workspaceMounts(Workspace workspace) {
    List<Path> dirs = new ArrayList<>();
    dirs.add(workspace.dir());
    addRealPath(workspace.dir(), dirs);
    Path packages = workspace.dir().resolve(".lake").resolve("packages");
    if (Files.isDirectory(packages)) {
      try (Stream<Path> entries = Files.list(packages)) {
        entries.forEach(p -> addRealPath(p, dirs));
      } catch (IOException e) {
        // Unlistable: the packages stay where the workspace mount shows them.
      }
    }
    return SandboxMounts.readOnly(dirs);
  }

  private static void addRealPath(Path path, List<Path> dirs) {
    try {
      Path real = path.toRealPath();
      if (dirs.stream().noneMatch(real::startsWith)) {
        dirs.add(real);
      }
    } catch (IOException e) {
      // A dangling link shows nothing either way.
    }
  }

  /** Whether Lean processes run inside bubblewrap. */
  public boolean sandboxed() {
    return runner.sandbox().isPresent();
  }

  /** Why Lean runs unsandboxed although the sandbox was wanted; empty when sandboxed or switched off. */
  public Optional<String> sandboxProblem() {
    return sandboxProblem.isEmpty() ? Optional.empty() : Optional.of(sandboxProblem);
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

  /** Kills every Lean process still running (warm REPLs and kernel checkers included) and stops the pool. */
  @Override
  public void close() {
    preparation.close();
    replPool.ifPresent(ReplPool::close);
    if (verifier instanceof LakeVerifier) {
      ((LakeVerifier) verifier).close();
    }
    runner.close();
  }
}
