package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.JsonObject;

/**
 * One line of {@code attempts.jsonl}. The log is append-only and is the only source of truth a
 * resumed run and the summaries read (STYLE §13): no directory scans, no state elsewhere.
 */
sealed interface BatchRecord permits RunRecord, AttemptRecord, DiscardRecord, ProofRecord, ProblemRecord {

  /** The {@code type} field that names the record kind on its line. */
  String type();

  JsonObject toJson();
}
