package dev.leanprove.orchestrator.engine;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How to sample: how many completions and with which settings.
 *
 * @param seed a fixed seed for reproducible sampling, or empty for the server's choice
 */
public record SamplingParams(
    int n, double temperature, double topP, int maxTokens, OptionalLong seed, List<String> stop) {

  /** DeepSeek-Prover-V2's published CoT setting: T=1.0, top_p=0.95. */
  public static final double DEFAULT_TEMPERATURE = 1.0;

  public static final double DEFAULT_TOP_P = 0.95;

  public SamplingParams {
    if (n < 1) {
      throw new IllegalArgumentException("n must be at least 1: " + n);
    }
    if (temperature < 0) {
      throw new IllegalArgumentException("temperature must not be negative: " + temperature);
    }
    if (topP <= 0 || topP > 1) {
      throw new IllegalArgumentException("top_p must be in (0, 1]: " + topP);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max_tokens must be at least 1: " + maxTokens);
    }
    Objects.requireNonNull(seed, "seed");
    stop = List.copyOf(stop);
  }

  public static SamplingParams of(int n, int maxTokens) {
    return new SamplingParams(n, DEFAULT_TEMPERATURE, DEFAULT_TOP_P, maxTokens, OptionalLong.empty(), List.of());
  }
}
