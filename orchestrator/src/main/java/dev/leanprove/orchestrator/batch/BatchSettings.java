package dev.leanprove.orchestrator.batch;

import dev.leanprove.orchestrator.search.SearchSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * How a batch runs.
 *
 * @param run what is sampled and checked (recorded, and matched on resume)
 * @param search prompt style and sampling per round; its seed and portfolio flag are set per call
 * @param tokenBudget completion tokens per problem
 * @param timeBudget wall time per problem, verification included
 * @param concurrency problems in flight at once (they share the Lean process pool)
 */
public record BatchSettings(RunSettings run, SearchSettings search, long tokenBudget, Duration timeBudget, int concurrency) {

  public BatchSettings {
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(search, "search");
    Objects.requireNonNull(timeBudget, "timeBudget");
    if (tokenBudget < 0) {
      throw new IllegalArgumentException("token budget must not be negative: " + tokenBudget);
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException("time budget must be positive: " + timeBudget);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
    }
    if (!run.hasModel() && !run.portfolio()) {
      throw new IllegalArgumentException("with no model engine the portfolio is all there is; drop --no-portfolio or give an engine");
    }
  }
}
