package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.engine.EngineRegistry;
import dev.leanprove.orchestrator.job.JobStore;
import dev.leanprove.orchestrator.job.JournalTarget;
import dev.leanprove.orchestrator.job.JournalUnavailableException;
import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.metrics.Metrics;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.FileProver;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The HTTP API: {@code /prove}, {@code /jobs}, {@code /check}, {@code /health}, {@code /engines},
 * {@code /openapi.yaml}. Stopping it cancels every job and waits until their Lean processes are gone.
 */
public final class ApiVerticle extends VerticleBase {

  private final ServerConfig config;
  private final Verifier verifier;
  private final FileProver prover;
  private final EngineRegistry engines;
  private final Budget defaultBudget;
  private final Supplier<JsonObject> status;
  private final Optional<Metrics> metrics;
  private JobRegistry jobs;
  private HttpServer server;
  private ConnectionGuard guard;
  private final SourceParser parser = new SourceParser();

  public ApiVerticle(ServerConfig config, Verifier verifier, FileProver prover, EngineRegistry engines,
      Budget defaultBudget, Supplier<JsonObject> status) {
    this(config, verifier, prover, engines, defaultBudget, status, Optional.empty());
  }

  /** As above, with {@code GET /metrics} serving {@code metrics} and job and attempt meters added to it. */
  public ApiVerticle(ServerConfig config, Verifier verifier, FileProver prover, EngineRegistry engines,
      Budget defaultBudget, Supplier<JsonObject> status, Optional<Metrics> metrics) {
    this.metrics = metrics;
    this.config = config;
    this.verifier = verifier;
    this.prover = prover;
    this.engines = engines;
    this.defaultBudget = defaultBudget;
    this.status = status;
  }

  /**
   * Opens the journal (reading it, connecting to a database: off the event loop) and listens.
   * Fails with {@link JournalUnavailableException} when the journal cannot be opened.
   */
  @Override
  public Future<?> start() {
    if (config.journal().isEmpty()) {
      return listen(new JobRegistry(vertx, prover, config.jobs()));
    }
    JournalTarget target = config.journal().get();
    return vertx.executeBlocking(() -> {
      JobStore store;
      try {
        store = target.open(JobJson.RENDERING);
      } catch (IOException e) {
        throw new JournalUnavailableException(target.describe(), e);
      }
      try {
        return new JobRegistry(vertx, prover, config.jobs(), store);
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
    }, false).compose(this::listen);
  }

  private Future<?> listen(JobRegistry registry) {
    jobs = registry;
    metrics.ifPresent(m -> jobs.tapEvents(m::counting));
    Router router = Router.router(vertx);
    ErrorResponses.mount(router);
    // Host, origin and token checks come first: they guard every route mounted after them.
    HostPolicy.mount(router, config.host(), config.connections());
    OriginPolicy.mount(router, config.corsOrigins());
    TokenAuth.mount(router, config.token(), config.clients());
    new HealthRoutes(() -> status.get().copy()
        .put("jobs", new JsonObject().put("running", jobs.runningCount()).put("queued", jobs.queuedCount()))).mount(router);
    new EngineRoutes(engines).mount(router);
    new CheckRoutes(verifier, jobs, config, parser).mount(router);
    new ProveRoutes(jobs, config, defaultBudget, parser).mount(router);
    new JobRoutes(jobs).mount(router);
    metrics.ifPresent(m -> new MetricsRoutes(m, jobs).mount(router));
    OpenApiRoutes.packaged().mount(router);
    guard = new ConnectionGuard(vertx, config.connections());
    // Without h2c the HTTP/1 pipeline (and the connection handler) is set up at connect, not at the first bytes.
    server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false));
    guard.install(server);
    server.requestHandler(guard.tracking(router));
    return server.listen(config.port(), config.host());
  }

  @Override
  public Future<?> stop() {
    guard.stop();
    return jobs.cancelAll();
  }

  /** How many posted files were parsed (tests hold it to one per request). */
  public long sourcesParsed() {
    return parser.parsedCount();
  }

  /** How many posted files were parsed on an event loop (tests hold it to none). */
  public long sourcesParsedOnEventLoop() {
    return parser.parsedOnEventLoop();
  }

  /** Connections open right now (for tests that check none are left behind). */
  public int openConnections() {
    return guard.openCount();
  }

  /** The port actually bound (useful when the config asked for 0). */
  public int actualPort() {
    return server.actualPort();
  }

  /** The server's jobs, for embedding code and tests that watch them. */
  public JobRegistry jobs() {
    return jobs;
  }
}
