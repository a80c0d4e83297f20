package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.VerifierKind;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options every command that runs Lean shares: where, how long, how much. */
final class LeanOptions {

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

  @Option(names = "--max-file-size", paramLabel = "KB", defaultValue = "1024",
      description = "Largest Lean file accepted, in KB (default: ${DEFAULT-VALUE}).")
  int maxFileKb;

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
        allowNativeDecide, allowed, maxFileKb * 1024);
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

  int maxFileBytes() {
    return maxFileKb * 1024;
  }

  /** Starts lean-bridge or ends the command with exit code 3 and what to install. */
  LeanBridge startBridge(CliEnvironment env) {
    int jobs = leanJobs != null ? leanJobs : LeanRunner.defaultConcurrency();
    if (jobs < 1) {
      throw new ExitException(ExitCodes.USAGE, "--lean-jobs must be at least 1: " + jobs);
    }
    try {
      return LeanBridge.start(env.variables(), workspaceDir(env), verifierConfig(), jobs, verifierKind());
    } catch (ToolchainMissingException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, e.getMessage());
    }
  }
}
