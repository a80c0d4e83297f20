package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.metrics.Metrics;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.standin.ProverFixture;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** An {@link ApiVerticle} over a fixture's stand-ins, listening on a free port, with a client for it. */
final class ApiServer {

  static final Budget DEFAULT_BUDGET = new Budget(4, 500_000, Duration.ofMinutes(2));

  final ApiVerticle api;
  final WebClient client;
  final int port;

  private ApiServer(ApiVerticle api, WebClient client, int port) {
    this.api = api;
    this.client = client;
    this.port = port;
  }

  static ApiServer start(ProverFixture f, FileProver prover, ServerConfig config) {
    return start(f, f.verifier, prover, config);
  }

  /** A server whose {@code /check} uses {@code verifier} (e.g. one over a slowed stand-in Lean). */
  static ApiServer start(ProverFixture f, Verifier verifier, FileProver prover, ServerConfig config) {
    ApiVerticle api = new ApiVerticle(config, verifier, prover, f.registry(java.util.Optional.empty()), DEFAULT_BUDGET,
        () -> new JsonObject().put("lean", "4.24.0"), java.util.Optional.of(new Metrics("test")));
    f.vertx.deployVerticle(api).await();
    WebClient client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()),
        new PoolOptions().setHttp1MaxSize(128));
    return new ApiServer(api, client, api.actualPort());
  }

  /** Waits (10 s at most) until {@code condition} holds, and fails naming {@code what} if it does not. */
  static void await(String what, BooleanSupplier condition) {
    try {
      ProcessProbe.awaitCondition(condition, Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    if (!condition.getAsBoolean()) {
      throw new AssertionError(what + " not reached within 10 s");
    }
  }

  static ServerConfig config() {
    return new ServerConfig("127.0.0.1", 0, 256 * 1024);
  }

  HttpResponse<Buffer> postJson(String path, JsonObject body) {
    return client.post(path).sendJsonObject(body).await();
  }

  HttpResponse<Buffer> get(String path) {
    return client.get(path).send().await();
  }

  HttpResponse<Buffer> delete(String path) {
    return client.delete(path).send().await();
  }

  /** Starts a job and returns its id. */
  String submit(JsonObject body) {
    HttpResponse<Buffer> r = client.post("/prove").addQueryParam("async", "true").sendJsonObject(body).await();
    if (r.statusCode() != 202) {
      throw new AssertionError("expected 202, got " + r.statusCode() + ": " + r.bodyAsString());
    }
    return r.bodyAsJsonObject().getString("jobId");
  }

  /** Polls the job until it has ended (10 s at most) and returns it. */
  JsonObject awaitFinal(String id) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      JsonObject job = get("/jobs/" + id).bodyAsJsonObject();
      String state = job.getString("state");
      if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " still " + state + " after 10 s");
      }
      sleep(50);
    }
  }

  static JsonObject error(HttpResponse<Buffer> r) {
    return r.bodyAsJsonObject().getJsonObject("error");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
