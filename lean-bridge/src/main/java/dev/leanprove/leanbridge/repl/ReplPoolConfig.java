package dev.leanprove.leanbridge.repl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How REPL processes are started and how far each is trusted.
 *
 * @param argv how to start one REPL in {@code workDir}, e.g. {@code lake env .lake/packages/REPL/.lake/build/bin/repl}
 * @param workDir the Lake workspace the REPL runs in
 * @param env the complete environment of each process
 * @param launcher applied to {@code argv} just before each start: the seam where a sandbox wraps the command
 *     (bubblewrap); {@link UnaryOperator#identity()} for none
 * @param maxProcesses how many REPL processes may live at once (the Lean jobs)
 * @param maxUsesPerProcess commands a process runs before it is replaced (Lean's memory grows with use)
 * @param headerTimeout limit for the header command (imports: seconds to minutes for Mathlib)
 * @param maxWait how long a caller waits for a free process before {@link ReplPoolBusyException}
 * @param memoryLimitBytes resident-memory cap for one process tree, 0 for none
 * @param killGrace between SIGTERM and SIGKILL
 */
public record ReplPoolConfig(List<String> argv, Path workDir, Map<String, String> env,
    UnaryOperator<List<String>> launcher, int maxProcesses, int maxUsesPerProcess, Duration headerTimeout,
    Duration maxWait, long memoryLimitBytes, Duration killGrace) {

  /** Kimina Lean Server replaces a REPL after a few hundred commands; Lean's heap only grows. */
  public static final int DEFAULT_MAX_USES = 200;
  public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(1);

  public ReplPoolConfig {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    Objects.requireNonNull(workDir, "workDir");
    env = Map.copyOf(env);
    Objects.requireNonNull(launcher, "launcher");
    if (maxProcesses < 1) {
      throw new IllegalArgumentException("maxProcesses must be positive: " + maxProcesses);
    }
    if (maxUsesPerProcess < 1) {
      throw new IllegalArgumentException("maxUsesPerProcess must be positive: " + maxUsesPerProcess);
    }
    requirePositive(headerTimeout, "headerTimeout");
    requirePositive(maxWait, "maxWait");
    if (memoryLimitBytes < 0) {
      throw new IllegalArgumentException("memoryLimitBytes must not be negative: " + memoryLimitBytes);
    }
    Objects.requireNonNull(killGrace, "killGrace");
    if (killGrace.isNegative()) {
      throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
    }
  }

  /** Defaults for everything but where and how to start, how many and the memory cap. */
  public static ReplPoolConfig of(List<String> argv, Path workDir, Map<String, String> env, int maxProcesses,
      long memoryLimitBytes) {
    return new ReplPoolConfig(argv, workDir, env, UnaryOperator.identity(), maxProcesses, DEFAULT_MAX_USES,
        DEFAULT_HEADER_TIMEOUT, DEFAULT_MAX_WAIT, memoryLimitBytes, Duration.ofSeconds(2));
  }

  public ReplPoolConfig withLauncher(UnaryOperator<List<String>> wrap) {
    return new ReplPoolConfig(argv, workDir, env, wrap, maxProcesses, maxUsesPerProcess, headerTimeout, maxWait,
        memoryLimitBytes, killGrace);
  }

  public ReplPoolConfig withHeaderTimeout(Duration timeout) {
    return new ReplPoolConfig(argv, workDir, env, launcher, maxProcesses, maxUsesPerProcess, timeout, maxWait,
        memoryLimitBytes, killGrace);
  }

  public ReplPoolConfig withMaxUses(int uses) {
    return new ReplPoolConfig(argv, workDir, env, launcher, maxProcesses, uses, headerTimeout, maxWait,
        memoryLimitBytes, killGrace);
  }

  public ReplPoolConfig withMaxWait(Duration wait) {
    return new ReplPoolConfig(argv, workDir, env, launcher, maxProcesses, maxUsesPerProcess, headerTimeout, wait,
        memoryLimitBytes, killGrace);
  }

  public ReplPoolConfig withKillGrace(Duration grace) {
    return new ReplPoolConfig(argv, workDir, env, launcher, maxProcesses, maxUsesPerProcess, headerTimeout, maxWait,
        memoryLimitBytes, grace);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
