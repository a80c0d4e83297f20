package dev.leanprove.orchestrator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.engine.PortfolioEngine;
import dev.leanprove.orchestrator.search.Cancellation;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.standin.MiniF2F;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm Lean figures, printed and never asserted: {@code mvn -B -ntp verify -Pbench -pl orchestrator -am}.
 * The stand-in Lean charges realistic costs, scaled down by {@link #SCALE} so the run stays short: a
 * Mathlib import of 6 s per process (a fresh {@code lake env lean} pays it every check, a REPL once) and
 * a check of 0.5–3 s drawn per problem. All 244 miniF2F valid problems get the portfolio candidate
 * ({@code first | …}) at equal Lean jobs, once with a fresh process per check and once with the REPL pool.
 *
 * <p>Goals (issue 10): REPL ≥ 5× faster than processes; scheduler efficiency (busy Lean slot time over
 * slots × wall) ≥ 0.95; orchestration overhead per candidate < 2 ms.
 */
@Tag("bench")
final class WarmLeanBenchmark {

  /** Real seconds become SCALE seconds here; ratios and efficiency do not depend on it. */
  static final double SCALE = 0.1;
  static final long IMPORT_MS = 6000;
  static final long CHECK_MIN_MS = 500;
  static final long CHECK_MAX_MS = 3000;
  static final int JOBS = 2;
  static final int OVERHEAD_CANDIDATES = 100;

  @TempDir
  Path dir;

  record Problem(LeanSource source, String name, long checkMs, boolean portfolioProves) {}

  record Run(double wallSeconds, Duration busy, List<ReasonCode> codes) {}

  @Test
  void figures() throws Exception {
    List<Problem> problems = problems();
    System.out.printf(Locale.ROOT, "BENCH warm Lean: %d miniF2F valid problems, %d Lean jobs, costs scaled by %.2f (import %d ms,"
            + " check %d-%d ms drawn per problem, real: %d s and %.1f-%.1f s)%n", problems.size(), JOBS, SCALE,
        scaled(IMPORT_MS), scaled(CHECK_MIN_MS), scaled(CHECK_MAX_MS), IMPORT_MS / 1000, CHECK_MIN_MS / 1000.0,
        CHECK_MAX_MS / 1000.0);
    System.out.printf(Locale.ROOT, "BENCH machine: %d CPUs visible to the JVM, %s %s, Java %s, load average %.1f%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
        System.getProperty("java.version"), java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    Run process = run(problems, false);
    Run repl = run(problems, true);

    System.out.printf(Locale.ROOT, "BENCH fresh process per check: %.1f s wall, efficiency %.3f%n", process.wallSeconds(),
        efficiency(process));
    System.out.printf(Locale.ROOT, "BENCH REPL pool:               %.1f s wall, efficiency %.3f (goal >= 0.95)%n",
        repl.wallSeconds(), efficiency(repl));
    System.out.printf(Locale.ROOT, "BENCH REPL pool vs fresh process at %d Lean jobs: %.1fx faster (goal >= 5x)%n", JOBS,
        process.wallSeconds() / repl.wallSeconds());
    System.out.printf(Locale.ROOT, "BENCH verdicts identical in both modes: %s (%d proved by the portfolio)%n",
        process.codes().equals(repl.codes()), repl.codes().stream().filter(c -> c == ReasonCode.PROVED).count());
    System.out.printf(Locale.ROOT, "BENCH orchestration overhead per candidate: %.2f ms (goal < 2 ms)%n",
        overheadMillis(problems));
    assertThat(repl.codes()).hasSize(problems.size());
  }

  private static double efficiency(Run run) {
    return run.busy().toNanos() / 1e9 / (JOBS * run.wallSeconds());
  }

  private static long scaled(long realMillis) {
    return Math.round(realMillis * SCALE);
  }

  private Run run(List<Problem> problems, boolean warm) throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve(warm ? "repl" : "process"), JOBS)) {
      lean.env("FAKE_LEAN_IMPORT_MS", Long.toString(scaled(IMPORT_MS)));
      for (Problem p : problems) {
        lean.delay(p.name(), scaled(p.checkMs()));
        if (p.portfolioProves()) {
          // One of the portfolio's own alternatives, so its `first | …` block works as in Lean.
          lean.accept(p.name(), "linarith");
        }
      }
      Optional<ReplPool> pool = Optional.empty();
      LakeVerifier verifier;
      if (warm) {
        lean.withRepl();
        pool = Optional.of(lean.replPool(JOBS, 0));
        verifier = lean.replVerifier(VerifierConfig.DEFAULT, pool.get());
      } else {
        verifier = lean.verifier(VerifierConfig.DEFAULT);
      }
      Vertx vertx = Vertx.vertx();
      try {
        CandidateChecker checker = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES);
        Context context = vertx.getOrCreateContext();
        PortfolioEngine portfolio = new PortfolioEngine();
        long start = System.nanoTime();
        List<Future<CandidateChecker.Checked>> checks = new ArrayList<>();
        for (Problem p : problems) {
          Declaration d = p.source().theorem(p.name()).orElseThrow();
          checks.add(checker.check(ProofCandidate.of(p.source(), p.name(), portfolio.combined(d.statement())), context,
              Cancellation.none()));
        }
        Future.all(checks).await();
        double wall = (System.nanoTime() - start) / 1e9;
        List<ReasonCode> codes = checks.stream().map(f -> f.result().verdict().code()).collect(Collectors.toList());
        Duration busy = pool.isPresent() ? pool.get().stats().busy()
            : checks.stream().map(f -> f.result().verdict().wall()).reduce(Duration.ZERO, Duration::plus);
        return new Run(wall, busy, codes);
      } finally {
        vertx.close().await();
        pool.ifPresent(ReplPool::close);
      }
    }
  }

  /**
   * What our side adds to each candidate: end-to-end latency through the checker minus the time the
   * REPL spent on the command, one candidate at a time (no queueing) with free Lean.
   */
  private double overheadMillis(List<Problem> problems) throws Exception {
    try (StandInLean lean = StandInLean.create(dir.resolve("overhead"), 1).withRepl()) {
      Problem p = problems.get(0);
      lean.accept(p.name(), "norm_num");
      try (ReplPool pool = lean.replPool(1, 0)) {
        LakeVerifier verifier = lean.replVerifier(VerifierConfig.DEFAULT, pool);
        Vertx vertx = Vertx.vertx();
        try {
          CandidateChecker checker = new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES);
          Context context = vertx.getOrCreateContext();
          double total = 0;
          int measured = 0;
          for (int i = 0; i < OVERHEAD_CANDIDATES + 10; i++) {
            // Distinct text each time: identical candidates would be answered from the checker's cache.
            ProofCandidate c = ProofCandidate.of(p.source(), p.name(), "by\n  norm_num -- " + i);
            long start = System.nanoTime();
            CandidateChecker.Checked checked = checker.check(c, context, Cancellation.none()).await();
            long latency = System.nanoTime() - start;
            if (i >= 10) {
              total += (latency - checked.verdict().wall().toNanos()) / 1e6;
              measured++;
            }
          }
          return total / measured;
        } finally {
          vertx.close().await();
        }
      }
    }
  }

  /**
   * The 244 problems, each with a check cost drawn once (fixed seed) and a portfolio that proves about a
   * third; {@code -Dbench.problems=N} keeps N of them, evenly spaced, for machines too busy for all.
   */
  static List<Problem> problems() throws IOException {
    List<Problem> all = allProblems();
    int wanted = Integer.getInteger("bench.problems", all.size());
    if (wanted >= all.size()) {
      return all;
    }
    List<Problem> sample = new ArrayList<>();
    for (int i = 0; i < wanted; i++) {
      sample.add(all.get((int) ((long) i * all.size() / wanted)));
    }
    return sample;
  }

  private static List<Problem> allProblems() throws IOException {
    Random random = new Random(20261204L);
    List<Problem> problems = new ArrayList<>();
    try (Stream<Path> files = Files.list(MiniF2F.dataDir().resolve("minif2f/Valid"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".lean")).sorted().collect(Collectors.toList())) {
        LeanSource source = LeanSource.parse(Files.readString(file));
        Declaration d = source.theorems().get(0);
        long check = CHECK_MIN_MS + (long) (random.nextDouble() * (CHECK_MAX_MS - CHECK_MIN_MS));
        problems.add(new Problem(source, d.name(), check, random.nextDouble() < 0.35));
      }
    }
    return problems;
  }
}
