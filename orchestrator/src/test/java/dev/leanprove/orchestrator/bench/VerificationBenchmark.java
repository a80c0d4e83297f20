package dev.leanprove.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.search.Cancellation;
import dev.leanprove.orchestrator.search.CandidateChecker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Speed figures of the verification path, printed, not asserted against the clock: run with
 * {@code mvn -B -ntp verify -Pbench -pl orchestrator -am}. Lean is the stand-in with a fixed cost per
 * check, so the ratios show what the pool, the cache and the event loop do, not how fast Lean is.
 *
 * <p>Targets: a pool of 4 verifies at least 3x faster than a pool of 1; identical candidates cost one
 * Lean run; the event loop never stalls more than 50 ms while Lean runs.
 */
@Tag("bench")
final class VerificationBenchmark {

  static final String SOURCE = "import Mathlib\n\ntheorem t (x : ℕ) : x + 0 = x := by\n  sorry\n";
  static final int CANDIDATES = 16;
  static final String DELAY_MS = "250";

  @TempDir
  Path dir;

  @Test
  void figures() throws Exception {
    double serial = secondsFor(1, false, "pool1");
    double parallel = secondsFor(4, false, "pool4");
    double cached = secondsFor(4, true, "cached");
    long stall = maxEventLoopStallMillis();

    System.out.printf("BENCH verify %d distinct candidates, pool 1: %.2f s%n", CANDIDATES, serial);
    System.out.printf("BENCH verify %d distinct candidates, pool 4: %.2f s (speed-up %.1fx, target >= 3x)%n", CANDIDATES,
        parallel, serial / parallel);
    System.out.printf("BENCH verify %d identical candidates, pool 4: %.2f s (%.1fx faster than distinct)%n", CANDIDATES,
        cached, parallel / cached);
    System.out.printf("BENCH event-loop max stall while %d checks run: %d ms (target < 50 ms)%n", CANDIDATES, stall);
    assertThat(serial).isPositive();
  }

  private double secondsFor(int pool, boolean identical, String name) throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve(name), pool)) {
      lean.env("FAKE_LEAN_DELAY_MS", DELAY_MS);
      for (int i = 0; i < CANDIDATES; i++) {
        lean.accept("t", "simp" + (identical ? "" : " -- " + i));
      }
      LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT);
      CandidateChecker checker = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES);
      Vertx vertx = Vertx.vertx();
      try {
        Context context = vertx.getOrCreateContext();
        LeanSource source = LeanSource.parse(SOURCE);
        long start = System.nanoTime();
        List<Future<CandidateChecker.Checked>> checks = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
          String proof = "by\n  simp" + (identical ? "" : " -- " + i);
          checks.add(checker.check(ProofCandidate.of(source, "t", proof), context, Cancellation.none()));
        }
        Future.all(checks).await();
        return (System.nanoTime() - start) / 1e9;
      } finally {
        vertx.close().await();
      }
    }
  }

  private long maxEventLoopStallMillis() throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve("stall"), 2)) {
      lean.env("FAKE_LEAN_DELAY_MS", DELAY_MS);
      LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT);
      Vertx vertx = Vertx.vertx();
      AtomicLong worst = new AtomicLong();
      AtomicLong last = new AtomicLong(System.nanoTime());
      long timer = vertx.setPeriodic(10, id -> {
        long now = System.nanoTime();
        worst.accumulateAndGet((now - last.getAndSet(now)) / 1_000_000 - 10, Math::max);
      });
      try {
        CandidateChecker checker = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES);
        Context context = vertx.getOrCreateContext();
        List<Future<CandidateChecker.Checked>> checks = new ArrayList<>();
        for (int i = 0; i < CANDIDATES; i++) {
          checks.add(checker.check(ProofCandidate.of(LeanSource.parse(SOURCE), "t", "by\n  simp -- " + i), context,
              Cancellation.none()));
        }
        Future.all(checks).await();
        return worst.get();
      } finally {
        vertx.cancelTimer(timer);
        vertx.close().await();
      }
    }
  }
}
