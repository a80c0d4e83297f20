package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.ProveRequest;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a job proves.
 *
 * @param wantsEdit whether the result should carry the text edit that turns the posted file into
 *     the proved one (prove-at-cursor requests, which name exactly one theorem)
 */
public record JobRequest(ProveRequest prove, boolean wantsEdit) {

  public JobRequest {
    Objects.requireNonNull(prove, "prove");
  }

  /** The request as job stores keep it, so a restarted server can run it again. */
  JsonObject toStored() {
    JsonObject budget = new JsonObject().put("samples", prove.budget().samples()).put("tokens", prove.budget().tokens())
        .put("seconds", prove.budget().wall().toSeconds());
    JsonObject request = new JsonObject().put("code", prove.code()).put("engine", prove.engine()).put("budget", budget)
        .put("wantsEdit", wantsEdit);
    prove.theorem().ifPresent(t -> request.put("theorem", t));
    return request;
  }

  /** The request {@link #toStored()} kept. */
  static JobRequest fromStored(JsonObject r) {
    JsonObject b = r.getJsonObject("budget");
    ProveRequest prove = new ProveRequest(r.getString("code"), Optional.ofNullable(r.getString("theorem")),
        r.getString("engine", ""), new Budget(b.getInteger("samples"), b.getLong("tokens"), Duration.ofSeconds(b.getLong("seconds"))));
    return new JobRequest(prove, r.getBoolean("wantsEdit", false));
  }
}
