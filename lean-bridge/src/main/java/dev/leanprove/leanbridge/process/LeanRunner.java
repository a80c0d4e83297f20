package dev.leanprove.leanbridge.process;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs Lean processes, at most a fixed number at a time, each under a deadline and an optional
 * memory cap, and kills each one's whole process tree when it has to go.
 *
 * <p>Runs execute on the runner's own threads ({@code lean-run-N}), never the caller's; surplus
 * runs wait in a bounded queue for a slot, and beyond it are refused with {@link LeanBusyException}. The timeout counts from the start of the process, not from
 * the submission. Output is captured per stream up to a cap, keeping head and tail.
 *
 * <p>Killing a tree: its members are listed before the root is touched, all get SIGTERM, and the
 * survivors SIGKILL after the grace period; a run completes only once they are gone. Descendants
 * are also tracked while the run lives, so what the root leaves behind when it exits is killed too;
 * only a process started and orphaned between two looks (a fraction of a second) can escape that way.
 * A runner with a {@link Sandbox} closes that gap: every run starts inside bubblewrap with its own PID
 * namespace and {@code --die-with-parent}, so killing bwrap kills everything inside, orphans included.
 *
 * <p>The memory cap is the summed anonymous resident memory (RssAnon) of the tree, sampled every 100 ms from
 * {@code /proc}. Where there is no {@code /proc} the cap is not enforced, with one warning logged.
 * RLIMIT_AS is not used because Lean maps gigabytes of .olean files into its address space.
 */
public final class LeanRunner implements AutoCloseable {

  /** The Lean time limit of DeepSeek-Prover and Goedel-Prover evaluations. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
  /** Per stream; a Lean error log of this size is already far beyond useful. */
  public static final long DEFAULT_OUTPUT_CAP_BYTES = 4L * 1024 * 1024;
  /** Between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(2);

  /** Runs waiting for a slot at most; a search floods Lean with far fewer, so reaching it means a flood. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;

  /** What one Lean process with Mathlib imported may take. */
  static final long MEMORY_PER_RUN_BYTES = 4L * 1024 * 1024 * 1024;
  static final long MAX_OUTPUT_CAP_BYTES = 1L << 30;

  private final long outputCapBytes;
  private final Duration killGrace;
  private final Optional<Sandbox> sandbox;
  private final ThreadPoolExecutor runPool;
  private final ScheduledThreadPoolExecutor watchdog;
  private final LiveRunRegistry registry;
  private final Thread shutdownHook;
  private final AtomicLong runIds = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** A runner sized from this machine, with the default output cap and grace period. */
  public LeanRunner() {
    this(defaultConcurrency(), DEFAULT_OUTPUT_CAP_BYTES);
  }

  public LeanRunner(int maxConcurrentRuns, long outputCapBytes) {
    this(maxConcurrentRuns, outputCapBytes, DEFAULT_KILL_GRACE);
  }

  /**
   * @param maxConcurrentRuns how many processes may run at once; more runs wait for a slot
   * @param outputCapBytes how much of each of stdout and stderr is kept
   * @param killGrace how long a killed tree gets between SIGTERM and SIGKILL
   */
  public LeanRunner(int maxConcurrentRuns, long outputCapBytes, Duration killGrace) {
    this(maxConcurrentRuns, outputCapBytes, killGrace, DEFAULT_QUEUE_CAPACITY, Optional.empty());
  }

  /**
   * @param queueCapacity how many runs may wait for a slot; more are refused with {@link LeanBusyException}
   */
  public LeanRunner(int maxConcurrentRuns, long outputCapBytes, Duration killGrace, int queueCapacity) {
    this(maxConcurrentRuns, outputCapBytes, killGrace, queueCapacity, Optional.empty());
  }

  /** A runner whose every run starts inside {@code sandbox}, with the default queue. */
  public LeanRunner(int maxConcurrentRuns, long outputCapBytes, Duration killGrace, Optional<Sandbox> sandbox) {
    this(maxConcurrentRuns, outputCapBytes, killGrace, DEFAULT_QUEUE_CAPACITY, sandbox);
  }

  /**
   * @param maxConcurrentRuns how many processes may run at once; more runs wait for a slot
   * @param outputCapBytes how much of each of stdout and stderr is kept
   * @param killGrace how long a killed tree gets between SIGTERM and SIGKILL
   * @param queueCapacity how many runs may wait for a slot; more are refused with {@link LeanBusyException}
   * @param sandbox when present, every run starts inside it, seeing its mounts plus the invocation's
   */
  public LeanRunner(int maxConcurrentRuns, long outputCapBytes, Duration killGrace, int queueCapacity,
      Optional<Sandbox> sandbox) {
    Objects.requireNonNull(sandbox, "sandbox");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be positive: " + queueCapacity);
    }
    if (maxConcurrentRuns < 1) {
      throw new IllegalArgumentException("maxConcurrentRuns must be positive: " + maxConcurrentRuns);
    }
    if (outputCapBytes < 2 || outputCapBytes > MAX_OUTPUT_CAP_BYTES) {
      throw new IllegalArgumentException(
          "outputCapBytes must be in [2, " + MAX_OUTPUT_CAP_BYTES + "]: " + outputCapBytes);
    }
    Objects.requireNonNull(killGrace, "killGrace");
    if (killGrace.isNegative()) {
      throw new IllegalArgumentException("killGrace must not be negative: " + killGrace);
    }
    this.outputCapBytes = outputCapBytes;
    this.killGrace = killGrace;
    this.sandbox = sandbox;
    this.runPool = new ThreadPoolExecutor(maxConcurrentRuns, maxConcurrentRuns, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(queueCapacity), new NamedThreadFactory("lean-run"));
    this.watchdog = new ScheduledThreadPoolExecutor(1, new NamedThreadFactory("lean-run-watchdog"));
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.registry = new LiveRunRegistry(killGrace);
    // The whole close, not only killing what runs: a run still queued must not start while the JVM exits.
    this.shutdownHook = new Thread(this::close, "lean-run-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * How many Lean processes this machine can run at once: one per CPU, but no more than its
   * memory allows at 4 GiB each (Lean with Mathlib imported), and at least one.
   */
  public static int defaultConcurrency() {
    long totalMemory = 0;
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      // Container-aware since JDK 14: a cgroup memory limit shows here, not the host's RAM.
      totalMemory = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
    }
    return concurrencyFor(Runtime.getRuntime().availableProcessors(), totalMemory);
  }

