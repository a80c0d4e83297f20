package dev.leanprove.orchestrator.search;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The search's way to Lean: verifies candidates through lean-bridge, once per distinct text.
 * Identical candidates (same file, theorem, auxiliary text and proof) share one Lean run, even
 * while it is still in flight; infrastructure failures are not remembered, so they are retried.
 */
public final class CandidateChecker {

  /** Enough for a long batch run's distinct candidates; each entry is one verdict. */
  public static final long DEFAULT_CACHE_SIZE = 20_000;

  private final Verifier verifier;
  private final AsyncCache<CandidateKey, Verdict> cache;
  // Searches waiting on each in-flight check: a shared Lean run is killed only when all of them cancel.
  private final Map<CandidateKey, AtomicInteger> waiting = new ConcurrentHashMap<>();

  public CandidateChecker(Verifier verifier, long cacheSize) {
    this.verifier = verifier;
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).recordStats().buildAsync();
  }

  /** Whether Lean is warm here ({@link Verifier#warm()}), so a few more checks cost little. */
  public boolean warm() {
    return verifier.warm();
  }

  /** The verdict, from the cache or from a new Lean run; {@code cached} tells which. */
  public Future<Checked> check(ProofCandidate candidate, Context context, Cancellation cancellation) {
    return check(candidate, Mode.PROOF, null, context, cancellation);
  }

  /** {@link #check} with Lean's own time limit for this candidate (the portfolio's, shorter). */
  public Future<Checked> checkWithin(ProofCandidate candidate, Duration timeout, Context context, Cancellation cancellation) {
    return check(candidate, Mode.PROOF, timeout, context, cancellation);
  }

  /** The sketch verdict ({@link Verifier#verifySketch}): {@code SORRY} means a usable sketch. */
  public Future<Checked> checkSketch(ProofCandidate candidate, Context context, Cancellation cancellation) {
    return check(candidate, Mode.SKETCH, null, context, cancellation);
  }

  /** Whether sorry is allowed (a sketch) or not (a proof). */
  enum Mode {
    PROOF,
    SKETCH
  }

  private Future<Checked> check(ProofCandidate candidate, Mode mode, Duration timeout, Context context,
      Cancellation cancellation) {
    CandidateKey key = CandidateKey.of(candidate, mode, timeout);
    AtomicBoolean ran = new AtomicBoolean();
    CompletableFuture<Verdict> verdict =
        cache.get(key, (k, executor) -> {
          ran.set(true);
          if (mode == Mode.SKETCH) {
            return verifier.verifySketch(candidate);
          }
          return timeout == null ? verifier.verify(candidate) : verifier.verify(candidate, timeout);
        });
    AtomicInteger waiters = waiting.computeIfAbsent(key, k -> new AtomicInteger());
    waiters.incrementAndGet();
    // Cancelling the verifier's future kills its Lean process tree, once no other search waits for it.
    Cancellation.Registration registration = cancellation.onCancel(() -> {
      if (waiters.decrementAndGet() == 0) {
        verdict.cancel(true);
      }
    });
    verdict.whenComplete((v, e) -> {
      registration.remove();
      waiting.remove(key, waiters);
      if (e != null || v.code().isInfrastructure()) {
        cache.synchronous().invalidate(key);
      }
    });
    return Future.fromCompletionStage(verdict, context).map(v -> new Checked(v, !ran.get()));
  }

  /** Hits and misses of the candidate cache so far (for the metrics endpoint). */
  public CacheStats cacheStats() {
    return cache.synchronous().stats();
  }

  /** A verdict and whether it was already known. */
  public record Checked(Verdict verdict, boolean cached) {}

  /** What makes two candidates the same check. */
  record CandidateKey(String sourceText, String theorem, String auxiliary, String proof, String claimed, Mode mode,
      Duration timeout) {

    static CandidateKey of(ProofCandidate c, Mode mode, Duration timeout) {
      return new CandidateKey(c.source().text(), c.theoremName(), c.auxiliary().strip(), c.proof().strip(),
          c.claimedStatement().orElse(""), mode, timeout);
    }
  }
}
