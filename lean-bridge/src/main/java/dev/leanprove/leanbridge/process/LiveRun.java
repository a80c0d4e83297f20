package dev.leanprove.leanbridge.process;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ProcessDestroyer;

/**
 * One run from launch to result: starts the process through commons-exec, watches its deadline
 * and memory, and decides once how it ended.
 *
 * <p>It is the executor's {@link ProcessDestroyer} only because commons-exec hands the started
 * {@link Process} to its destroyer, and the builder cannot build a subclass that overrides
 * {@code launch}.
 */
final class LiveRun implements ProcessDestroyer {

  /** How often a memory-capped tree is measured. */
  static final Duration MEMORY_SAMPLE_PERIOD = Duration.ofMillis(100);
  /** How often an uncapped tree is looked at, only to remember descendants for the final kill. */
  static final Duration TRACK_PERIOD = Duration.ofMillis(250);
  /** Beyond the grace period: time for pipes to close and SIGKILL to land. */
  static final Duration SETTLE_SLACK = Duration.ofSeconds(2);

  private static final System.Logger LOG = System.getLogger(LiveRun.class.getName());
  private static final AtomicBoolean WARNED_NO_PROC = new AtomicBoolean();

  private final long id;
  private final LeanInvocation invocation;
  /** What is executed: the invocation's argv, or bwrap's around it. */
  private final List<String> command;
  private final long outputCapBytes;
  private final Duration killGrace;
  private final ScheduledExecutorService scheduler;
  private final boolean memoryCapped;
  /** How the run ended; the first writer wins, so a kill reason and a natural exit cannot both stick. */
  private final AtomicReference<Termination> termination = new AtomicReference<>();
  private volatile ProcessTree tree;
  private volatile long deadlineNanos;
  private volatile ScheduledFuture<?> deadlineTimer;
  private volatile ScheduledFuture<?> sampler;

  LiveRun(long id, LeanInvocation invocation, List<String> command, long outputCapBytes, Duration killGrace,
      ScheduledExecutorService scheduler) {
    this.id = id;
    this.invocation = invocation;
    this.command = List.copyOf(command);
    this.outputCapBytes = outputCapBytes;
    this.killGrace = killGrace;
    this.scheduler = scheduler;
    this.memoryCapped = memoryCapped(invocation);
  }

  LeanInvocation invocation() {
    return invocation;
  }

  /**
   * Runs the process to its end on the calling thread and waits until its whole tree is gone.
   *
   * @throws ProcessStartException if the process could not be started
   * @throws IOException if commons-exec failed after the start
   */
  LeanRun execute() throws IOException {
    CapturingStreamHandler streams = new CapturingStreamHandler(
        "lean-io-" + id, invocation.stdin(), outputCapBytes, killGrace.plus(SETTLE_SLACK));
    long start = System.nanoTime();
    int exitValue;
    try {
      DefaultExecutor executor = DefaultExecutor.builder()
          .setWorkingDirectory(invocation.workDir())
          .setExecuteStreamHandler(streams)
          .get();
      // Lean's exit status is data for the verdict, not a failure of the run.
      executor.setExitValues(null);
      executor.setProcessDestroyer(this);
      deadlineNanos = start + invocation.timeout().toNanos();
      exitValue = executor.execute(commandLine(), invocation.env());
    } catch (IOException | IllegalArgumentException e) {
      if (tree == null) {
        throw new ProcessStartException(invocation, e);
      }
      throw e;
    } finally {
      stopWatching();
    }
    rootExited();
    tree.awaitExit(killGrace.plus(SETTLE_SLACK));
    Duration wall = Duration.ofNanos(System.nanoTime() - start);
    Termination how = termination.get();
    return new LeanRun(
        how == Termination.EXITED ? exitValue : -1,
        how,
        streams.stdout().text(),
        streams.stderr().text(),
        wall,
        streams.stdout().truncated() || streams.stderr().truncated());
  }

  /**
   * Kills the tree for this reason, unless the run already ended. A run not started yet is killed
   * the moment it starts.
   *
   * @return whether this reason is the one the run ends with
   */
  boolean terminate(Termination reason) {
    if (!termination.compareAndSet(null, reason)) {
      return false;
    }
    if (tree != null) {
      killTree();
    }
    return true;
  }

  /** SIGKILLs whatever survived the SIGTERM now, without waiting for the grace period. */
  void forceKill() {
    ProcessTree current = tree;
    if (current != null && current.isDestroyed()) {
      current.destroyForcibly();
    }
  }

  /** Waits until the tree is gone; true at once when the process never started. */
  boolean awaitTreeExit(Duration bound) {
    ProcessTree current = tree;
    return current == null || !current.isDestroyed() || current.awaitExit(bound);
  }

  @Override
  public boolean add(Process process) {
    ProcessTree started = new ProcessTree(process.toHandle());
    tree = started;
    deadlineTimer = scheduler.schedule(() -> terminate(Termination.TIMED_OUT),
        deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    Duration period = memoryCapped ? MEMORY_SAMPLE_PERIOD : TRACK_PERIOD;
    sampler = scheduler.scheduleWithFixedDelay(
        this::sample, 0, period.toNanos(), TimeUnit.NANOSECONDS);
    process.onExit().thenRun(this::rootExited);
    if (termination.get() != null) {
      killTree();
    }
    return true;
  }

  @Override
  public boolean remove(Process process) {
    return true;
  }

  @Override
  public int size() {
    return tree == null ? 0 : 1;
  }

  private static boolean memoryCapped(LeanInvocation invocation) {
    if (invocation.memoryLimitBytes() <= 0) {
      return false;
    }
    if (!ProcStatus.available()) {
      if (WARNED_NO_PROC.compareAndSet(false, true)) {
        LOG.log(Level.WARNING, "no /proc here: memory limits of Lean runs are not enforced");
      }
      return false;
    }
    return true;
  }

  private void sample() {
    ProcessTree current = tree;
    if (current == null || termination.get() != null) {
      return;
    }
    List<ProcessHandle> live = current.track();
    if (memoryCapped) {
      long resident = 0;
      for (ProcessHandle handle : live) {
        resident += ProcStatus.read(handle.pid()).map(ProcStatus::residentBytes).orElse(0L);
      }
      if (resident > invocation.memoryLimitBytes()) {
        terminate(Termination.OUT_OF_MEMORY);
      }
    }
  }

  /**
   * The root is gone: unless a kill reason got there first it exited by itself, and whatever it
   * left behind is killed too, so no run leaks processes or holds its pipes open.
   */
  private void rootExited() {
    termination.compareAndSet(null, Termination.EXITED);
    killTree();
  }

  private void killTree() {
    ProcessTree current = tree;
    if (current == null || !current.destroy()) {
      return;
    }
    try {
      scheduler.schedule(current::destroyForcibly, killGrace.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The runner is shutting down; no time for a grace period.
      current.destroyForcibly();
    }
  }

  private void stopWatching() {
    ScheduledFuture<?> timer = deadlineTimer;
    if (timer != null) {
      timer.cancel(false);
    }
    ScheduledFuture<?> sampling = sampler;
    if (sampling != null) {
      sampling.cancel(false);
    }
  }

  private CommandLine commandLine() {
    List<String> argv = command;
    CommandLine line = new CommandLine(argv.get(0));
    for (String argument : argv.subList(1, argv.size())) {
      // No quoting: commons-exec would otherwise wrap arguments with spaces in quotes.
      line.addArgument(argument, false);
    }
    return line;
  }
}
