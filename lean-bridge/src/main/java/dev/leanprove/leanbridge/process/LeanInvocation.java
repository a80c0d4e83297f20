package dev.leanprove.leanbridge.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One process to run: argv, working directory, the complete environment, limits and stdin.
 *
 * @param env the whole environment of the child; nothing is inherited implicitly
 * @param memoryLimitBytes resident memory cap for the whole process tree, or 0 for none
 * @param stdin text written to the child's standard input, or "" for none
 * @param mounts what this run's sandbox sees besides the runner's own mounts (e.g. its writable scratch
 *     directory); ignored when the runner does not sandbox
 */
public record LeanInvocation(
    List<String> argv,
    Path workDir,
    Map<String, String> env,
    Duration timeout,
    long memoryLimitBytes,
    String stdin,
    SandboxMounts mounts) {

  /** An invocation that needs nothing in a sandbox beyond the runner's own mounts. */
  public LeanInvocation(
      List<String> argv, Path workDir, Map<String, String> env, Duration timeout, long memoryLimitBytes, String stdin) {
    this(argv, workDir, env, timeout, memoryLimitBytes, stdin, SandboxMounts.NONE);
  }

  public LeanInvocation {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    Objects.requireNonNull(workDir, "workDir");
    env = Map.copyOf(env);
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (memoryLimitBytes < 0) {
      throw new IllegalArgumentException("memoryLimitBytes must not be negative: " + memoryLimitBytes);
    }
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(mounts, "mounts");
  }
}
