package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.SearchEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The jobs of one server: runs at most {@link JobLimits#maxRunning()} searches at once, queues up
 * to {@link JobLimits#queueSize()} more and refuses the rest, cancels on request (which kills the
 * search's Lean processes), and forgets finished jobs beyond {@link JobLimits#keepFinished()} or
 * older than {@link JobLimits#keepFor()}. Thread-safe.
 */
public final class JobRegistry {

  /** What a refused caller is told to wait; searches take seconds to minutes, so polling faster is pointless. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

  private static final JobLog LOG = new JobLog(Logger.getLogger(JobRegistry.class.getName()));

  private final Vertx vertx;
  private final FileProver prover;
  private final JobLimits limits;
  private final Clock clock;
  private final UnaryOperator<Consumer<SearchEvent>> eventTap;

  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Deque<Job> waiting = new ArrayDeque<>();
  private final Set<Job> running = new HashSet<>();
  private boolean closed;

  public JobRegistry(Vertx vertx, FileProver prover, JobLimits limits) {
    this(vertx, prover, limits, UnaryOperator.identity());
  }

  /** A registry whose jobs' search events pass through {@code eventTap} first (metrics count attempts there). */
  public JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, UnaryOperator<Consumer<SearchEvent>> eventTap) {
    this(vertx, prover, limits, Clock.systemUTC(), eventTap);
  }

  JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, Clock clock) {
    this(vertx, prover, limits, clock, UnaryOperator.identity());
  }

  private JobRegistry(Vertx vertx, FileProver prover, JobLimits limits, Clock clock,
      UnaryOperator<Consumer<SearchEvent>> eventTap) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.prover = Objects.requireNonNull(prover, "prover");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.eventTap = Objects.requireNonNull(eventTap, "eventTap");
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
    prover.validate(request.prove());
    Job job;
    boolean startNow;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the server is shutting down and takes no new jobs");
      }
      evictFinished();
      startNow = running.size() < limits.maxRunning();
      if (!startNow && waiting.size() >= limits.queueSize()) {
        throw new QueueFullException(running.size() + " jobs are running and " + waiting.size()
            + " are waiting, the most this server takes; try again later", RETRY_AFTER);
      }
      job = new Job(UUID.randomUUID().toString(), request, clock.instant());
      jobs.put(job.id(), job);
      job.queued(startNow ? 0 : waiting.size() + 1);
      if (startNow) {
        running.add(job);
      } else {
        waiting.addLast(job);
      }
    }
    LOG.info(job.id(), "job " + job.id() + (startNow ? " accepted" : " queued"));
    if (startNow) {
      launch(job);
    }
    return job;
  }

  /** The job, unless it is unknown or was evicted. */
  public synchronized Optional<Job> find(String id) {
    evictFinished();
    return Optional.ofNullable(jobs.get(id));
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
      wasWaiting = waiting.remove(job);
    }
    job.cancel(clock.instant());
    if (wasWaiting) {
      job.release();
    }
    return Optional.of(job.snapshot());
  }

  /** Up to {@code limit} jobs, newest first. */
  public synchronized List<JobSnapshot> recent(int limit) {
    evictFinished();
    List<Job> all = new ArrayList<>(jobs.values());
    List<JobSnapshot> newest = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && newest.size() < limit; i--) {
      newest.add(all.get(i).snapshot());
    }
    return newest;
  }

  /** How many known jobs are in {@code state} (finished ones only while they are kept). */
  public synchronized long count(JobState state) {
    return jobs.values().stream().filter(j -> j.snapshot().state() == state).count();
  }

  public synchronized int runningCount() {
    return running.size();
  }

  public synchronized int queuedCount() {
    return waiting.size();
  }

  /** Refuses new jobs, cancels every job, and completes once every search has stopped and its Lean processes are gone. */
  public Future<Void> cancelAll() {
    List<Job> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(jobs.values());
    }
    List<Future<Void>> stopped = new ArrayList<>();
    for (Job job : all) {
      cancel(job.id()).orElseThrow();
      stopped.add(job.released());
    }
    return Future.join(stopped).mapEmpty();
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

  private void release(Job job) {
    Job next;
    synchronized (this) {
      running.remove(job);
      next = closed ? null : waiting.pollFirst();
      if (next != null) {
        running.add(next);
      }
    }
    job.release();
    if (next != null) {
      launch(next);
    }
  }

  // Only jobs whose search has stopped go: a cancelled job may still be killing its Lean processes.
  private void evictFinished() {
    Instant oldest = clock.instant().minus(limits.keepFor());
    int finished = 0;
    for (Job job : jobs.values()) {
      if (isDone(job)) {
        finished++;
      }
    }
    Iterator<Job> it = jobs.values().iterator();
    while (it.hasNext()) {
      Job job = it.next();
      if (!isDone(job)) {
        continue;
      }
      boolean expired = job.snapshot().finishedAt().map(t -> t.isBefore(oldest)).orElse(false);
      if (finished > limits.keepFinished() || expired) {
        it.remove();
        finished--;
      }
    }
  }

  private static boolean isDone(Job job) {
    return job.slotReleased() && job.snapshot().state().isFinal();
  }
}
