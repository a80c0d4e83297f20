package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.PreparationPool;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /check} shares the jobs' slots and queue, and a client that hangs up takes its Lean run with it. */
final class CheckQueueTest {

  static final String FILE = "import Mathlib\n\ntheorem slow : (2 : ℝ) + 2 = 4 := by\n  norm_num\n";

  @RegisterExtension
  final ServedApi api = new ServedApi();

  @BeforeEach
  void setUp() {
    // Far longer than the test: only a kill ends one of these Lean runs in time.
    api.f.lean.env("FAKE_LEAN_DELAY_MS", "60000");
  }

  private void serve(int maxRunning, int queueSize) {
    LakeVerifier slow = api.f.lean.verifier(VerifierConfig.DEFAULT);
    ServerConfig config = ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(maxRunning).withQueueSize(queueSize));
    api.serve(slow, config);
  }

  private RawHttp postCheck() {
    return RawHttp.connect(api.server.port).send(RawHttp.post("/check", "127.0.0.1:" + api.server.port, FILE));
  }

  @Test
  void check_twentyClientsHangUp_runsOneLeanProcessAndKillsIt() {
    serve(1, 32);
    List<RawHttp> clients = new ArrayList<>();
    clients.add(postCheck());
    ApiServer.await("the first check's Lean started", () -> api.f.lean.leanRuns() == 1);
    for (int i = 0; i < 19; i++) {
      clients.add(postCheck());
    }
    ApiServer.await("19 checks queued behind it", () -> api.server.api.jobs().queuedCount() == 19);

    clients.forEach(RawHttp::close);

    ApiServer.await("every slot and queue place freed", () -> api.server.api.jobs().runningCount() == 0 && api.server.api.jobs().queuedCount() == 0);
    ApiServer.await("every stand-in process killed", () -> api.f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));
    ApiServer.sleep(300);
    assertThat(api.f.lean.leanRuns()).as("queued checks of clients that left never start Lean").isEqualTo(1);
    assertThat(api.f.lean.runner().liveRuns()).isZero();
  }

  @Test
  void check_queueFull_answers429WithRetryAfter() {
    serve(1, 1);
    RawHttp running = postCheck();
    ApiServer.await("the first check runs", () -> api.server.api.jobs().runningCount() == 1);
    RawHttp waiting = postCheck();
    ApiServer.await("the second check waits", () -> api.server.api.jobs().queuedCount() == 1);

    HttpResponse<Buffer> refused = api.server.client.post("/check").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(FILE)).await();

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(ApiServer.error(refused).getString("code")).isEqualTo("queue_full");
    running.close();
    waiting.close();
    ApiServer.await("every stand-in process killed", () -> api.f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));
  }

  @Test
  void check_queuedBehindAJob_waitsForItsSlot() {
    serve(1, 4);
    api.f.lean.env("FAKE_LEAN_DELAY_MS", "0");
    api.f.lean.accept("slow", "norm_num");
    LakeVerifier quick = api.f.lean.verifier(VerifierConfig.DEFAULT);
    api.server.client.close();
    api.serve(quick, StandInProvers.portfolio(api.f, 1500),
        ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(1).withQueueSize(4)));
    String job = api.server.submit(new io.vertx.core.json.JsonObject().put("code", JobSorry.CODE));
    ApiServer.await("the job runs", () -> api.server.api.jobs().runningCount() == 1);

    Future<HttpResponse<Buffer>> check = api.server.client.post("/check").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(FILE));
    ApiServer.await("the check waits for the job's slot", () -> api.server.api.jobs().queuedCount() == 1);

    assertThat(check.await().statusCode()).isEqualTo(200);
    assertThat(check.await().bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
    assertThat(api.server.awaitFinal(job).getString("state")).isIn("succeeded", "failed");
  }

  @Test
  void check_preparationQueueFull_answers503WithRetryAfter() throws Exception {
    PreparationPool tiny = new PreparationPool(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      LakeVerifier verifier = new LakeVerifier(api.f.lean.toolchain(), api.f.lean.workspace(), api.f.lean.runner(),
          LeanEnvironment.from(api.f.lean.systemEnv()), VerifierConfig.DEFAULT, tiny);
      api.serve(verifier, ApiServer.config());
      tiny.execute(() -> awaitQuietly(release));
      tiny.execute(() -> awaitQuietly(release));

      HttpResponse<Buffer> refused = api.server.client.post("/check").putHeader("Content-Type", "text/plain")
          .sendBuffer(Buffer.buffer(FILE)).await();

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getHeader("Retry-After")).isNotBlank();
      assertThat(ApiServer.error(refused).getString("code")).isEqualTo("lean_busy");
      assertThat(api.server.api.jobs().runningCount()).as("the refused check gave its slot back").isZero();
    } finally {
      release.countDown();
      tiny.close();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A job that takes a while: the portfolio's one Lean run, slowed. */
  static final class JobSorry {
    static final String CODE = "import Mathlib\n\ntheorem later : (3 : ℝ) + 3 = 6 := by\n  sorry\n";
  }
}
