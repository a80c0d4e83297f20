package dev.leanprove.orchestrator.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.leanprove.leanbridge.source.TextDigest;
import io.vertx.core.Future;
import java.util.List;

/**
 * Remembers what a model answered to a request with a fixed seed: the same model, prompt, sampling
 * parameters and seed give the same samples, so asking again (a repeated prove, a re-run batch)
 * costs no GPU time. Requests without a seed are never cached: their samples are meant to differ.
 * One cache serves every engine of a process, bounded by the bytes of the completions it holds.
 */
public final class SeededCompletionCache {

  private final Cache<String, List<Completion>> cache;

  public SeededCompletionCache(long maxBytes) {
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String key, List<Completion> completions) -> (int) Math.min(Integer.MAX_VALUE, weight(key, completions)))
        .recordStats()
        .executor(Runnable::run)
        .build();
  }

  /** {@code engine} answering from this cache for seeded requests; {@code model} names what it serves (type, endpoints, model id). */
  public Engine around(Engine engine, String model) {
    return new Cached(engine, model);
  }

  public CacheStats stats() {
    return cache.stats();
  }

  private static long weight(String key, List<Completion> completions) {
    long bytes = 2L * key.length() + 64;
    for (Completion c : completions) {
      bytes += 64 + 2L * (c.text().length() + c.finishReason().length());
    }
    return bytes;
  }

  private static String keyOf(String model, Prompt prompt, SamplingParams params) {
    TextDigest digest = TextDigest.sha256().add(model).add(prompt.raw() ? "raw" : "chat");
    for (ChatMessage m : prompt.messages()) {
      digest.add(m.role().name()).add(m.content());
    }
    digest.add(params.n()).add(Double.doubleToLongBits(params.temperature())).add(Double.doubleToLongBits(params.topP()))
        .add(params.maxTokens()).add(params.seed().getAsLong()).add(params.stop().size());
    params.stop().forEach(digest::add);
    return digest.hex();
  }

  /** The engine seen through the cache. */
  private final class Cached implements Engine {
    private final Engine inner;
    private final String model;

    Cached(Engine inner, String model) {
      this.inner = inner;
      this.model = model;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
      return sample(prompt, params, Deadline.none());
    }

    @Override
    public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
      if (params.seed().isEmpty()) {
        return inner.sample(prompt, params, deadline);
      }
      String key = keyOf(model, prompt, params);
      List<Completion> known = cache.getIfPresent(key);
      if (known != null) {
        return Future.succeededFuture(known);
      }
      // Only whole answers are kept: a failed or abandoned request is asked again next time.
      return inner.sample(prompt, params, deadline).onSuccess(completions -> cache.put(key, List.copyOf(completions)));
    }
  }
}
