package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * A problem is finished: a resumed run skips it.
 *
 * @param status {@code PROVED}, the reason code that best explains the failure, or for an
 *     invalid problem {@code NO_TARGET} (no theorem with {@code sorry}, or nothing Lean-like)
 *     or {@code UNREADABLE} (too large, not UTF-8, no statement)
 * @param wallMs time spent on it in the session that finished it
 */
record ProblemRecord(String problem, String split, String category, Outcome outcome, String status, String detail,
    long wallMs) implements BatchRecord {

  static final String TYPE = "problem";

  /** What became of a problem. */
  enum Outcome {
    PROVED,
    NOT_PROVED,
    INVALID
  }

  /** Why a problem could not even be tried. */
  enum InvalidReason {
    NO_TARGET,
    UNREADABLE
  }

  ProblemRecord {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(category, "category");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    if (outcome == Outcome.INVALID) {
      InvalidReason.valueOf(status);
    } else {
      ReasonCode code = ReasonCode.valueOf(status);
      if ((code == ReasonCode.PROVED) != (outcome == Outcome.PROVED)) {
        throw new IllegalArgumentException("outcome " + outcome + " with status " + status);
      }
    }
  }

  static ProblemRecord proved(Problem p, String detail, long wallMs) {
    return new ProblemRecord(p.name(), p.split(), p.category(), Outcome.PROVED, ReasonCode.PROVED.name(), detail, wallMs);
  }

  static ProblemRecord notProved(Problem p, ReasonCode status, String detail, long wallMs) {
    return new ProblemRecord(p.name(), p.split(), p.category(), Outcome.NOT_PROVED, status.name(), detail, wallMs);
  }

  static ProblemRecord invalid(Problem p, InvalidReason reason, String detail) {
    return new ProblemRecord(p.name(), p.split(), p.category(), Outcome.INVALID, reason.name(), detail, 0);
  }

  boolean proved() {
    return outcome == Outcome.PROVED;
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", TYPE).put("problem", problem).put("split", split).put("category", category)
        .put("outcome", outcome.name()).put("status", status).put("detail", detail).put("wallMs", wallMs);
  }

  static ProblemRecord fromJson(JsonObject o) {
    return new ProblemRecord(o.getString("problem"), o.getString("split", ""), o.getString("category", ""),
        Outcome.valueOf(o.getString("outcome")), o.getString("status"), o.getString("detail", ""), o.getLong("wallMs", 0L));
  }
}
