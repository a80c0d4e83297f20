package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.Cancellation;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.SearchEvent;
import dev.leanprove.orchestrator.search.TheoremResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One proof request run as a job: its state, its event log (kept until the job is evicted) and
 * the subscribers that follow the log live. Once it has ended it keeps only what {@link RawOutputTrim}
 * keeps of its attempts, and knows what that weighs. Thread-safe; state changes come from the registry.
 */
public final class Job {

  private static final JobLog LOG = new JobLog(Logger.getLogger(Job.class.getName()));

  private final String id;
  private final String owner;
  private final JobRequest request;
  private final Instant createdAt;
  private final Cancellation cancellation = new Cancellation();
  private final Promise<JobSnapshot> finished = Promise.promise();
  private final Promise<Void> released = Promise.promise();
  private final ProgressCounter progress;
  private final RawOutputTrim trim;
  private long weight;
  private int trimmedEvents;

  private JobState state = JobState.QUEUED;
  private Instant startedAt;
  private Instant finishedAt;
  private JobResult result;
  private JobFailure failure;
  private boolean slotReleased;
  private JsonObject recorded;
  private final List<JobEvent> events = new ArrayList<>();
  private final List<Consumer<JobEvent>> subscribers = new ArrayList<>();

  /** A job that, once ended, keeps at most {@code rawOutputCap} bytes of its failed attempts' model outputs. */
  Job(String id, String owner, JobRequest request, Instant createdAt, long rawOutputCap) {
    this.id = Objects.requireNonNull(id, "id");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.request = Objects.requireNonNull(request, "request");
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.progress = new ProgressCounter(request.prove().budget().samples());
    this.trim = new RawOutputTrim(rawOutputCap);
  }

  /** A job from the journal: its events so far (new ones continue their numbering) and, when it had finished, its record. */
  static Job fromJournal(JobStore.Entry entry, long rawOutputCap) {
    Job job = new Job(entry.id(), entry.owner(), entry.request(), entry.createdAt(), rawOutputCap);
    job.events.addAll(entry.events());
    entry.finished().ifPresent(record -> {
      // Written as the job was once it ended, so already trimmed; weighed as the text it is.
      job.weight = RawOutputTrim.utf8Bytes(record.encode()) + RawOutputTrim.utf8Bytes(entry.request().prove().code());
      for (JobEvent e : entry.events()) {
        job.weight += e instanceof JobEvent.Recorded ? RawOutputTrim.utf8Bytes(((JobEvent.Recorded) e).data().encode()) : 0;
      }
      job.recorded = record;
      job.state = stateOf(record);
      job.startedAt = instant(record, "startedAt");
      job.finishedAt = instant(record, "finishedAt");
      if (job.finishedAt == null) {
        job.finishedAt = entry.createdAt();
      }
      job.slotReleased = true;
      job.finished.tryComplete(job.snapshot());
      job.released.tryComplete();
    });
    return job;
  }

  private static JobState stateOf(JsonObject record) {
    for (JobState s : JobState.values()) {
      if (s.isFinal() && s.wireName().equals(record.getString("state"))) {
        return s;
      }
    }
    return JobState.FAILED;
  }

  private static Instant instant(JsonObject record, String key) {
    String text = record.getString(key);
    return text == null ? null : Instant.parse(text);
  }

  public String id() {
    return id;
  }

  public JobRequest request() {
    return request;
  }

  /** The client that submitted it; "" when the server has no client tokens. */
  public String owner() {
    return owner;
  }

  public synchronized JobSnapshot snapshot() {
    return new JobSnapshot(id, state, request, createdAt, Optional.ofNullable(startedAt), Optional.ofNullable(finishedAt),
        Optional.ofNullable(result), Optional.ofNullable(failure), lastSeq(), Optional.ofNullable(recorded));
  }

  /** Completes when the job reaches a final state (a cancelled job: at once, while Lean is being killed). */
  public Future<JobSnapshot> finished() {
    return finished.future();
  }

  /** Completes when the search has really stopped, so its slot and its Lean processes are free. */
  Future<Void> released() {
    return released.future();
  }

  /**
   * UTF-8 bytes of what the job keeps once it has ended (its file, results, attempts and events'
   * texts): what the registry's {@link JobLimits#keepFinishedBytes()} counts. 0 while it runs.
   */
  synchronized long weight() {
    return weight;
  }

  /** The events so far, in order. */
  public synchronized List<JobEvent> events() {
    return List.copyOf(events);
  }

