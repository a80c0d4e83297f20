package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CandidateCheckerTest {

  static final LeanSource SOURCE = LeanSource.parse("import Mathlib\n\ntheorem t (x : ℕ) : x + 0 = x := by\n  sorry\n");

  @TempDir
  Path dir;

  StandInLean lean;
  Vertx vertx;
  CandidateChecker checker;
  Context context;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 2).accept("t", "simp");
    vertx = Vertx.vertx();
    checker = new CandidateChecker(lean.verifier(VerifierConfig.DEFAULT), 100);
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
    lean.close();
  }

  @Test
  void check_sameCandidateTwice_oneLeanRunSecondCached() {
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  simp");

    CandidateChecker.Checked first = checker.check(c, context, Cancellation.none()).await();
    CandidateChecker.Checked second = checker.check(c, context, Cancellation.none()).await();

    assertThat(first.verdict().code()).isEqualTo(ReasonCode.PROVED);
    assertThat(first.cached()).isFalse();
    assertThat(second.cached()).isTrue();
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void check_oneOfTwoSearchesCancels_theSharedRunGoesOnForTheOther() throws Exception {
    lean.env("FAKE_LEAN_DELAY_MS", "1500");
    checker = new CandidateChecker(lean.verifier(VerifierConfig.DEFAULT), 100);
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  simp");
    Cancellation first = new Cancellation();

    Future<CandidateChecker.Checked> a = checker.check(c, context, first);
    Future<CandidateChecker.Checked> b = checker.check(c, context, Cancellation.none());
    ProcessProbe.awaitCondition(() -> lean.leanRuns() > 0, Duration.ofSeconds(10));
    first.cancel();

    assertThat(b.await().verdict().code()).isEqualTo(ReasonCode.PROVED);
    assertThat(a.await().verdict().code()).isEqualTo(ReasonCode.PROVED);
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void check_theOnlySearchCancels_killsTheRun() throws Exception {
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  -- FAKE_LEAN: hang\n  simp");
    Cancellation only = new Cancellation();

    Future<CandidateChecker.Checked> a = checker.check(c, context, only);
    ProcessProbe.awaitCondition(() -> lean.leanRuns() > 0, Duration.ofSeconds(10));
    only.cancel();

    ProcessProbe.awaitCondition(() -> a.isComplete(), Duration.ofSeconds(10));
    assertThat(a.failed()).isTrue();
    ProcessProbe.awaitCondition(() -> lean.startedPids().stream().noneMatch(ProcessProbe::isRunning), Duration.ofSeconds(10));
    assertThat(lean.startedPids()).allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).isFalse());
  }
}
