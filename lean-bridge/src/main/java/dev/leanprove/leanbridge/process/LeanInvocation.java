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
 */
public record LeanInvocation(
    List<String> argv,
    Path workDir,
    Map<String, String> env,
    Duration timeout,
    long memoryLimitBytes,
    String stdin) {

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
  }
}
