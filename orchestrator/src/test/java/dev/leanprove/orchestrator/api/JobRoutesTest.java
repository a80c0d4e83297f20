package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.orchestrator.job.Job;
import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JobRoutesTest {

  static final String NAME = "mathd_numbertheory_48";

  @TempDir
  Path dir;

  ProverFixture f;
  ApiServer server;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir).acceptRealProof(NAME).scriptRealAnswer(NAME).acceptEasy();
  }

  @AfterEach
  void tearDown() {
    server.client.close();
    f.close();
  }

  private void serve(FileProver prover, ServerConfig config) {
    server = ApiServer.start(f, prover, config);
  }

  private void servePortfolio(long leanDelayMillis, JobLimits limits) {
    serve(StandInProvers.portfolio(f, leanDelayMillis), ApiServer.config().withJobs(limits));
  }

  private void serveModel(long leanDelayMillis) {
    serve(StandInProvers.prover(f, Optional.of(f.openAi()), Map.of("FAKE_LEAN_DELAY_MS", Long.toString(leanDelayMillis))),
        ApiServer.config());
  }

  static JsonObject easy(String name) {
    return new JsonObject().put("code", ProverFixture.easyFile(name));
  }

  static JsonObject model() {
    return new JsonObject().put("code", MiniF2F.problem(NAME));
  }

  private static void await(BooleanSupplier condition, String what) {
    ApiServer.await(what, condition);
  }

  private static List<Long> ids(List<SseClient.Event> events) {
    return events.stream().map(SseClient.Event::id).collect(Collectors.toList());
  }

  private static List<Long> oneTo(long n) {
    return LongStream.rangeClosed(1, n).boxed().collect(Collectors.toList());
  }

  @Test
  void prove_async_returns202AndTheJobEndsWithItsResult() {
    servePortfolio(0, JobLimits.DEFAULT);

    HttpResponse<Buffer> accepted = server.client.post("/prove").addQueryParam("async", "true")
        .sendJsonObject(easy("easy_one")).await();

    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.bodyAsJsonObject().getString("jobId");
    assertThat(accepted.getHeader("Location")).isEqualTo("/jobs/" + id);
    JsonObject job = server.awaitFinal(id);
    assertThat(job.getString("state")).isEqualTo("succeeded");
    assertThat(job.getJsonObject("result").getString("status")).isEqualTo("PROVED");
    assertThat(job.getJsonObject("result").getString("code")).doesNotContain("sorry");
    assertThat(job.getJsonObject("result").containsKey("edit")).isFalse();
    assertThat(job.getString("finishedAt")).isNotBlank();
    JsonArray list = server.get("/jobs").bodyAsJsonObject().getJsonArray("jobs");
    assertThat(list).hasSize(1);
    assertThat(list.getJsonObject(0).getString("id")).isEqualTo(id);
    assertThat(list.getJsonObject(0).getString("status")).isEqualTo("PROVED");
  }

  @Test
  void prove_asyncInJsonBody_isAcceptedToo() {
    servePortfolio(0, JobLimits.DEFAULT);

    HttpResponse<Buffer> r = server.postJson("/prove", easy("easy_one").put("async", true));

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(server.awaitFinal(r.bodyAsJsonObject().getString("jobId")).getString("state")).isEqualTo("succeeded");
  }

  @Test
  void prove_asyncNotABoolean_is400() {
    servePortfolio(0, JobLimits.DEFAULT);

    HttpResponse<Buffer> r = server.client.post("/prove").addQueryParam("async", "maybe").sendJsonObject(easy("easy_one")).await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiServer.error(r).getString("message")).contains("async");
  }

  @Test
  void events_streamDeliversEveryEventInOrderEndingWithTheResult() {
    serveModel(0);
    String id = server.submit(model());

    SseClient sse = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events", Map.of()).awaitEnd();

    assertThat(sse.status.get()).isEqualTo(200);
    assertThat(sse.contentType).startsWith("text/event-stream");
    List<String> names = sse.events.stream().map(SseClient.Event::name).collect(Collectors.toList());
    assertThat(ids(sse.events)).isEqualTo(oneTo(sse.events.size()));
    assertThat(names.subList(0, 2)).containsExactly("queued", "started");
    assertThat(names).containsSubsequence("theorem_started", "progress", "attempt_started", "candidate", "verified",
        "attempt_started", "candidate", "verified", "theorem_done", "progress", "result");
    assertThat(names).filteredOn(n -> n.equals("result") || n.equals("error") || n.equals("cancelled")).hasSize(1);
    SseClient.Event modelCandidate = sse.events.stream()
        .filter(e -> e.name().equals("candidate") && e.data().getString("strategy").equals("whole-proof")).findFirst().orElseThrow();
    assertThat(modelCandidate.data().getString("proof")).contains("nlinarith");
    SseClient.Event last = sse.events.get(sse.events.size() - 1);
    assertThat(last.data().getString("state")).isEqualTo("succeeded");
    assertThat(last.data().getString("status")).isEqualTo("PROVED");
    JsonObject lastProgress = sse.events.stream().filter(e -> e.name().equals("progress")).reduce((a, b) -> b).orElseThrow().data();
    assertThat(lastProgress.getInteger("done")).isEqualTo(lastProgress.getInteger("total"));
    assertThat(server.get("/jobs/" + id).bodyAsJsonObject().getLong("lastEventId")).isEqualTo(sse.events.size());
  }

  @Test
  void events_droppedConnection_resumesAfterLastEventIdWithoutGapsOrRepeats() {
    serveModel(200);
    String id = server.submit(model());
    SseClient first = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events", Map.of(), 3).awaitEvents(3);
    assertThat(first.dropped()).isTrue();
    assertThat(first.events).hasSize(3);
    first.close();
    long lastSeen = 3;

    SseClient resumed = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events",
        Map.of("Last-Event-ID", Long.toString(lastSeen))).awaitEnd();

    assertThat(resumed.events.get(0).id()).isEqualTo(lastSeen + 1);
    List<Long> all = new ArrayList<>(ids(first.events));
    all.addAll(ids(resumed.events));
    assertThat(all).isEqualTo(oneTo(all.size()));
    assertThat(resumed.events.get(resumed.events.size() - 1).name()).isEqualTo("result");
    resumed.close();
  }

  @Test
  void events_afterTheEnd_replayFromQueryLastEventIdAndEnd() {
    servePortfolio(0, JobLimits.DEFAULT);
    String id = server.submit(easy("easy_one"));
    long last = server.awaitFinal(id).getLong("lastEventId");

    SseClient tail = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events?lastEventId=" + (last - 1), Map.of()).awaitEnd();
    SseClient nothing = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events", Map.of("Last-Event-ID", Long.toString(last)))
        .awaitEnd();

    assertThat(tail.events).singleElement().satisfies(e -> {
      assertThat(e.id()).isEqualTo(last);
      assertThat(e.name()).isEqualTo("result");
    });
    assertThat(nothing.events).isEmpty();
  }

  @Test
  void events_clientDisconnectsMidStream_jobGoesOnAndTheStreamIsReleased() {
    serveModel(300);
    String id = server.submit(model());
    Job job = server.api.jobs().find(id).orElseThrow();
    SseClient sse = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events", Map.of()).awaitEvents(2);
    assertThat(job.subscriberCount()).isEqualTo(1);

    sse.drop();

    await(() -> job.subscriberCount() == 0, "the stream's subscription released");
    assertThat(server.awaitFinal(id).getString("state")).isEqualTo("succeeded");
    assertThat(server.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void events_badLastEventId_is400() {
    servePortfolio(0, JobLimits.DEFAULT);
    String id = server.submit(easy("easy_one"));

    HttpResponse<Buffer> r = server.client.get("/jobs/" + id + "/events").putHeader("Last-Event-ID", "abc").send().await();

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(ApiServer.error(r).getString("message")).contains("Last-Event-ID").contains("abc");
  }

  @Test
  void unknownJob_is404JsonOnEveryRoute() {
    servePortfolio(0, JobLimits.DEFAULT);

    for (HttpResponse<Buffer> r : List.of(server.get("/jobs/nope"), server.delete("/jobs/nope"), server.get("/jobs/nope/events"))) {
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(ApiServer.error(r).getString("code")).isEqualTo("job_not_found");
    }
  }

  @Test
  void listJobs_badLimit_is400() {
    servePortfolio(0, JobLimits.DEFAULT);

    assertThat(server.get("/jobs?limit=0").statusCode()).isEqualTo(400);
    assertThat(server.get("/jobs?limit=x").statusCode()).isEqualTo(400);
  }

  @Test
  void delete_runningJob_killsTheStandInLean() {
    // The stand-in would check for ten minutes: only the kill can end it within the wait.
    servePortfolio(600_000, JobLimits.DEFAULT);
    String id = server.submit(easy("slow_one"));
    await(() -> f.lean.leanRuns() >= 1, "Lean started");

    HttpResponse<Buffer> r = server.delete("/jobs/" + id);
    await(() -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning), "no stand-in process left");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("state")).isEqualTo("cancelled");
    assertThat(f.lean.startedPids()).isNotEmpty().noneMatch(ProcessProbe::isRunning);
    SseClient sse = SseClient.open(f.vertx, server.port, "/jobs/" + id + "/events", Map.of()).awaitEnd();
    assertThat(sse.events.get(sse.events.size() - 1).name()).isEqualTo("cancelled");
    assertThat(server.delete("/jobs/" + id).bodyAsJsonObject().getString("state")).isEqualTo("cancelled");
  }

  @Test
  void prove_syncClientHangsUp_cancelsTheJobAndItsLean() {
    servePortfolio(30_000, JobLimits.DEFAULT);
    HttpClient http = f.vertx.createHttpClient();
    HttpClientRequest request = http.request(HttpMethod.POST, server.port, "127.0.0.1", "/prove").await();
    request.putHeader("Content-Type", "application/json");
    Future<?> pending = request.send(easy("slow_one").toBuffer());
    await(() -> f.lean.leanRuns() >= 1, "Lean started");

    request.connection().close().await();

    await(() -> server.get("/jobs").bodyAsJsonObject().getJsonArray("jobs").getJsonObject(0).getString("state").equals("cancelled"),
        "the job cancelled");
    await(() -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning), "no stand-in process left");
    assertThat(pending.failed()).isTrue();
    http.close().await();
  }

  @Test
  void prove_queueFull_is429WithRetryAfter() {
    servePortfolio(30_000, JobLimits.DEFAULT.withMaxRunning(1).withQueueSize(1));
    server.submit(easy("running_one"));
    server.submit(easy("waiting_one"));

    HttpResponse<Buffer> async = server.client.post("/prove").addQueryParam("async", "true").sendJsonObject(easy("refused_one")).await();
    HttpResponse<Buffer> sync = server.postJson("/prove", easy("refused_two"));

    for (HttpResponse<Buffer> r : List.of(async, sync)) {
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(r.getHeader("Retry-After"))).isPositive();
      assertThat(ApiServer.error(r).getString("code")).isEqualTo("queue_full");
    }
    JsonObject health = server.get("/health").bodyAsJsonObject().getJsonObject("jobs");
    assertThat(health.getInteger("running")).isEqualTo(1);
    assertThat(health.getInteger("queued")).isEqualTo(1);
  }

  @Test
  void prove_100ConcurrentAsyncJobs_areAllAcceptedAndAllFinish() {
    servePortfolio(1, JobLimits.DEFAULT.withMaxRunning(8).withQueueSize(100));
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      sent.add(server.client.post("/prove").addQueryParam("async", "true").sendJsonObject(easy("many_" + i)));
    }

    List<HttpResponse<Buffer>> responses = Future.all(sent).await().list();

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202));
    Set<String> ids = responses.stream().map(r -> r.bodyAsJsonObject().getString("jobId")).collect(Collectors.toSet());
    assertThat(ids).hasSize(100);
    // However slowly a loaded machine runs them, jobs keep finishing; only a minute without one finishing is a hang.
    Set<String> succeeded = new HashSet<>();
    long stalledSince = System.nanoTime();
    while (succeeded.size() < 100 && System.nanoTime() - stalledSince < Duration.ofSeconds(60).toNanos()) {
      int before = succeeded.size();
      for (Object o : server.get("/jobs?limit=1000").bodyAsJsonObject().getJsonArray("jobs")) {
        JsonObject job = (JsonObject) o;
        if (job.getString("state").equals("succeeded")) {
          succeeded.add(job.getString("id"));
        }
        assertThat(job.getString("state")).isNotIn("failed", "cancelled");
      }
      if (succeeded.size() > before) {
        stalledSince = System.nanoTime();
      }
      ApiServer.sleep(200);
    }
    assertThat(succeeded).isEqualTo(ids);
    assertThat(server.get("/jobs/" + ids.iterator().next()).bodyAsJsonObject().getJsonObject("result").getString("status"))
        .isEqualTo("PROVED");
  }
}
