package dev.leanprove.leanbridge;

import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.process.SandboxAvailability;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxMounts;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.process.SandboxUnavailableException;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
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

/** The wired lean-bridge: a located toolchain, a ready workspace, the process pool and the verifier over them. */
public final class LeanBridge implements AutoCloseable {

  private final LeanRunner runner;
  private final Toolchain toolchain;
  private final Workspace workspace;
  private final Verifier verifier;
  private final String sandboxProblem;

  private LeanBridge(LeanRunner runner, Toolchain toolchain, Workspace workspace, Verifier verifier,
      String sandboxProblem) {
    this.runner = runner;
    this.toolchain = toolchain;
    this.workspace = workspace;
    this.verifier = verifier;
    this.sandboxProblem = sandboxProblem;
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
    try {
      return start(systemEnv, workspaceDir, config, concurrency,
          SandboxPolicy.fromEnvironment(SandboxMode.PREFERRED, systemEnv));
    } catch (SandboxUnavailableException e) {
      throw new IllegalStateException("a preferred sandbox is never required", e);
    }
  }

  /**
   * Finds the toolchain, checks the workspace is set up, and decides the sandbox: every Lean
   * process then runs in bubblewrap seeing the toolchain and the workspace read-only, the policy's
   * extra mounts, and its own scratch directory.
   *
   * @param systemEnv the environment to take PATH, HOME and Lean's variables from
   * @param concurrency how many Lean processes may run at once
   * @throws ToolchainMissingException when there is no lake, or the workspace was never set up
   * @throws SandboxUnavailableException when the policy requires the sandbox and bubblewrap cannot provide it
   */
  public static LeanBridge start(Map<String, String> systemEnv, Path workspaceDir, VerifierConfig config, int concurrency,
      SandboxPolicy policy) throws ToolchainMissingException, SandboxUnavailableException {
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
    LeanRunner runner =
        new LeanRunner(concurrency, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES, LeanRunner.DEFAULT_KILL_GRACE, sandbox);
    try {
      Toolchain toolchain = new ToolchainLocator(systemEnv, runner).locate(workspace.dir());
      LakeVerifier verifier =
          new LakeVerifier(toolchain, workspace, runner, LeanEnvironment.from(systemEnv), config);
      return new LeanBridge(runner, toolchain, workspace, verifier, sandboxProblem);
    } catch (ToolchainMissingException | RuntimeException e) {
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

  /** Kills every Lean process still running (warm kernel checkers included) and stops the pool. */
  @Override
  public void close() {
    if (verifier instanceof LakeVerifier) {
      ((LakeVerifier) verifier).close();
    }
    runner.close();
  }
}
