package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.Cancellation;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.SearchEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jobs of one server: runs at most {@link JobLimits#maxRunning()} searches at once, queues up
 * to {@link JobLimits#queueSize()} more and refuses the rest, cancels on request (which kills the
 * search's Lean processes), and forgets finished jobs beyond {@link JobLimits#keepFinished()}, beyond
 * {@link JobLimits#keepFinishedBytes()} of kept text or older than {@link JobLimits#keepFor()}, the
 * oldest first. Thread-safe.
 */
public final class JobRegistry {

  /** What a refused caller is told to wait; searches take seconds to minutes, so polling faster is pointless. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final JobLog LOG = new JobLog(Logger.getLogger(JobRegistry.class.getName()));

  private final Vertx vertx;
  private final FileProver prover;
  private final JobLimits limits;
  private final Clock clock;
  private final Optional<JobStore> journal;
  private UnaryOperator<Consumer<SearchEvent>> eventTap;

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final RunSlots slots;
  private final Set<SlotTask> tasks = new HashSet<>();
  private boolean closed;

  public JobRegistry(Vertx vertx, FileProver prover, JobLimits limits) {
    this(vertx, prover, limits, Clock.systemUTC(), Optional.empty());
  }

  /**
   * A registry that records its jobs in {@code journal} and starts with what the journal holds:
   * finished jobs as they ended, unfinished ones queued again (their events continue where they
   * stopped, so a client resuming a stream with {@code Last-Event-ID} gets the rest). Reads the
   * journal, so it blocks: not on an event loop.
   *
   * @throws JournalUnavailableException when the journal cannot be read
   */
  public JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, JobStore journal) {
    this(vertx, prover, limits, Clock.systemUTC(), Optional.of(journal));
    restore();
    journal.adoptAbandoned(this::room, this::adopt);
  }

  JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, Clock clock) {
    this(vertx, prover, limits, clock, Optional.empty());
  }

  private JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, Clock clock, Optional<JobStore> journal) {
    this.journal = journal;
    this.eventTap = UnaryOperator.identity();
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.prover = Objects.requireNonNull(prover, "prover");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.slots = new RunSlots(limits.maxRunning(), limits.queueSize());
  }

  public JobLimits limits() {
    return limits;
  }

  /**
   * Accepts a job: it starts at once when a slot is free, else it waits in the queue.
   *
   * @throws IllegalArgumentException for input the caller must fix (too large, unknown engine)
   * @throws NoTargetException when the named theorem does not exist or nothing has a {@code sorry}
   * @throws QueueFullException when the queue is full
   * @throws IllegalStateException after {@link #cancelAll()}
   */
  public Job submit(JobRequest request) {
    return submit(request, "");
  }

  /** {@link #submit(JobRequest)} on behalf of a client, who becomes the job's {@link Job#owner()}. */
  public Job submit(JobRequest request, String owner) {
    prover.validate(request.prove());
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the server is shutting down and takes no new jobs");
      }
      evictFinished();
      Job job = new Job(UUID.randomUUID().toString(), owner, request, clock.instant(), limits.keepRawOutputBytes());
      admit(job, true);
      LOG.info(job.id(), "job " + job.id() + " accepted");
      return job;
    }
  }

  // A new job is journaled once admitted (a refused one never existed); a restored one is in the journal already.
  private void admit(Job job, boolean isNew) {
    journal.ifPresent(j -> job.subscribe(job.snapshot().lastEventId(), event -> j.event(job, event)));
    slots.admit(position -> {
      if (isNew) {
        journal.ifPresent(j -> j.submitted(job));
      }
      jobs.put(job.id(), job);
      job.queued(position);
    }, new JobStart(this, job));
  }

  private void restore() {
    JobStore j = journal.orElseThrow();
    List<JobStore.Entry> entries;
    try {
      entries = j.read(limits);
    } catch (IOException e) {
      throw new JournalUnavailableException(j.describe(), e);
    }
    synchronized (this) {
      for (JobStore.Entry entry : entries) {
        take(entry, "after the restart");
      }
      evictFinished();
      try {
        j.compact(Set.copyOf(jobs.keySet()), limits);
      } catch (IOException e) {
        Logger.getLogger(JobRegistry.class.getName()).log(Level.WARNING, "cannot compact the job journal " + j.describe(), e);
      }
    }
  }

  // A finished job is shown as it ended; an unfinished one is queued again, or failed when the queue is full.
  private void take(JobStore.Entry entry, String when) {
    Job job = Job.fromJournal(entry, limits.keepRawOutputBytes());
    if (entry.finished().isPresent()) {
      jobs.put(job.id(), job);
      return;
    }
    try {
      admit(job, false);
    } catch (QueueFullException e) {
      jobs.put(job.id(), job);
      job.fail(new JobFailure("queue_full", "not run again " + when + ": " + e.getMessage()), clock.instant());
      job.release();
    }
  }

  // Jobs another server sharing the journal left behind; the journal claimed them for this server.
  private void adopt(List<JobStore.Entry> entries) {
    synchronized (this) {
      // A closing registry leaves them claimed: closing the journal gives every claim up again.
      if (closed) {
        return;
      }
      for (JobStore.Entry entry : entries) {
        LOG.info(entry.id(), "job " + entry.id() + " taken over from a server that stopped renewing its claim");
        take(entry, "after its server stopped");
      }
    }
  }

  // How many more jobs could start or wait now.
  private synchronized int room() {
    return closed ? 0 : Math.max(0, limits.maxRunning() - slots.running() + limits.queueSize() - slots.waiting());
  }

  /**
   * Runs work that is not a job (a file check) in one of the jobs' slots, so it counts against the
   * same limits: at once when a slot is free, else after everything queued before it. Cancelling
   * {@code cancellation} takes it out of the queue, or, once it runs, fires the actions the work
   * registered there (which kill its Lean process); the returned future then fails with
   * {@link java.util.concurrent.CancellationException}.
   *
   * @throws QueueFullException when every slot is busy and the queue is full
   * @throws IllegalStateException after {@link #cancelAll()}
   */
  public <T> Future<T> runInSlot(Function<Cancellation, Future<T>> work, Cancellation cancellation) {
    Context context = vertx.getOrCreateContext();
    Promise<T> result = Promise.promise();
    SlotTask task = new SlotTask(cancellation, Promise.promise());
    Runnable start = () -> context.runOnContext(v -> runTask(task, work, result));
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the server is shutting down and takes no new work");
      }
      slots.admit(position -> tasks.add(task), start);
    }
    cancellation.onCancel(() -> {
      if (slots.withdraw(start)) {
        endTask(task);
        result.tryFail(new CancellationException("cancelled while waiting for a slot"));
      }
    });
    return result.future();
  }

  private <T> void runTask(SlotTask task, Function<Cancellation, Future<T>> work, Promise<T> result) {
    if (task.cancellation().isCancelled()) {
      result.tryFail(new CancellationException("cancelled before it started"));
      releaseTask(task);
      return;
    }
    Future<T> run;
    try {
      run = work.apply(task.cancellation());
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    run.onComplete(ar -> {
      releaseTask(task);
      result.handle(ar);
    });
  }

  private void releaseTask(SlotTask task) {
    endTask(task);
    slots.release(!isClosed());
  }

  private void endTask(SlotTask task) {
    synchronized (this) {
      tasks.remove(task);
    }
    task.ended().tryComplete();
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** The job, unless it is unknown or was evicted. */
  public synchronized Optional<Job> find(String id) {
    evictFinished();
    return Optional.ofNullable(jobs.get(id));
  }

  /**
   * The job as {@link #find} has it or else, when the journal is shared with other servers, a
   * finished job one of them ran (and {@link JobLimits#keepFor()} still keeps), read from the
   * journal without blocking. A job another server is still running is not found here.
   */
  public Future<Optional<Job>> lookup(String id) {
    Optional<Job> known = find(id);
    if (known.isPresent() || journal.isEmpty()) {
      return Future.succeededFuture(known);
    }
    Instant oldest = clock.instant().minus(limits.keepFor());
    return Future.fromCompletionStage(journal.get().findFinished(id), vertx.getOrCreateContext())
        .map(entry -> entry.map(e -> Job.fromJournal(e, limits.keepRawOutputBytes()))
            .filter(job -> job.snapshot().finishedAt().map(t -> !t.isBefore(oldest)).orElse(true)));
  }

  /** Cancels the job (a finished one stays as it is); empty when there is no such job. */
  public Optional<JobSnapshot> cancel(String id) {
    Job job;
    boolean wasWaiting;
    synchronized (this) {
      job = jobs.get(id);
      if (job == null) {
        return Optional.empty();
      }
      wasWaiting = slots.withdraw(new JobStart(this, job));
    }
    job.cancel(clock.instant());
    if (wasWaiting) {
      job.release();
    }
    return Optional.of(job.snapshot());
  }

  /** Up to {@code limit} jobs, newest first. */
  public List<JobSnapshot> recent(int limit) {
    return recent(limit, owner -> true);
  }

  /** Up to {@code limit} jobs whose owner {@code visible} accepts, newest first. */
  public synchronized List<JobSnapshot> recent(int limit, Predicate<String> visible) {
    evictFinished();
    List<Job> all = new ArrayList<>(jobs.values());
    List<JobSnapshot> newest = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
      if (visible.test(all.get(i).owner())) {
        newest.add(all.get(i).snapshot());
      }
    }
    return newest;
  }

  /** Jobs and checks holding a slot. */
  /**
   * Passes every job's search events through {@code tap} first (metrics count attempts there); set
   * once, before jobs run.
   */
  public JobRegistry tapEvents(UnaryOperator<Consumer<SearchEvent>> tap) {
    this.eventTap = Objects.requireNonNull(tap, "tap");
    return this;
  }

  /** How many known jobs are in {@code state} (finished ones only while they are kept). */
  public synchronized long count(JobState state) {
    return jobs.values().stream().filter(j -> j.snapshot().state() == state).count();
  }

  public int runningCount() {
    return slots.running();
  }

  /** Jobs and checks waiting for a slot. */
  public int queuedCount() {
    return slots.waiting();
  }

  /** Refuses new jobs, cancels every job, and completes once every search has stopped and its Lean processes are gone. */
  public Future<Void> cancelAll() {
    List<Job> all;
    List<SlotTask> checks;
    // Closed first: the cancellations of a shutdown are not recorded, so the jobs run again after a restart.
    journal.ifPresent(JobStore::stopRecording);
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(jobs.values());
      checks = new ArrayList<>(tasks);
    }
    List<Future<Void>> stopped = new ArrayList<>();
    for (Job job : all) {
      cancel(job.id()).orElseThrow();
      stopped.add(job.released());
    }
    for (SlotTask task : checks) {
      task.cancellation().cancel();
      stopped.add(task.ended().future());
    }
    Future<Void> done = Future.join(stopped).mapEmpty();
    if (journal.isEmpty()) {
      return done;
    }
    return done.eventually(() -> vertx.executeBlocking(() -> {
      journal.get().close();
      return null;
    }, false));
  }

  private void launch(Job job) {
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> run(job, context));
  }

  private void run(Job job, Context context) {
    if (!job.start(clock.instant())) {
      release(job);
      return;
    }
    Future<ProveResult> search;
    try {
      search = prover.prove(job.request().prove(), context, eventTap.apply(job::searched), job.cancellation());
    } catch (RuntimeException e) {
      search = Future.failedFuture(e);
    }
    LOG.info(job.id(), "job " + job.id() + " started");
    search
        .onSuccess(result -> {
          LOG.info(job.id(), "job " + job.id() + " finished: " + result.status());
          job.complete(result, clock.instant());
        })
        .onFailure(e -> job.fail(failureOf(job, e), clock.instant()))
        .onComplete(ar -> release(job));
  }

  private static JobFailure failureOf(Job job, Throwable e) {
    if (e instanceof NoTargetException) {
      return new JobFailure(((NoTargetException) e).unknownName() ? "unknown_theorem" : "nothing_to_prove", e.getMessage());
    }
    if (e instanceof IllegalArgumentException) {
      return new JobFailure("bad_request", e.getMessage());
    }
    LOG.log(Level.WARNING, job.id(), "job " + job.id() + " failed", e);
    return new JobFailure("internal", "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  // Evicting here too bounds what finished jobs keep even when nobody calls the API for a while.
  private void release(Job job) {
    job.release();
    synchronized (this) {
      evictFinished();
    }
    slots.release(!isClosed());
  }

  /** Starts a job once it holds a slot; equal for the same job, so a waiting job can be withdrawn by value. */
  private record JobStart(JobRegistry registry, Job job) implements Runnable {
    @Override
    public void run() {
      registry.launch(job);
    }
  }

  /** A check holding or waiting for a slot; {@code ended} completes once it no longer holds one. */
  private record SlotTask(Cancellation cancellation, Promise<Void> ended) {}

  // Only jobs whose search has stopped go: a cancelled job may still be killing its Lean processes.
  private void evictFinished() {
    Instant oldest = clock.instant().minus(limits.keepFor());
    int finished = 0;
    long bytes = 0;
    for (Job job : jobs.values()) {
      if (isDone(job)) {
        finished++;
        bytes += job.weight();
      }
    }
    Iterator<Job> it = jobs.values().iterator();
    while (it.hasNext()) {
      Job job = it.next();
      if (!isDone(job)) {
        continue;
      }
      boolean expired = job.snapshot().finishedAt().map(t -> t.isBefore(oldest)).orElse(false);
      if (finished > limits.keepFinished() || bytes > limits.keepFinishedBytes() || expired) {
        it.remove();
        finished--;
        bytes -= job.weight();
      }
    }
  }

  private static boolean isDone(Job job) {
    return job.slotReleased() && job.snapshot().state().isFinal();
  }
}
