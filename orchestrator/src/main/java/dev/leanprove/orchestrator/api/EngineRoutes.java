package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.engine.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/** {@code GET /engines}: the configured engines and the model specs the seed card knows. */
final class EngineRoutes {

  private final EngineRegistry engines;

  EngineRoutes(EngineRegistry engines) {
    this.engines = engines;
  }

  void mount(Router router) {
    router.get("/engines").respond(ctx -> Future.succeededFuture(describe(engines)));
  }

  static JsonObject describe(EngineRegistry engines) {
    JsonArray configured = new JsonArray();
    for (String name : engines.names()) {
      EngineConfig c = engines.config(name);
      JsonObject o = new JsonObject().put("name", name).put("type", c.type().configName()).put("default", name.equals(engines.defaultName()));
      c.endpoint().ifPresent(uri -> o.put("endpoint", uri.toString()));
      if (!c.model().isEmpty()) {
        o.put("model", c.model());
      }
      configured.add(o);
    }
    JsonArray specs = new JsonArray();
    for (ModelSpec s : ModelSpec.seedCard()) {
      specs.add(new JsonObject()
          .put("family", s.family())
          .put("sizeInBillions", s.sizeInBillions())
          .put("format", s.format().wireName())
          .put("quantization", s.quantization())
          .put("hubModelId", s.hubModelId())
          .put("contextLength", s.contextLength()));
    }
    return new JsonObject().put("engines", configured).put("modelSpecs", specs);
  }
}
