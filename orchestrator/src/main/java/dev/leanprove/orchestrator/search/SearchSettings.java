package dev.leanprove.orchestrator.search;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * How the model is asked: prompt style and sampling, per round.
 *
 * @param samplesPerRound completions asked for at once (one request with n for OpenAI servers)
 * @param maxTokens completion tokens per sample (DeepSeek: 16K-32K for chain of thought)
 * @param style how whole proofs are asked for (V2 chain of thought, V2 short, V1.5 raw completion)
 * @param portfolioFirst try the model-free tactic portfolio before any model call
 * @param portfolioTimeout Lean's time limit for the portfolio's one run, shorter than a proof's:
 *     with {@code maxHeartbeats 0} a struggling {@code nlinarith} would otherwise hold the model back
 * @param repairRounds rounds of error feedback for failed candidates (Goedel-Prover-V2: 2)
 * @param repairsPerCandidate samples asked for each failed candidate in a repair round
 * @param maxDepth how deep subgoals are decomposed again (0 turns decomposition off)
 */
public record SearchSettings(
    int samplesPerRound,
    int maxTokens,
    double temperature,
    double topP,
    PromptStyle style,
    OptionalLong seed,
    boolean portfolioFirst,
    Duration portfolioTimeout,
    int repairRounds,
    int repairsPerCandidate,
    int maxDepth) {

  /** The portfolio's default limit: the easy problems it is for close in seconds. */
  public static final Duration DEFAULT_PORTFOLIO_TIMEOUT = Duration.ofSeconds(60);

  /** DeepSeek-Prover-V2's CoT setting with rounds of 4 samples, 2 repair rounds, depth 2. */
  public static final SearchSettings DEFAULT = new SearchSettings(4, 16_384, 1.0, 0.95, PromptStyle.COT,
      OptionalLong.empty(), true, DEFAULT_PORTFOLIO_TIMEOUT, 2, 2, 2);

  public SearchSettings {
    if (samplesPerRound < 1) {
      throw new IllegalArgumentException("samples per round must be at least 1: " + samplesPerRound);
    }
    if (maxTokens < 1) {
      throw new IllegalArgumentException("max tokens must be at least 1: " + maxTokens);
    }
    Objects.requireNonNull(style, "style");
    Objects.requireNonNull(seed, "seed");
    Objects.requireNonNull(portfolioTimeout, "portfolioTimeout");
    if (portfolioTimeout.isZero() || portfolioTimeout.isNegative()) {
      throw new IllegalArgumentException("portfolio timeout must be positive: " + portfolioTimeout);
    }
    if (repairRounds < 0 || repairsPerCandidate < 1) {
      throw new IllegalArgumentException("repair rounds must not be negative and repairs per candidate at least 1: "
          + repairRounds + ", " + repairsPerCandidate);
    }
    if (maxDepth < 0) {
      throw new IllegalArgumentException("max depth must not be negative: " + maxDepth);
    }
  }

  public SearchSettings withSamplesPerRound(int n) {
    return new SearchSettings(n, maxTokens, temperature, topP, style, seed, portfolioFirst, portfolioTimeout, repairRounds, repairsPerCandidate, maxDepth);
  }

  public SearchSettings withStyle(PromptStyle newStyle) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, newStyle, seed, portfolioFirst, portfolioTimeout, repairRounds, repairsPerCandidate, maxDepth);
  }

  public SearchSettings withSeed(OptionalLong newSeed) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, style, newSeed, portfolioFirst, portfolioTimeout, repairRounds, repairsPerCandidate, maxDepth);
  }

  public SearchSettings withPortfolioFirst(boolean first) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, style, seed, first, portfolioTimeout, repairRounds, repairsPerCandidate, maxDepth);
  }

  public SearchSettings withPortfolioTimeout(Duration timeout) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, style, seed, portfolioFirst, timeout, repairRounds, repairsPerCandidate, maxDepth);
  }

  public SearchSettings withRepair(int rounds, int perCandidate) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, style, seed, portfolioFirst, portfolioTimeout, rounds, perCandidate, maxDepth);
  }

  public SearchSettings withMaxDepth(int depth) {
    return new SearchSettings(samplesPerRound, maxTokens, temperature, topP, style, seed, portfolioFirst, portfolioTimeout, repairRounds, repairsPerCandidate, depth);
  }
}
