package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs survive a restart: finished results stay readable, unfinished jobs run again, event streams resume. */
final class JobJournalTest {

  @TempDir
  Path dir;

  ProverFixture f;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir).acceptEasy();
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  static JsonObject easy(String name) {
    return new JsonObject().put("code", ProverFixture.easyFile(name));
  }

  /** A server on the journal; {@code leanDelayMillis} slows each Lean run. */
  private Deployed deploy(Path journal, long leanDelayMillis) {
    ServerConfig config = ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(1)).withJournal(journal);
    ApiVerticle api = new ApiVerticle(config, f.verifier, StandInProvers.portfolio(f, leanDelayMillis), f.registry(Optional.empty()),
        ApiServer.DEFAULT_BUDGET, () -> new JsonObject());
    String id = f.vertx.deployVerticle(api).await();
    WebClient client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
    return new Deployed(api, id, client);
  }

  private record Deployed(ApiVerticle api, String deploymentId, WebClient client) {
    String submit(JsonObject body) {
      return client.post("/prove").addQueryParam("async", "true").sendJsonObject(body).await().bodyAsJsonObject().getString("jobId");
    }

    JsonObject job(String id) {
      return client.get("/jobs/" + id).send().await().bodyAsJsonObject();
    }

    JsonObject awaitFinal(String id) {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (System.nanoTime() < deadline) {
        JsonObject job = job(id);
        if (List.of("succeeded", "failed", "cancelled").contains(job.getString("state"))) {
          return job;
        }
        ApiServer.sleep(50);
      }
      throw new AssertionError("job " + id + " did not finish: " + job(id));
    }
  }

  @Test
  void restart_finishedStaysQueuedRunsAgainAndStreamResumes() {
    Path journal = dir.resolve("data/jobs.jsonl");
    Deployed first = deploy(journal, 1500);
    String done = first.submit(easy("done_before"));
    assertThat(first.awaitFinal(done).getString("state")).isEqualTo("succeeded");
    JsonObject resultBefore = first.job(done).getJsonObject("result");
    String running = first.submit(easy("running_at_stop"));
    String queued = first.submit(easy("queued_at_stop"));
    assertThat(first.job(queued).getString("state")).isEqualTo("queued");
    SseClient stream = SseClient.open(f.vertx, first.api.actualPort(), "/jobs/" + queued + "/events", Map.of()).awaitEvents(1);
    long seen = stream.events.get(stream.events.size() - 1).id();
    stream.close();

    f.vertx.undeploy(first.deploymentId()).await();
    first.client().close();
    Deployed second = deploy(journal, 0);

    JsonObject finished = second.job(done);
    assertThat(finished.getString("state")).isEqualTo("succeeded");
    assertThat(finished.getJsonObject("result")).isEqualTo(resultBefore);
    assertThat(second.awaitFinal(running).getString("state")).isEqualTo("succeeded");
    assertThat(second.awaitFinal(queued).getString("state")).isEqualTo("succeeded");
    SseClient resumed = SseClient.open(f.vertx, second.api.actualPort(), "/jobs/" + queued + "/events",
        Map.of("Last-Event-ID", Long.toString(seen))).awaitEnd();
    List<Long> ids = resumed.events.stream().map(SseClient.Event::id).collect(Collectors.toList());
    assertThat(ids).isNotEmpty().allMatch(id -> id > seen);
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo(seen + 1);
    assertThat(resumed.events.get(resumed.events.size() - 1).name()).isEqualTo("result");
    assertThat(resumed.events.stream().map(SseClient.Event::name)).contains("started");
    second.client().close();
    f.vertx.undeploy(second.deploymentId()).await();
  }

  @Test
  void restart_finishedJobWithLongModelOutputs_journalHoldsOnlyTheTrimmedRecord() throws Exception {
    f.model.defaultOutput("Let me think about this. ".repeat(2_400));
    Path journal = dir.resolve("jobs.jsonl");
    ServerConfig config = ApiServer.config().withJobs(JobLimits.DEFAULT.withKeepRawOutputBytes(16 * 1024)).withJournal(journal);
    ApiVerticle api = new ApiVerticle(config, f.verifier, StandInProvers.prover(f, Optional.of(f.openAi()), Map.of()),
        f.registry(Optional.empty()), new dev.leanprove.orchestrator.search.Budget(16, 10_000_000, java.time.Duration.ofMinutes(1)),
        () -> new JsonObject());
    String deployment = f.vertx.deployVerticle(api).await();
    WebClient client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
    Deployed first = new Deployed(api, deployment, client);
    String id = first.submit(new JsonObject().put("code", "import Mathlib\n\ntheorem rambling : (3 : ℝ) + 3 = 7 := by\n  sorry\n"));
    assertThat(first.awaitFinal(id).getString("state")).isEqualTo("failed");
    f.vertx.undeploy(first.deploymentId()).await();
    first.client().close();

    // At least 8 answers of 60 000 characters, in the result event and in the finished record: ~1 MB untrimmed.
    assertThat(Files.size(journal)).isLessThan(200_000);
    Deployed second = deploy(journal, 0);
    io.vertx.core.json.JsonArray attempts = second.job(id).getJsonObject("result").getJsonArray("theorems").getJsonObject(0)
        .getJsonArray("attempts");
    List<String> outputs = attempts.stream().map(a -> ((JsonObject) a).getString("rawOutput")).filter(o -> !o.isEmpty())
        .collect(Collectors.toList());
    assertThat(outputs).hasSizeGreaterThanOrEqualTo(8).allSatisfy(o -> assertThat(o).contains("bytes of this output were dropped"));
    second.client().close();
    f.vertx.undeploy(second.deploymentId()).await();
  }

  @Test
  void restart_journalKeepsOnlyRetainedJobs() throws Exception {
    Path journal = dir.resolve("jobs.jsonl");
    Deployed first = deploy(journal, 0);
    String done = first.submit(easy("kept"));
    first.awaitFinal(done);
    f.vertx.undeploy(first.deploymentId()).await();
    first.client().close();
    Files.writeString(journal, "{\"type\":\"event\",\"id\":\"torn", java.nio.file.StandardOpenOption.APPEND);

    Deployed second = deploy(journal, 0);

    assertThat(second.job(done).getString("state")).isEqualTo("succeeded");
    assertThat(second.client().get("/jobs").send().await().bodyAsJsonObject().getJsonArray("jobs")).hasSize(1);
    second.client().close();
    f.vertx.undeploy(second.deploymentId()).await();
  }
}
