package dev.leanprove.orchestrator.search;

import java.util.OptionalLong;

/**
 * How the model is asked: prompt style and sampling, per round.
 *
 * @param samplesPerRound completions asked for at once (one request with n for OpenAI servers)
 * @param maxTokens completion tokens per sample (DeepSeek: 16K-32K for chain of thought)
 * @param chainOfThought the V2 CoT prompt (plan first) rather than the short non-CoT prompt
 * @param portfolioFirst try the model-free tactic portfolio before any model call
 */
public record SearchSettings(
    int samplesPerRound,
    int maxTokens,
    double temperature,
    double topP,
    boolean chainOfThought,
    OptionalLong seed,
    boolean portfolioFirst) {

  /** DeepSeek-Prover-V2's CoT setting with rounds of 4 samples. */
  public static final SearchSettings DEFAULT = new SearchSettings(4, 16_384, 1.0, 0.95, true, OptionalLong.empty(), true);

  public SearchSettings {
    if (samplesPerRound < 1) {
      throw new IllegalArgumentException("samples per round must be at least 1: " + samplesPerRound);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be at least 1: " + maxTokens);
    }
  }

  public SearchSettings withSamplesPerRound(int n) {
    return new SearchSettings(n, maxTokens, temperature, topP, chainOfThought, seed, portfolioFirst);
  }

  public SearchSettings withMaxTokens(int n) {
    return new SearchSettings(samplesPerRound, n, temperature, topP, chainOfThought, seed, portfolioFirst);
  }

  public SearchSettings withChainOfThought(boolean cot) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, cot, seed, portfolioFirst);
  }

  public SearchSettings withSeed(OptionalLong newSeed) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, chainOfThought, newSeed, portfolioFirst);
  }
}
