package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/** A run (or a resumed run) began with these settings. */
record RunRecord(String startedAt, RunSettings settings, boolean resumed) implements BatchRecord {

  static final String TYPE = "run";

  RunRecord {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(settings, "settings");
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("type", TYPE).put("startedAt", startedAt).put("resumed", resumed)
        .put("settings", settings.toJson());
  }

  static RunRecord fromJson(JsonObject o) {
    return new RunRecord(o.getString("startedAt", ""), RunSettings.fromJson(o.getJsonObject("settings")),
        o.getBoolean("resumed", false));
  }
}
