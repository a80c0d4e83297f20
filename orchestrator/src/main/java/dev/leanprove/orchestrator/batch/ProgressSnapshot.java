package dev.leanprove.orchestrator.batch;

import java.util.List;
import java.util.OptionalLong;

/**
 * Where a batch stands.
 *
 * @param done finished problems, those finished in earlier sessions included
 * @param doneThisSession finished in this session: the rate the ETA is estimated from
 * @param failures finished problems that were not proved, by reason, most frequent first
 */
public record ProgressSnapshot(int total, int done, int doneThisSession, int proved, int inFlight,
    List<Summary.ReasonCount> failures, long elapsedMs) {

  public ProgressSnapshot {
    failures = List.copyOf(failures);
  }

  /** Time left at this session's pace so far; empty before the first problem of this session finished. */
  public OptionalLong etaMs() {
    if (doneThisSession == 0) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(elapsedMs * (total - done) / doneThisSession);
  }
}
