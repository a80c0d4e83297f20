package dev.leanprove.orchestrator.cluster;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One verification as it travels to a worker: the source text (the worker parses it again), and
 * what to check in it.
 *
 * @param timeout Lean's own limit for this check, when it differs from the worker's configured one
 */
record VerifyRequest(String id, Kind kind, String text, String theorem, String proof, String auxiliary,
    Optional<String> claimedStatement, Optional<Duration> timeout) {

  /** Which {@code Verifier} method the worker calls. */
  enum Kind {
    PROOF,
    SKETCH,
    FILE
  }

  VerifyRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(theorem, "theorem");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(claimedStatement, "claimedStatement");
    Objects.requireNonNull(timeout, "timeout");
  }

  static VerifyRequest of(String id, Kind kind, ProofCandidate c, Optional<Duration> timeout) {
    return new VerifyRequest(id, kind, c.source().text(), c.theoremName(), c.proof(), c.auxiliary(), c.claimedStatement(),
        timeout);
  }

  static VerifyRequest file(String id, LeanSource source) {
    return new VerifyRequest(id, Kind.FILE, source.text(), "", "", "", Optional.empty(), Optional.empty());
  }

  ProofCandidate candidate() {
    return new ProofCandidate(LeanSource.parse(text), theorem, proof, auxiliary, claimedStatement);
  }

  JsonObject toJson() {
    JsonObject o = new JsonObject().put("id", id).put("kind", kind.name()).put("text", text).put("theorem", theorem)
        .put("proof", proof).put("auxiliary", auxiliary);
    claimedStatement.ifPresent(s -> o.put("claimedStatement", s));
    timeout.ifPresent(t -> o.put("timeoutMs", t.toMillis()));
    return o;
  }

  static VerifyRequest fromJson(JsonObject o) {
    Long timeoutMs = o.getLong("timeoutMs");
    return new VerifyRequest(o.getString("id"), Kind.valueOf(o.getString("kind")), o.getString("text"),
        o.getString("theorem"), o.getString("proof"), o.getString("auxiliary"),
        Optional.ofNullable(o.getString("claimedStatement")),
        Optional.ofNullable(timeoutMs).map(Duration::ofMillis));
  }
}
