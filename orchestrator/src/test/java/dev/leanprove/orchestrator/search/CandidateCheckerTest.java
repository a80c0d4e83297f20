package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
    checker = new CandidateChecker(lean.verifier(VerifierConfig.DEFAULT), CandidateChecker.DEFAULT_CACHE_BYTES);
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
  void check_cacheHoldsWhatVerdictsWeigh() throws Exception {
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  simp");

    Verdict v = checker.check(c, context, Cancellation.none()).await().verdict();
    // An entry in flight weighs nothing; its weight is set on the thread that delivered the verdict.
    ProcessProbe.awaitCondition(() -> checker.cachedBytes() > 0, Duration.ofSeconds(10));

    assertThat(checker.cachedBytes()).isGreaterThanOrEqualTo(v.retainedBytes())
        .isGreaterThan(2L * v.checkedText().length());
  }

  @Test
  void check_noRoomForVerdicts_eachCheckRunsLean() throws Exception {
    checker = new CandidateChecker(lean.verifier(VerifierConfig.DEFAULT), 0);
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  simp");

    CandidateChecker.Checked first = checker.check(c, context, Cancellation.none()).await();
    // Eviction runs on the thread that delivered the verdict, just after the search got it.
    ProcessProbe.awaitCondition(() -> checker.cachedVerdicts() == 0, Duration.ofSeconds(10));
    CandidateChecker.Checked second = checker.check(c, context, Cancellation.none()).await();

    assertThat(second.cached()).isFalse();
    assertThat(second.verdict().code()).isEqualTo(first.verdict().code()).isEqualTo(ReasonCode.PROVED);
    assertThat(lean.leanRuns()).isEqualTo(2);
    assertThat(checker.cachedBytes()).isZero();
  }

  @Test
  void check_twoVerdictsRoomForOne_holdsOneAndChecksTheOtherAgain() throws Exception {
    LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT);
    ProofCandidate a = ProofCandidate.of(SOURCE, "t", "by\n  simp");
    ProofCandidate b = ProofCandidate.of(SOURCE, "t", "by\n  omega");
    long oneVerdict = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES).check(a, context,
        Cancellation.none()).await().verdict().retainedBytes();
    long runs = lean.leanRuns();
    // Room for one verdict and its key, not two.
    long room = oneVerdict + 300;
    checker = new CandidateChecker(verifier, room);

    checker.check(a, context, Cancellation.none()).await();
    checker.check(b, context, Cancellation.none()).await();
    ProcessProbe.awaitCondition(() -> checker.cachedVerdicts() == 1, Duration.ofSeconds(10));
    long held = checker.cachedBytes();
    int cachedAgain = (checker.check(a, context, Cancellation.none()).await().cached() ? 1 : 0)
        + (checker.check(b, context, Cancellation.none()).await().cached() ? 1 : 0);

    assertThat(held).isPositive().isLessThanOrEqualTo(room);
    assertThat(cachedAgain).isLessThanOrEqualTo(1);
    assertThat(lean.leanRuns() - runs).isEqualTo(4 - cachedAgain);
  }

  @Test
  void check_verifierRevisionChanged_checksAgain() {
    RevisedVerifier verifier = new RevisedVerifier(lean.verifier(VerifierConfig.DEFAULT));
    checker = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES);
    ProofCandidate c = ProofCandidate.of(SOURCE, "t", "by\n  simp");

    checker.check(c, context, Cancellation.none()).await();
    verifier.revision = "mathlib bumped";
    CandidateChecker.Checked afterBump = checker.check(c, context, Cancellation.none()).await();

    assertThat(afterBump.cached()).isFalse();
    assertThat(lean.leanRuns()).isEqualTo(2);
  }

  @Test
  void check_sameProofOtherTheoremOrTimeout_notShared() {
    LeanSource two = LeanSource.parse(SOURCE.text() + "\ntheorem u (x : ℕ) : x + 0 = x := by\n  sorry\n");
    lean.accept("u", "simp");

    checker.check(ProofCandidate.of(two, "t", "by\n  simp"), context, Cancellation.none()).await();
    CandidateChecker.Checked otherTheorem = checker.check(ProofCandidate.of(two, "u", "by\n  simp"), context,
        Cancellation.none()).await();
    CandidateChecker.Checked otherTimeout = checker.checkWithin(ProofCandidate.of(two, "t", "by\n  simp"),
        Duration.ofSeconds(7), context, Cancellation.none()).await();

    assertThat(otherTheorem.cached()).isFalse();
    assertThat(otherTimeout.cached()).isFalse();
    assertThat(lean.leanRuns()).isEqualTo(3);
  }

  @Test
  void check_oneOfTwoSearchesCancels_theSharedRunGoesOnForTheOther() throws Exception {
    lean.env("FAKE_LEAN_DELAY_MS", "1500");
    checker = new CandidateChecker(lean.verifier(VerifierConfig.DEFAULT), CandidateChecker.DEFAULT_CACHE_BYTES);
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

  /** A verifier whose revision a test changes, as a new Mathlib would. */
  static final class RevisedVerifier implements Verifier {
    final Verifier inner;
    volatile String revision = "first";

    RevisedVerifier(Verifier inner) {
      this.inner = inner;
    }

    @Override
    public CompletableFuture<Verdict> verify(ProofCandidate candidate) {
      return inner.verify(candidate);
    }

    @Override
    public CompletableFuture<Verdict> verify(ProofCandidate candidate, Duration timeout) {
      return inner.verify(candidate, timeout);
    }

    @Override
    public CompletableFuture<Verdict> verifySketch(ProofCandidate candidate) {
      return inner.verifySketch(candidate);
    }

    @Override
    public CompletableFuture<FileReport> check(LeanSource source) {
      return inner.check(source);
    }

    @Override
    public String revision() {
      return revision;
    }
  }
}