  /**
   * Delivers every event after {@code afterSeq} to {@code listener}, then each new one as it
   * happens, in order and without gaps or repeats. The listener runs with the job's lock held, so
   * it must hand the event on and return (e.g. to its own Vert.x context). A job whose log has
   * ended delivers what is left and keeps no subscription.
   */
  public Subscription subscribe(long afterSeq, Consumer<JobEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    synchronized (this) {
      for (JobEvent e : events) {
        if (e.seq() > afterSeq) {
          listener.accept(e);
        }
      }
      if (state.isFinal()) {
        return () -> {};
      }
      subscribers.add(listener);
    }
    return () -> unsubscribe(listener);
  }

  private synchronized void unsubscribe(Consumer<JobEvent> listener) {
    subscribers.remove(listener);
  }

  /** How many live subscribers follow the log (streams open right now). */
  public synchronized int subscriberCount() {
    return subscribers.size();
  }

  /** Stops following a job's events. */
  @FunctionalInterface
  public interface Subscription {
    void unsubscribe();
  }

  Cancellation cancellation() {
    return cancellation;
  }

  synchronized boolean slotReleased() {
    return slotReleased;
  }

  synchronized void queued(int position) {
    publish(new JobEvent.Queued(nextSeq(), position));
  }

  /** Marks the job running; false when it was cancelled while it waited. */
  synchronized boolean start(Instant now) {
    if (state != JobState.QUEUED) {
      return false;
    }
    state = JobState.RUNNING;
    startedAt = now;
    publish(new JobEvent.Started(nextSeq()));
    return true;
  }

  synchronized void searched(SearchEvent event) {
    if (state.isFinal()) {
      return;
    }
    publish(new JobEvent.Searched(nextSeq(), event));
    if (progress.update(event)) {
      publish(new JobEvent.Progress(nextSeq(), progress.done(), progress.total(), progress.theoremsDone(), progress.theorems()));
    }
  }

  /** The search ended with a result; a cancelled job keeps its state but gets what was found. */
  void complete(ProveResult proveResult, Instant now) {
    JobSnapshot done;
    synchronized (this) {
      result = JobResult.of(request, trim.result(proveResult));
      if (state.isFinal()) {
        retain();
        return;
      }
      state = proveResult.proved() ? JobState.SUCCEEDED : JobState.FAILED;
      finishedAt = now;
      // Lean never judged a model answer: say why, next to what the portfolio may have found.
      failure = engineUnavailable(proveResult).orElse(failure);
      publish(new JobEvent.Finished(nextSeq(), result));
      retain();
      done = snapshot();
    }
    finished.tryComplete(done);
  }

  private static Optional<JobFailure> engineUnavailable(ProveResult result) {
    if (result.proved()) {
      return Optional.empty();
    }
    return result.theorems().stream().filter(TheoremResult::modelUnreachable).findFirst()
        .map(t -> new JobFailure(JobFailure.ENGINE_UNAVAILABLE, "the model engine could not be used: " + t.detail()));
  }

  void fail(JobFailure why, Instant now) {
    JobSnapshot done;
    synchronized (this) {
      if (state.isFinal()) {
        return;
      }
      state = JobState.FAILED;
      failure = why;
      finishedAt = now;
      publish(new JobEvent.Failed(nextSeq(), why));
      retain();
      done = snapshot();
    }
    finished.tryComplete(done);
  }

  /** Cancels the job unless it has ended; the search's Lean processes are killed on the way. */
  void cancel(Instant now) {
    JobSnapshot done;
    synchronized (this) {
      if (state.isFinal()) {
        return;
      }
      state = JobState.CANCELLED;
      finishedAt = now;
      publish(new JobEvent.Cancelled(nextSeq()));
      retain();
      done = snapshot();
    }
    // Outside the lock: cancelling kills processes and completes futures whose callbacks may call back here.
    cancellation.cancel();
    finished.tryComplete(done);
  }

  void release() {
    synchronized (this) {
      slotReleased = true;
    }
    released.tryComplete();
  }

  // The log's attempts are the result's (cut once, shared); a cancelled job's late result comes through here again.
  private void retain() {
    for (int i = trimmedEvents; i < events.size(); i++) {
      events.set(i, trim.event(events.get(i)));
    }
    trimmedEvents = events.size();
    weight = RawOutputTrim.utf8Bytes(request.prove().code()) + trim.weight();
  }

  private long lastSeq() {
    return events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
  }

  private long nextSeq() {
    return lastSeq() + 1;
  }

  private void publish(JobEvent event) {
    events.add(event);
    for (Consumer<JobEvent> s : List.copyOf(subscribers)) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        // A broken follower must not stop the search; it just stops hearing about it.
        LOG.log(Level.WARNING, id, "dropping a subscriber of job " + id + " that failed on event " + event.seq(), e);
        subscribers.remove(s);
      }
    }
    if (event.terminal()) {
      subscribers.clear();
    }
  }

  @Override
  public String toString() {
    return "Job[" + id + "]";
  }
}
