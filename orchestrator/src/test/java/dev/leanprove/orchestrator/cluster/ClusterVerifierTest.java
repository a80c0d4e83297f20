package dev.leanprove.orchestrator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.metrics.Metrics;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The coordinator's dispatching on one (unclustered) Vert.x: the event bus and the worker are the
 * real ones, only the network between nodes is missing; the workers run the stand-in Lean.
 */
final class ClusterVerifierTest {

  static final String FILE = "theorem two : (2 : ℕ) + 2 = 4 := by\n  sorry\n";

  @TempDir
  Path dir;

  Vertx vertx;
  StandInLean lean;
  Metrics metrics;
  ClusterVerifier coordinator;
  final List<VerifierWorker> workers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    lean = StandInLean.create(dir, 4);
    lean.accept("two", "norm_num");
    metrics = new Metrics("test");
    coordinator = ClusterVerifier.start(vertx, Duration.ofSeconds(60), metrics).await();
  }

  @AfterEach
  void tearDown() {
    coordinator.close();
    vertx.close().await();
    lean.close();
  }

  private VerifierWorker worker(int capacity) {
    VerifierWorker w = new VerifierWorker(vertx, lean.verifier(VerifierConfig.DEFAULT), capacity, "4.24.0");
    w.start().await();
    workers.add(w);
    return w;
  }

  private static ProofCandidate candidate(String proof) {
    return ProofCandidate.of(LeanSource.parse(FILE), "two", proof);
  }

  @Test
  void verify_onAWorker_returnsLeansVerdict() throws Exception {
    worker(2);

    Verdict proved = coordinator.verify(candidate("by\n  norm_num")).get(30, TimeUnit.SECONDS);
    Verdict wrong = coordinator.verify(candidate("by\n  simp")).get(30, TimeUnit.SECONDS);

    assertThat(proved.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(wrong.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(wrong.messages()).anySatisfy(m -> assertThat(m.data()).startsWith("unsolved goals"));
    assertThat(metrics.scrape()).contains("leanprove_cluster_verify_seconds_count{node=\"test\",reason=\"PROVED\",worker=\"" + workers.get(0).node());
  }

  @Test
  void check_wholeFileOnAWorker_returnsTheReport() throws Exception {
    worker(1);

    FileReport report = coordinator.check(LeanSource.parse(FILE)).get(30, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(ReasonCode.SORRY);
    assertThat(report.theorems()).singleElement().satisfies(t -> assertThat(t.name()).isEqualTo("two"));
  }

  @Test
  void verify_noWorkerYet_waitsForOneInsteadOfFailing() throws Exception {
    CompletableFuture<Verdict> early = coordinator.verify(candidate("by\n  norm_num"));
    Thread.sleep(300);
    assertThat(early).isNotDone();

    worker(1);

    assertThat(early.get(30, TimeUnit.SECONDS).code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_moreChecksThanCapacity_neverRunsMoreThanTheWorkersSlotsAtOnce() throws Exception {
    lean.env("FAKE_LEAN_DELAY_MS", "300");
    VerifierWorker w = worker(1);
    List<CompletableFuture<Verdict>> all = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      all.add(coordinator.verify(candidate("by\n  norm_num\n  -- sample " + i)));
    }
    int most = 0;
    while (!CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).isDone()) {
      most = Math.max(most, w.running());
      Thread.sleep(5);
    }

    for (CompletableFuture<Verdict> v : all) {
      assertThat(v.get(60, TimeUnit.SECONDS).code()).isEqualTo(ReasonCode.PROVED);
    }
    assertThat(most).isEqualTo(1);
    assertThat(lean.leanRuns()).isEqualTo(4);
  }

  @Test
  void verify_workerGoesAwayMidCheck_isSentToAnotherWorkerAndAnsweredOnce() throws Exception {
    lean.env("FAKE_LEAN_DELAY_MS", "2000");
    VerifierWorker first = worker(1);
    CompletableFuture<Verdict> verdict = coordinator.verify(candidate("by\n  norm_num"));
    awaitLeanRuns(1);

    first.stop().await();
    worker(1);

    assertThat(verdict.get(60, TimeUnit.SECONDS).code()).isEqualTo(ReasonCode.PROVED);
    assertThat(metrics.scrape()).contains("leanprove_cluster_redispatched_total{node=\"test\",worker=\"" + first.node() + "\"} 1.0");
  }

  @Test
  void cancel_inFlightCheck_killsTheLeanRunOnTheWorker() throws Exception {
    lean.env("FAKE_LEAN_DELAY_MS", "60000");
    worker(1);
    CompletableFuture<Verdict> verdict = coordinator.verify(candidate("by\n  norm_num"));
    awaitLeanRuns(1);

    verdict.cancel(true);

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (lean.runner().liveRuns() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lean.runner().liveRuns()).as("the worker's Lean run is killed").isZero();
  }

  private void awaitLeanRuns(long n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (lean.leanRuns() < n && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(lean.leanRuns()).isGreaterThanOrEqualTo(n);
  }
}