  /** @param totalMemoryBytes 0 when unknown, in which case only the CPUs count */
  static int concurrencyFor(int cpus, long totalMemoryBytes) {
    long byMemory = totalMemoryBytes > 0 ? totalMemoryBytes / MEMORY_PER_RUN_BYTES : cpus;
    return (int) Math.max(1, Math.min(cpus, byMemory));
  }

  /**
   * Starts the invocation when a slot is free. The future completes with the run once the process
   * and all its descendants are gone; it fails with {@link ProcessStartException} if the process
   * cannot start, and with {@link IllegalStateException} once the runner is closed.
   *
   * <p>Cancelling the returned future, or completing it exceptionally (e.g. by {@code orTimeout}),
   * kills the process tree; a run still queued never starts. Cancelling a dependent stage does not
   * reach the process: cancel this future.
   */
  public CompletableFuture<LeanRun> run(LeanInvocation invocation) {
    Objects.requireNonNull(invocation, "invocation");
    if (closed.get()) {
      return CompletableFuture.failedFuture(new IllegalStateException("LeanRunner is closed"));
    }
    LiveRun run = new LiveRun(runIds.incrementAndGet(), invocation, commandFor(invocation), outputCapBytes, killGrace,
        watchdog);
    CompletableFuture<LeanRun> result = new CompletableFuture<>();
    result.whenComplete((done, failure) -> {
      if (failure != null) {
        run.terminate(Termination.CANCELLED);
      }
    });
    try {
      runPool.execute(() -> execute(run, result));
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(closed.get()
          ? new IllegalStateException("LeanRunner is closed", e)
          : new LeanBusyException(runPool.getQueue().size() + " Lean runs are waiting for a slot, the most this server takes; "
              + "try again later"));
    }
    return result;
  }

  /**
   * The argv this runner executes for the invocation: inside its sandbox when it has one, else the
   * invocation's own. For processes started elsewhere (a long-lived REPL) that must be confined alike.
   */
  public List<String> commandFor(LeanInvocation invocation) {
    return sandbox
        .map(s -> s.wrap(invocation.argv(), invocation.env(), invocation.workDir(), invocation.mounts()))
        .orElse(invocation.argv());
  }

  /** The sandbox every run starts in, if any. */
  public Optional<Sandbox> sandbox() {
    return sandbox;
  }

  /** How many Lean processes may run at once (the pool's size). */
  public int capacity() {
    return runPool.getMaximumPoolSize();
  }

  /** How many runs have a process that may still be alive. */
  public int liveRuns() {
    return registry.size();
  }

  /**
   * Kills every live run (their futures complete with {@link Termination#CANCELLED}), cancels the
   * queued ones and stops the runner's threads. Blocks for at most about the grace period.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    runPool.shutdown();
    registry.killAll();
    try {
      long bound = killGrace.plus(LiveRun.SETTLE_SLACK).multipliedBy(2).plusSeconds(5).toNanos();
      if (!runPool.awaitTermination(bound, TimeUnit.NANOSECONDS)) {
        runPool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runPool.shutdownNow();
    }
    watchdog.shutdownNow();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running or has run.
    }
  }

  /** The hook registered with the JVM, so tests can run what a shutdown runs. */
  Thread shutdownHook() {
    return shutdownHook;
  }

  private static void requireStartable(LeanInvocation invocation) throws ProcessStartException {
    if (!Files.isDirectory(invocation.workDir())) {
      throw new ProcessStartException(invocation, new IOException("no such directory: " + invocation.workDir()));
    }
    String program = invocation.argv().get(0);
    Optional<Path> found = program.contains("/")
        ? Optional.of(invocation.workDir().resolve(program))
        : Arrays.stream(invocation.env().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, program))
            .filter(Files::isExecutable)
            .findFirst();
    if (found.isEmpty() || !Files.isExecutable(found.get()) || Files.isDirectory(found.get())) {
      throw new ProcessStartException(invocation, new IOException("not an executable program: " + program));
    }
  }

  private void execute(LiveRun run, CompletableFuture<LeanRun> result) {
    if (result.isDone()) {
      return;
    }
    registry.add(run);
    // Checked after joining the registry: close() sets the flag before it kills what is registered,
    // so a run either sees the flag or gets killed.
    if (closed.get()) {
      registry.remove(run);
      result.cancel(false);
      return;
    }
    LeanRun outcome = null;
    Throwable failure = null;
    try {
      if (sandbox.isPresent()) {
        // bwrap itself would start and report a missing program as exit 1; say it as an unsandboxed start would.
        requireStartable(run.invocation());
      }
      outcome = run.execute();
    } catch (IOException | RuntimeException | Error e) {
      failure = e;
    } finally {
      registry.remove(run);
    }
    if (failure == null) {
      result.complete(outcome);
      return;
    }
    result.completeExceptionally(failure);
    if (failure instanceof Error) {
      throw (Error) failure;
    }
  }
}
