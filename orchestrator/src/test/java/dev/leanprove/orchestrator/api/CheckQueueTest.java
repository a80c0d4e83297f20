package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.PreparationPool;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /check} shares the jobs' slots and queue, and a client that hangs up takes its Lean run with it. */
final class CheckQueueTest {

  static final String FILE = "import Mathlib\n\ntheorem slow : (2 : ℝ) + 2 = 4 := by\n  norm_num\n";

  @TempDir
  Path dir;

  ProverFixture f;
  ApiServer server;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
    // Far longer than the test: only a kill ends one of these Lean runs in time.
    f.lean.env("FAKE_LEAN_DELAY_MS", "60000");
  }

  @AfterEach
  void tearDown() {
    server.client.close();
    f.close();
  }

  private void serve(int maxRunning, int queueSize) {
    LakeVerifier slow = f.lean.verifier(VerifierConfig.DEFAULT);
    ServerConfig config = ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(maxRunning).withQueueSize(queueSize));
    server = ApiServer.start(f, slow, StandInProvers.portfolio(f, 0), config);
  }

  private static void await(String what, BooleanSupplier condition) {
    try {
      ProcessProbe.awaitCondition(condition, Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(condition.getAsBoolean()).as(what + " within 10 s").isTrue();
  }

  private RawHttp postCheck() {
    return RawHttp.connect(server.port).send(RawHttp.post("/check", "127.0.0.1:" + server.port, FILE));
  }

  @Test
  void check_twentyClientsHangUp_runsOneLeanProcessAndKillsIt() {
    serve(1, 32);
    List<RawHttp> clients = new ArrayList<>();
    clients.add(postCheck());
    await("the first check's Lean started", () -> f.lean.leanRuns() == 1);
    for (int i = 0; i < 19; i++) {
      clients.add(postCheck());
    }
    await("19 checks queued behind it", () -> server.api.jobs().queuedCount() == 19);

    clients.forEach(RawHttp::close);

    await("every slot and queue place freed", () -> server.api.jobs().runningCount() == 0 && server.api.jobs().queuedCount() == 0);
    await("every stand-in process killed", () -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));
    ApiServer.sleep(300);
    assertThat(f.lean.leanRuns()).as("queued checks of clients that left never start Lean").isEqualTo(1);
    assertThat(f.lean.runner().liveRuns()).isZero();
  }

  @Test
  void check_queueFull_answers429WithRetryAfter() {
    serve(1, 1);
    RawHttp running = postCheck();
    await("the first check runs", () -> server.api.jobs().runningCount() == 1);
    RawHttp waiting = postCheck();
    await("the second check waits", () -> server.api.jobs().queuedCount() == 1);

    HttpResponse<Buffer> refused = server.client.post("/check").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(FILE)).await();

    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.getHeader("Retry-After")).isNotBlank();
    assertThat(ApiServer.error(refused).getString("code")).isEqualTo("queue_full");
    running.close();
    waiting.close();
    await("every stand-in process killed", () -> f.lean.startedPids().stream().noneMatch(ProcessProbe::isRunning));
  }

  @Test
  void check_queuedBehindAJob_waitsForItsSlot() {
    serve(1, 4);
    f.lean.env("FAKE_LEAN_DELAY_MS", "0");
    f.lean.accept("slow", "norm_num");
    LakeVerifier quick = f.lean.verifier(VerifierConfig.DEFAULT);
    server.client.close();
    server = ApiServer.start(f, quick, StandInProvers.portfolio(f, 1500),
        ApiServer.config().withJobs(JobLimits.DEFAULT.withMaxRunning(1).withQueueSize(4)));
    String job = server.submit(new io.vertx.core.json.JsonObject().put("code", JobSorry.CODE));
    await("the job runs", () -> server.api.jobs().runningCount() == 1);

    Future<HttpResponse<Buffer>> check = server.client.post("/check").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(FILE));
    await("the check waits for the job's slot", () -> server.api.jobs().queuedCount() == 1);

    assertThat(check.await().statusCode()).isEqualTo(200);
    assertThat(check.await().bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
    assertThat(server.awaitFinal(job).getString("state")).isIn("succeeded", "failed");
  }

  @Test
  void check_preparationQueueFull_answers503WithRetryAfter() throws Exception {
    PreparationPool tiny = new PreparationPool(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      LakeVerifier verifier = new LakeVerifier(f.lean.toolchain(), f.lean.workspace(), f.lean.runner(),
          LeanEnvironment.from(f.lean.systemEnv()), VerifierConfig.DEFAULT, tiny);
      server = ApiServer.start(f, verifier, StandInProvers.portfolio(f, 0), ApiServer.config());
      tiny.execute(() -> awaitQuietly(release));
      tiny.execute(() -> awaitQuietly(release));

      HttpResponse<Buffer> refused = server.client.post("/check").putHeader("Content-Type", "text/plain")
          .sendBuffer(Buffer.buffer(FILE)).await();

      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.getHeader("Retry-After")).isNotBlank();
      assertThat(ApiServer.error(refused).getString("code")).isEqualTo("lean_busy");
      assertThat(server.api.jobs().runningCount()).as("the refused check gave its slot back").isZero();
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
