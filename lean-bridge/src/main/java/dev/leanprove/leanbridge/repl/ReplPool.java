package dev.leanprove.leanbridge.repl;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.process.Termination;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Warm REPL processes keyed by file header (imports, {@code set_option}, {@code open}): the header
 * command runs once per process, and each candidate then runs as {@code {"cmd": body, "env": n}}
 * against that environment, so Mathlib is imported once per process instead of once per check.
 *
 * <p>At most {@code maxProcesses} processes live. A caller waits (bounded by its deadline) for an idle
 * process with its header; when none is idle and the pool is full, the least recently used idle
 * process of another header is killed to make room (Kimina Lean Server's rule). A process is replaced
 * after {@code maxUsesPerProcess} commands, and killed (whole tree) on a timeout, over its memory cap,
 * or when its command is cancelled; a new one starts when next needed. Processes run on the pool's own
 * threads ({@code lean-repl-N}), never the caller's.
 */
public final class ReplPool implements AutoCloseable {

  private final ReplPoolConfig config;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor watchdog;
  private final ExecutorService killer;
  private final Thread shutdownHook;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong started = new AtomicLong();
  private final AtomicLong commands = new AtomicLong();
  private final AtomicLong busyNanos = new AtomicLong();
  private final AtomicBoolean closed = new AtomicBoolean();

  // Guarded by this.
  private final Deque<Waiter> waiters = new ArrayDeque<>();
  private final List<ReplProcess> idle = new ArrayList<>();
  private final Set<ReplProcess> all = new HashSet<>();
  private int live;

  public ReplPool(ReplPoolConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.workers = new ThreadPoolExecutor(config.maxProcesses(), config.maxProcesses(), 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), threads("lean-repl"));
    this.watchdog = new ScheduledThreadPoolExecutor(1, threads("lean-repl-watchdog"));
    this.watchdog.setRemoveOnCancelPolicy(true);
    this.killer = Executors.newCachedThreadPool(threads("lean-repl-kill"));
    this.shutdownHook = new Thread(this::killAll, "lean-repl-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Counts for logs, tests and benchmarks.
   *
   * @param busy summed time processes spent on header and body commands (the Lean slots' busy time)
   */
  public record Stats(int live, int idle, int waiting, long started, long commands, Duration busy) {}

  public synchronized Stats stats() {
    return new Stats(live, idle.size(), waiters.size(), started.get(), commands.get(), Duration.ofNanos(busyNanos.get()));
  }

  /**
   * A process with {@code header} loaded, once one is free (or started) before {@code deadline}.
   * The future fails with {@link ReplPoolBusyException} at the deadline, with {@link ReplStartException}
   * when a new process cannot be made ready, and with {@link IllegalStateException} once closed.
   * Cancelling it gives up the wait.
   */
  public CompletableFuture<Lease> acquire(String header, Duration deadline) {
    Objects.requireNonNull(header, "header");
    CompletableFuture<Lease> future = new CompletableFuture<>();
    if (closed.get()) {
      future.completeExceptionally(new IllegalStateException("ReplPool is closed"));
      return future;
    }
    Waiter waiter = new Waiter(header, future);
    List<Runnable> after;
    synchronized (this) {
      waiters.addLast(waiter);
      after = dispatch();
    }
    after.forEach(Runnable::run);
    if (!future.isDone()) {
      watchdog.schedule(() -> giveUp(waiter, deadline), deadline.toNanos(), TimeUnit.NANOSECONDS);
      future.whenComplete((lease, failure) -> {
        if (future.isCancelled()) {
          synchronized (this) {
            waiters.remove(waiter);
          }
        }
      });
    }
    return future;
  }

  /**
   * Runs {@code body} after {@code header} in a warm process and gives the answer with positions as
   * in the file {@code header + body}, the header command's own messages first. Waits at most the
   * pool's {@code maxWait} for a process; {@code timeout} counts from when the command is sent.
   * Cancelling the future kills the process running it.
   */
  public CompletableFuture<ReplReply> check(String header, String body, Duration timeout) {
    CompletableFuture<ReplReply> result = new CompletableFuture<>();
    CompletableFuture<Lease> lease = acquire(header, config.maxWait());
    result.whenComplete((r, e) -> {
      if (result.isCancelled()) {
        lease.cancel(false);
      }
    });
    lease.whenComplete((held, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
        return;
      }
      if (result.isDone()) {
        held.release();
        return;
      }
      CompletableFuture<ReplReply> run = held.run(body, timeout);
      result.whenComplete((r, e) -> {
        if (result.isCancelled()) {
          run.cancel(true);
        }
      });
      run.whenComplete((reply, error) -> {
        if (error != null) {
          held.discard();
          result.completeExceptionally(error);
          return;
        }
        if (reply.answered() && held.process.alive()) {
          held.release();
        } else {
          held.discard();
        }
        result.complete(inFile(header, held.process.headerMessages(), reply));
      });
    });
    return result;
  }

  /** The reply with positions moved past the header, and the header's messages in front. */
  static ReplReply inFile(String header, List<LeanMessage> headerMessages, ReplReply reply) {
    if (!reply.answered()) {
      return reply;
    }
    int lines = 0;
    int lastLineStart = 0;
    for (int i = 0; i < header.length(); i++) {
      if (header.charAt(i) == '\n') {
        lines++;
        lastLineStart = i + 1;
      }
    }
    int column = header.codePointCount(lastLineStart, header.length());
    ReplResponse.CommandResult body = ((ReplResponse.CommandResult) reply.response().get()).shifted(lines, column);
    List<LeanMessage> messages = new ArrayList<>(headerMessages);
    messages.addAll(body.messages());
    return reply.withResponse(new ReplResponse.CommandResult(body.env(), messages, body.sorries()));
  }

  /** A process held by one caller until {@link #release()} or {@link #discard()}. */
  public final class Lease {

    private final ReplProcess process;
    private final AtomicBoolean returned = new AtomicBoolean();

    private Lease(ReplProcess process) {
      this.process = process;
    }

    /** The environment the header command produced in this process. */
    public int headerEnv() {
      return process.env();
    }

    /** What Lean said about the header (positions in the header's own text). */
    public List<LeanMessage> headerMessages() {
      return process.headerMessages();
    }

    /**
     * Runs {@code body} against the header's environment on a pool thread; positions in the answer
     * are relative to {@code body}. Cancelling the future kills the process.
     */
    public CompletableFuture<ReplReply> run(String body, Duration timeout) {
      if (returned.get()) {
        throw new IllegalStateException("the lease was already released");
      }
      CompletableFuture<ReplReply> future = new CompletableFuture<>();
      future.whenComplete((r, e) -> {
        if (future.isCancelled()) {
          process.kill(Termination.CANCELLED);
        }
      });
      String framed = ReplWire.command(body, OptionalInt.of(process.env()));
      try {
        workers.execute(() -> {
          if (future.isDone()) {
            return;
          }
          synchronized (ReplPool.this) {
            process.used();
          }
          commands.incrementAndGet();
          ReplReply reply = process.exchange(framed, timeout);
          busyNanos.addAndGet(reply.wall().toNanos());
          future.complete(reply);
        });
      } catch (RejectedExecutionException e) {
        future.completeExceptionally(new IllegalStateException("ReplPool is closed", e));
      }
      return future;
    }

    /** Gives the process back for the next caller (or retires it when it is worn out or dead). */
    public void release() {
      if (returned.compareAndSet(false, true)) {
        giveBack(process, false);
      }
    }

    /** Kills the process: its state is not to be trusted by the next caller. */
    public void discard() {
      if (returned.compareAndSet(false, true)) {
        giveBack(process, true);
      }
    }
  }

  private record Waiter(String header, CompletableFuture<Lease> future) {}

  private void giveUp(Waiter waiter, Duration deadline) {
    boolean removed;
    synchronized (this) {
      removed = waiters.remove(waiter);
    }
    if (removed) {
      waiter.future().completeExceptionally(new ReplPoolBusyException(
          "no Lean REPL process became free within " + deadline.toSeconds() + " s (" + config.maxProcesses()
              + " processes, all busy)"));
    }
  }

  private void giveBack(ReplProcess process, boolean discard) {
    List<Runnable> after;
    synchronized (this) {
      boolean retire = discard || closed.get() || !process.alive() || process.uses() >= config.maxUsesPerProcess();
      if (retire) {
        forget(process);
        process.kill(Termination.CANCELLED);
      } else {
        process.idleFrom(System.nanoTime());
        idle.add(process);
      }
      after = dispatch();
    }
    after.forEach(Runnable::run);
  }

  // Guarded by this.
  private void forget(ReplProcess process) {
    if (all.remove(process)) {
      live--;
    }
  }

  /**
   * Matches waiters (oldest first) to idle processes of their header, new processes while there is
   * room, and else to room made by killing the least recently used idle process. Returns what to do
   * once the lock is released: completing futures runs the callers' callbacks.
   */
  // Guarded by this.
  private List<Runnable> dispatch() {
    List<Runnable> after = new ArrayList<>();
    // A process that died while idle (killed from outside, crashed) must not be handed out.
    for (Iterator<ReplProcess> idleIt = idle.iterator(); idleIt.hasNext(); ) {
      ReplProcess p = idleIt.next();
      if (!p.alive()) {
        idleIt.remove();
        forget(p);
        p.kill(Termination.CANCELLED);
      }
    }
    Iterator<Waiter> it = waiters.iterator();
    while (it.hasNext()) {
      Waiter w = it.next();
      if (w.future().isDone()) {
        it.remove();
        continue;
      }
      Optional<ReplProcess> warm = newestIdle(w.header());
      if (warm.isPresent()) {
        it.remove();
        idle.remove(warm.get());
        Lease lease = new Lease(warm.get());
        after.add(() -> {
          if (!w.future().complete(lease)) {
            lease.release();
          }
        });
        continue;
      }
      if (live >= config.maxProcesses()) {
        Optional<ReplProcess> oldest = idle.stream().min((a, b) -> Long.compare(a.idleSinceNanos(), b.idleSinceNanos()));
        if (oldest.isEmpty()) {
          // Every process is busy: nobody further back can be served either.
          break;
        }
        idle.remove(oldest.get());
        forget(oldest.get());
        oldest.get().kill(Termination.CANCELLED);
      }
      it.remove();
      live++;
      after.add(() -> startFor(w));
    }
    return after;
  }

  private Optional<ReplProcess> newestIdle(String header) {
    ReplProcess best = null;
    for (ReplProcess p : idle) {
      if (p.header().equals(header) && (best == null || p.idleSinceNanos() > best.idleSinceNanos())) {
        best = p;
      }
    }
    return Optional.ofNullable(best);
  }

  private void startFor(Waiter waiter) {
    try {
      workers.execute(() -> prepare(waiter));
    } catch (RejectedExecutionException e) {
      synchronized (this) {
        live--;
      }
      waiter.future().completeExceptionally(new IllegalStateException("ReplPool is closed", e));
    }
  }

  /** On a pool thread: starts a process and runs the header command; its lease goes to the waiter. */
  private void prepare(Waiter waiter) {
    List<String> argv = config.launcher().apply(config.argv());
    ReplProcess process;
    try {
      process = ReplProcess.start(ids.incrementAndGet(), waiter.header(), argv, config.workDir(), config.env(), watchdog,
          killer, config.killGrace(), config.memoryLimitBytes());
    } catch (IOException | RuntimeException e) {
      failStart(waiter, null, new ReplStartException(
          "could not start the Lean REPL " + argv + " in " + config.workDir() + ": " + e.getMessage(), true, e));
      return;
    }
    synchronized (this) {
      all.add(process);
    }
    started.incrementAndGet();
    if (closed.get()) {
      failStart(waiter, process, new ReplStartException("ReplPool is closed", false, null));
      return;
    }
    ReplReply reply = process.exchange(ReplWire.command(waiter.header(), OptionalInt.empty()), config.headerTimeout());
    busyNanos.addAndGet(reply.wall().toNanos());
    if (!reply.answered()) {
      String why = reply.response().map(r -> r instanceof ReplResponse.Failure ? ((ReplResponse.Failure) r).message()
          : "an answer that is not a command result").orElse("no answer (" + reply.termination() + ", exit "
          + reply.exitCode() + ")");
      failStart(waiter, process, new ReplStartException("the Lean REPL " + argv + " in " + config.workDir()
          + " could not load the header: " + why + (reply.stderr().isEmpty() ? "" : "; stderr: " + reply.stderr()),
          false, null));
      return;
    }
    ReplResponse.CommandResult header = (ReplResponse.CommandResult) reply.response().get();
    process.ready(header.env(), header.messages());
    Lease lease = new Lease(process);
    if (!waiter.future().complete(lease)) {
      lease.release();
    }
  }

  private void failStart(Waiter waiter, ReplProcess process, ReplStartException failure) {
    List<Runnable> after;
    synchronized (this) {
      if (process == null) {
        live--;
      } else {
        forget(process);
      }
      after = dispatch();
    }
    if (process != null) {
      process.kill(Termination.CANCELLED);
    }
    waiter.future().completeExceptionally(failure);
    after.forEach(Runnable::run);
  }

  /** Kills every process (waiting, bounded, until their trees are gone) and fails every waiter. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Waiter> abandoned;
    synchronized (this) {
      abandoned = new ArrayList<>(waiters);
      waiters.clear();
    }
    abandoned.forEach(w -> w.future().completeExceptionally(new IllegalStateException("ReplPool is closed")));
    killAll();
    workers.shutdownNow();
    watchdog.shutdownNow();
    killer.shutdown();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // The JVM is already shutting down; the hook is running or has run.
    }
  }

  private void killAll() {
    List<ReplProcess> victims;
    synchronized (this) {
      victims = new ArrayList<>(all);
      all.clear();
      idle.clear();
      live = 0;
    }
    List<Thread> killers = new ArrayList<>();
    for (ReplProcess p : victims) {
      Thread t = new Thread(p::killNow, "lean-repl-close");
      t.start();
      killers.add(t);
    }
    for (Thread t : killers) {
      try {
        t.join(config.killGrace().toMillis() + 5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return body -> {
      Thread t = new Thread(body, prefix + "-" + count.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
