package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * An earlier attempt that no longer counts: it was judged proved, but the run was killed before
 * the proof's final whole-file check was recorded, so a resumed run makes that sample again.
 */
record DiscardRecord(String problem, int sample, String reason) implements BatchRecord {

  static final String TYPE = "discard";

  DiscardRecord {
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(reason, "reason");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", TYPE).put("problem", problem).put("sample", sample).put("reason", reason);
  }

  static DiscardRecord fromJson(JsonObject o) {
    return new DiscardRecord(o.getString("problem"), o.getInteger("sample"), o.getString("reason", ""));
  }
}
