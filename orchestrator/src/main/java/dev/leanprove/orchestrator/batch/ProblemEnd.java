package dev.leanprove.orchestrator.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * How the work on one problem ended in this session: finished (the record was logged), or stopped
 * unfinished because the whole batch must stop (the model server is gone, the run was cancelled).
 */
record ProblemEnd(Optional<ProblemRecord> finished, Optional<String> stopReason) {

  ProblemEnd {
    Objects.requireNonNull(finished, "finished");
    Objects.requireNonNull(stopReason, "stopReason");
    if (finished.isPresent() == stopReason.isPresent()) {
      throw new IllegalArgumentException("a problem ends either finished or stopped");
    }
  }

  static ProblemEnd finished(ProblemRecord record) {
    return new ProblemEnd(Optional.of(record), Optional.empty());
  }

  static ProblemEnd stopped(String reason) {
    return new ProblemEnd(Optional.empty(), Optional.of(reason));
  }
}
