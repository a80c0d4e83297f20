package dev.leanprove.orchestrator.job;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A job as it was at one moment, for rendering without holding its lock.
 *
 * @param result present once the search has ended (for a cancelled job: what it had found by then)
 * @param failure present when an error stopped the job
 * @param lastEventId the seq of the job's latest event
 * @param recorded for a job that finished before the server restarted, the job as the API showed it
 *     then (its result is only there, not in {@code result})
 */
public record JobSnapshot(
    String id,
    JobState state,
    JobRequest request,
    Instant createdAt,
    Optional<Instant> startedAt,
    Optional<Instant> finishedAt,
    Optional<JobResult> result,
    Optional<JobFailure> failure,
    long lastEventId,
    Optional<JsonObject> recorded) {

  public JobSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(recorded, "recorded");
  }
}
