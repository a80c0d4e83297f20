package dev.leanprove.orchestrator.job;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * Where a server records its jobs so they outlive it: {@link JobRegistry} writes every submission,
 * event and finished job here and reads them back when it starts. Writes are queued for the
 * store's own thread and never block the caller; {@link #read} and {@link #close} block, so the
 * registry calls them off the event loop. Implementations: {@link JobJournal} (a JSON-lines file,
 * one server) and {@link PostgresJobStore} (a database several servers share).
 */
public interface JobStore extends AutoCloseable {

  /** How the API shows jobs and events; the store keeps exactly that. */
  interface Rendering {
    JsonObject event(Job job, JobEvent event);

    JsonObject job(JobSnapshot job);
  }

  /** A job as the store has it; {@code finished} is the job as {@code GET /jobs/{id}} showed it once it ended. */
  record Entry(String id, String owner, Instant createdAt, JobRequest request, List<JobEvent> events,
      Optional<JsonObject> finished) {}

  /**
   * The jobs this server starts with, oldest first: finished ones to show again and unfinished
   * ones to run again, which from now on are this server's alone. Blocks.
   */
  List<Entry> read(JobLimits limits) throws IOException;

  /**
   * A finished job this server does not know but another server sharing the store recorded;
   * empty when there is none (always, for a store no other server writes). Does not block.
   */
  CompletableFuture<Optional<Entry>> findFinished(String id);

  /**
   * Drops what is no longer kept, so the store does not grow without end across restarts:
   * records of jobs not in {@code keep} (this server's view) or, for a shared store, finished
   * jobs beyond {@code limits}. Queued after the writes before it.
   */
  void compact(Set<String> keep, JobLimits limits) throws IOException;

  /**
   * Now and then, claims unfinished jobs that another server left behind (it stopped renewing its
   * claim: it died or lost the database), at most {@code room.getAsInt()} at a time, oldest first,
   * and hands them to {@code adopt} on the store's own thread; they are this server's from then on.
   * A store no other server writes never calls {@code adopt}.
   */
  void adoptAbandoned(IntSupplier room, Consumer<List<Entry>> adopt);

  /** Records a job the server accepted. */
  void submitted(Job job);

  /** Records one event; the terminal one also records the finished job. Called in event order. */
  void event(Job job, JobEvent event);

  /** Stops recording at once: what comes after, such as the cancellations of a shutdown, is not kept. */
  void stopRecording();

  /**
   * Stops recording and waits (bounded) until what was recorded is stored; unfinished jobs are
   * left for the next server that starts on this store. Blocks: not on an event loop.
   */
  @Override
  void close();

  /** Names the store for messages and logs, never with a password. */
  String describe();
}
