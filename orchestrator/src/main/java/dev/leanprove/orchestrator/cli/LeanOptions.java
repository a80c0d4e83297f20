package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.VerifierKind;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.process.SandboxUnavailableException;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options every command that runs Lean shares: where, how long, how much, how confined. */
final class LeanOptions {

  static final String INSTALL_BUBBLEWRAP = "Install bubblewrap (Debian/Ubuntu: apt-get install bubblewrap)";

  @Option(names = "--workspace", paramLabel = "DIR",
      description = "Lake workspace checks run in (default: $LEANPROVE_WORKSPACE, else ~/.local/share/leanprove/workspace).")
  Path workspace;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Wall-clock limit per Lean run; the whole process tree is killed at it (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--memory-limit", paramLabel = "MB", defaultValue = "12288",
      description = "Resident memory cap per Lean run in MB, 0 for none (default: ${DEFAULT-VALUE}).")
  long memoryLimitMb;

  @Option(names = "--lean-jobs", paramLabel = "N",
      description = "Lean processes at once (default: from CPUs and memory).")
  Integer leanJobs;

  @Option(names = "--verifier", paramLabel = "repl|process", defaultValue = "auto",
      description = "Where Lean checks run: repl = warm Lean REPL processes with the imports loaded once (built by setup),"
          + " process = a fresh `lake env lean` per check (default: repl where it is built, else process).")
  String verifier;

  @Option(names = "--allow", paramLabel = "TOKEN", split = ",",
      description = "Forbidden tokens to allow anyway, e.g. notation,macro.")
  List<String> allowedTokens = List.of();

  @Option(names = "--allow-native-decide",
      description = "Accept proofs that depend on native_decide's compiler axioms.")
  boolean allowNativeDecide;

  @Option(names = "--require-kernel-replay",
      description = "Report PROVED only when the kernel-replay checker (built by setup) confirmed it; "
          + "a merely screened proof then fails with TOOLCHAIN_MISSING.")
  boolean requireKernelReplay;

  @Option(names = "--max-file-size", paramLabel = "KB", defaultValue = "1024",
      description = "Largest Lean file accepted, in KB (default: ${DEFAULT-VALUE}).")
  int maxFileKb;

  /** A terabyte: more is a typo, and MB counts above it would overflow as bytes. */
  static final long MAX_CACHE_MB = 1L << 20;

  @Option(names = "--verdict-cache", paramLabel = "MB", defaultValue = "128",
      description = "Memory for remembered verdicts, in MB: an identical check is answered without Lean (default: ${DEFAULT-VALUE}; 0 = none).")
  long verdictCacheMb;

  @Option(names = "--no-sandbox",
      description = "Run Lean without bubblewrap: proofs then run with this user's network and files. "
          + "Without bubblewrap, serve refuses to start unless given this; check, prove and batch warn.")
  boolean noSandbox;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** What happens without bubblewrap: one-shot commands warn, serve refuses (see {@link #requireSandbox}). */
  private SandboxMode wanted = SandboxMode.PREFERRED;

  /** Makes a missing or unusable bubblewrap end the command with exit 3, unless --no-sandbox is given. */
  void requireSandbox() {
    wanted = SandboxMode.REQUIRED;
  }

  SandboxMode sandboxMode() {
    return noSandbox ? SandboxMode.OFF : wanted;
  }

  VerifierConfig verifierConfig() {
    if (timeoutSeconds <= 0) {
      throw new ExitException(ExitCodes.USAGE, "--timeout must be positive: " + timeoutSeconds);
    }
    if (memoryLimitMb < 0) {
      throw new ExitException(ExitCodes.USAGE, "--memory-limit must not be negative: " + memoryLimitMb);
    }
    if (maxFileKb <= 0) {
      throw new ExitException(ExitCodes.USAGE, "--max-file-size must be positive: " + maxFileKb);
    }
    Set<String> allowed = new HashSet<>(allowedTokens);
    return new VerifierConfig(Duration.ofSeconds(timeoutSeconds), memoryLimitMb << 20, VerifierConfig.STANDARD_AXIOMS,
        allowNativeDecide, allowed, maxFileKb * 1024, requireKernelReplay);
  }

  VerifierKind verifierKind() {
    try {
      return VerifierKind.parse(verifier);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, "--verifier must be repl or process: " + verifier);
    }
  }

  Path workspaceDir(CliEnvironment env) {
    return workspace != null ? workspace : WorkspaceLayout.defaultDir(env.variables());
  }

  long verdictCacheBytes() {
    if (verdictCacheMb < 0 || verdictCacheMb > MAX_CACHE_MB) {
      throw new ExitException(ExitCodes.USAGE, "--verdict-cache must be between 0 and " + MAX_CACHE_MB + " MB: " + verdictCacheMb);
    }
    return verdictCacheMb << 20;
  }

  int maxFileBytes() {
    return maxFileKb * 1024;
  }

  /**
   * Starts lean-bridge or ends the command with exit code 3 and what to install. Where Lean has to
   * run unsandboxed although the sandbox was wanted, says so on stderr.
   */
  LeanBridge startBridge(CliEnvironment env) {
    int jobs = leanJobs != null ? leanJobs : LeanRunner.defaultConcurrency();
    if (jobs < 1) {
      throw new ExitException(ExitCodes.USAGE, "--lean-jobs must be at least 1: " + jobs);
    }
    LeanBridge bridge;
    try {
      bridge = LeanBridge.start(env.variables(), workspaceDir(env), verifierConfig(), jobs,
          SandboxPolicy.fromEnvironment(sandboxMode(), env.variables()), verifierKind());
    } catch (ToolchainMissingException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, e.getMessage());
    } catch (SandboxUnavailableException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "refusing to run Lean on what clients send without a sandbox: "
          + e.getMessage() + ". " + INSTALL_BUBBLEWRAP + ", or pass --no-sandbox to run Lean unsandboxed.");
    }
    bridge.sandboxProblem().ifPresent(problem -> warn("Lean runs unsandboxed (network and files of this user reachable): "
        + problem + ". " + INSTALL_BUBBLEWRAP + ", or pass --no-sandbox to silence this warning."));
    return bridge;
  }

  private void warn(String message) {
    PrintWriter err = command != null ? command.commandLine().getErr() : new PrintWriter(System.err, true);
    err.println("leanprove: warning: " + message);
    err.flush();
  }
}
