package dev.leanprove.orchestrator.search;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TextDigest;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The search's way to Lean: verifies candidates through lean-bridge, once per distinct check.
 * Verdicts are cached under a SHA-256 of the verifier's revision (toolchain, workspace, rules) and
 * everything the checked text is made of, weighed by the bytes they hold. Identical checks share one
 * Lean run, even while it is still in flight; infrastructure failures are not remembered, so they
 * are retried.
 */
public final class CandidateChecker {

  /** Room for a long batch run's distinct verdicts (a miniF2F verdict holds 2–20 KB). */
  public static final long DEFAULT_CACHE_BYTES = 128L << 20;

  private final Verifier verifier;
  private final AsyncCache<String, Verdict> cache;
  // A job's candidates share one LeanSource: its text (up to a MB) is hashed once, not per candidate.
  private final Cache<LeanSource, String> sourceDigests = Caffeine.newBuilder().weakKeys().build();
  // Searches waiting on each in-flight check: a shared Lean run is killed only when all of them cancel.
  private final Map<String, AtomicInteger> waiting = new ConcurrentHashMap<>();

  /** @param maxCacheBytes what the cached verdicts may hold in all ({@link Verdict#retainedBytes()}) */
  public CandidateChecker(Verifier verifier, long maxCacheBytes) {
    this.verifier = verifier;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxCacheBytes)
        .weigher((String key, Verdict v) -> (int) Math.min(Integer.MAX_VALUE, 2L * key.length() + v.retainedBytes()))
        .recordStats()
        // Evictions run where a verdict lands (a Lean pool thread), not later on a common pool.
        .executor(Runnable::run)
        .buildAsync();
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
    String key = keyOf(candidate, mode, timeout);
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

  /**
   * The cache key: the verifier's revision, then the parts the verifier composes the checked text
   * from (source, theorem, auxiliary declarations, proof, claimed statement) and how it is checked.
   * The same parts always compose the same text, so this names the full checked text without
   * building it here, on the caller's thread.
   */
  private String keyOf(ProofCandidate c, Mode mode, Duration timeout) {
    String source = sourceDigests.get(c.source(), s -> TextDigest.hexOf(s.text()));
    return TextDigest.sha256().add(verifier.revision()).add(source).add(c.theoremName()).add(c.auxiliary().strip())
        .add(c.proof().strip()).add(c.claimedStatement().orElse("\u0000none")).add(mode.name())
        .add(timeout == null ? -1 : timeout.toMillis()).hex();
  }

  /** Hits and misses of the candidate cache so far (for the metrics endpoint). */
  public CacheStats cacheStats() {
    return cache.synchronous().stats();
  }

  /** What the cached verdicts weigh now, in bytes (for the metrics endpoint). */
  public long cachedBytes() {
    return cache.synchronous().policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  /** How many verdicts are cached or in flight now. */
  long cachedVerdicts() {
    return cache.synchronous().estimatedSize();
  }

  /** A verdict and whether it was already known. */
  public record Checked(Verdict verdict, boolean cached) {}
}
