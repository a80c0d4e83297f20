package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.FileProver;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.util.function.Supplier;

/** The HTTP API: {@code /prove}, {@code /check}, {@code /health}, {@code /engines}. */
public final class ApiVerticle extends VerticleBase {

  private final ServerConfig config;
  private final Verifier verifier;
  private final FileProver prover;
  private final EngineRegistry engines;
  private final Budget defaultBudget;
  private final Supplier<JsonObject> status;
  private HttpServer server;

  public ApiVerticle(ServerConfig config, Verifier verifier, FileProver prover, EngineRegistry engines,
      Budget defaultBudget, Supplier<JsonObject> status) {
    this.config = config;
    this.verifier = verifier;
    this.prover = prover;
    this.engines = engines;
    this.defaultBudget = defaultBudget;
    this.status = status;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    ErrorResponses.mount(router);
    new HealthRoutes(status).mount(router);
    new EngineRoutes(engines).mount(router);
    new CheckRoutes(verifier, config).mount(router);
    new ProveRoutes(prover, config, defaultBudget).mount(router);
    server = vertx.createHttpServer().requestHandler(router);
    return server.listen(config.port(), config.host());
  }

  /** The port actually bound (useful when the config asked for 0). */
  public int actualPort() {
    return server.actualPort();
  }
}
