package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** The problem is proved: {@code code} is the whole file that passed the final check ({@code proofs/NAME.lean}). */
record ProofRecord(String problem, String code) implements BatchRecord {

  static final String TYPE = "proof";

  ProofRecord {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(code, "code");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", TYPE).put("problem", problem).put("code", code);
  }

  static ProofRecord fromJson(JsonObject o) {
    return new ProofRecord(o.getString("problem"), o.getString("code"));
  }
}
