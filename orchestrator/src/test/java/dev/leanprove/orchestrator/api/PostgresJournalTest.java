package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.job.LocalPostgres;
import dev.leanprove.orchestrator.job.PostgresTarget;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job journal on a real PostgreSQL, through the API: restarts, and two servers sharing one database. */
final class PostgresJournalTest {

  @TempDir
  Path dir;

  ProverFixture f;
  LocalPostgres pg;
  PostgresTarget target;

  @BeforeEach
  void setUp() {
    pg = LocalPostgres.get();
    target = pg.newDatabase();
    f = ProverFixture.start(dir);
    f.lean.proposition(ProverFixture.EASY, "norm_num <;> done");
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private Server deploy(long leanDelayMillis) {
    ServerConfig config = ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(1)).withJournal(target);
    ApiVerticle api = new ApiVerticle(config, f.verifier, StandInProvers.portfolio(f, leanDelayMillis), f.registry(Optional.empty()),
        ApiServer.DEFAULT_BUDGET, () -> new JsonObject());
    String id = f.vertx.deployVerticle(api).await();
    WebClient client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()));
    return new Server(api, id, client);
  }

  private record Server(ApiVerticle api, String deploymentId, WebClient client) {
    String submit(JsonObject body) {
      return client.post("/prove").addQueryParam("async", "true").sendJsonObject(body).await().bodyAsJsonObject().getString("jobId");
    }

    JsonObject job(String id) {
      return client.get("/jobs/" + id).send().await().bodyAsJsonObject();
    }

    int status(String id) {
      return client.get("/jobs/" + id).send().await().statusCode();
    }

    JsonObject awaitFinal(String id) {
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        JsonObject job = job(id);
        // Until a server takes the job over, it is unknown (404, no state).
        if (List.of("succeeded", "failed", "cancelled").contains(job.getString("state", ""))) {
          return job;
        }
        ApiServer.sleep(50);
      }
      throw new AssertionError("job " + id + " did not finish: " + job(id));
    }
  }

  private void stop(Server s) {
    s.client().close();
    f.vertx.undeploy(s.deploymentId()).await();
  }

  @Test
  void restart_finishedStaysQueuedRunsAgainAndStreamResumes() {
    Server first = deploy(800);
    String done = first.submit(JobJournalTest.easy("done_before"));
    assertThat(first.awaitFinal(done).getString("state")).isEqualTo("succeeded");
    JsonObject resultBefore = first.job(done).getJsonObject("result");
    String running = first.submit(JobJournalTest.easy("running_at_stop"));
    String queued = first.submit(JobJournalTest.easy("queued_at_stop"));
    assertThat(first.job(queued).getString("state")).isEqualTo("queued");
    SseClient stream = SseClient.open(f.vertx, first.api().actualPort(), "/jobs/" + queued + "/events", Map.of()).awaitEvents(1);
    long seen = stream.events.get(stream.events.size() - 1).id();
    stream.close();

    stop(first);
    Server second = deploy(0);

    JsonObject finished = second.job(done);
    assertThat(finished.getString("state")).isEqualTo("succeeded");
    assertThat(finished.getJsonObject("result")).isEqualTo(resultBefore);
    assertThat(second.awaitFinal(running).getString("state")).isEqualTo("succeeded");
    assertThat(second.awaitFinal(queued).getString("state")).isEqualTo("succeeded");
    SseClient resumed = SseClient.open(f.vertx, second.api().actualPort(), "/jobs/" + queued + "/events",
        Map.of("Last-Event-ID", Long.toString(seen))).awaitEnd();
    List<Long> ids = resumed.events.stream().map(SseClient.Event::id).collect(Collectors.toList());
    assertThat(ids).isNotEmpty().isSorted().doesNotHaveDuplicates();
    assertThat(ids.get(0)).isEqualTo(seen + 1);
    assertThat(resumed.events.get(resumed.events.size() - 1).name()).isEqualTo("result");
    assertThat(resumed.events.stream().map(SseClient.Event::name)).contains("started");
    assertThat(second.client().get("/jobs").send().await().bodyAsJsonObject().getJsonArray("jobs")).hasSize(3);
    stop(second);
  }

  @Test
  void deadServer_itsUnfinishedJob_isTakenOverByARunningServer() throws Exception {
    target = target.withLease(Duration.ofMillis(600));
    Server live = deploy(0);
    JsonObject request = new JsonObject().put("code", JobJournalTest.easy("orphan").getString("code")).put("engine", "")
        .put("budget", new JsonObject().put("samples", 4).put("tokens", 500_000).put("seconds", 120)).put("wantsEdit", false);
    JsonObject queued = new JsonObject().put("jobId", "orphan-1").put("state", "queued").put("position", 1);
    try (Connection c = pg.connect(target); Statement st = c.createStatement()) {
      // What a server killed with -9 leaves: its job, one event, and a lease nobody renews.
      st.executeUpdate("INSERT INTO leanprove_jobs (id, owner, created_at, request, node, lease_until) VALUES ('orphan-1', '',"
          + " now(), '" + request.encode() + "', 'dead-node', now() - interval '1 second')");
      st.executeUpdate("INSERT INTO leanprove_job_events (job_id, seq, name, terminal, data) VALUES ('orphan-1', 1, 'queued',"
          + " false, '" + queued.encode() + "')");
    }

    assertThat(live.awaitFinal("orphan-1").getString("state")).isEqualTo("succeeded");

    SseClient replay = SseClient.open(f.vertx, live.api().actualPort(), "/jobs/orphan-1/events", Map.of()).awaitEnd();
    List<Long> ids = replay.events.stream().map(SseClient.Event::id).collect(Collectors.toList());
    assertThat(ids.get(0)).isEqualTo(1L);
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(replay.events.get(replay.events.size() - 1).name()).isEqualTo("result");
    stop(live);
  }

  @Test
  void twoServers_oneDatabase_eachJobRunsOnceAndEitherServerShowsItFinished() throws Exception {
    Server a = deploy(800);
    List<String> ids = List.of(a.submit(JobJournalTest.easy("first")), a.submit(JobJournalTest.easy("second")),
        a.submit(JobJournalTest.easy("third")));
    Server b = deploy(0);

    // A is alive and holds its jobs: B, started while they run or wait, takes none of them.
    assertThat(b.api().jobs().recent(100)).isEmpty();
    assertThat(b.api().jobs().queuedCount() + b.api().jobs().runningCount()).isZero();
    for (String id : ids) {
      assertThat(a.awaitFinal(id).getString("state")).isEqualTo("succeeded");
    }

    for (String id : ids) {
      JsonObject onB = b.job(id);
      assertThat(onB.getString("state")).as(id).isEqualTo("succeeded");
      assertThat(onB.getJsonObject("result")).as(id).isEqualTo(a.job(id).getJsonObject("result"));
    }
    SseClient replay = SseClient.open(f.vertx, b.api().actualPort(), "/jobs/" + ids.get(2) + "/events", Map.of()).awaitEnd();
    assertThat(replay.events.stream().map(SseClient.Event::name)).contains("started").last().isEqualTo("result");
    assertThat(b.status("no-such-job")).isEqualTo(404);
    assertThat(b.api().jobs().recent(100)).isEmpty();
    try (Connection c = pg.connect(target); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT job_id, count(*) FROM leanprove_job_events WHERE name = 'started' GROUP BY job_id")) {
      int jobs = 0;
      while (rs.next()) {
        jobs++;
        assertThat(rs.getInt(2)).as("starts of " + rs.getString(1)).isEqualTo(1);
      }
      assertThat(jobs).isEqualTo(3);
    }
    stop(b);
    stop(a);
  }
}
