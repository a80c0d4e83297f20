package dev.leanprove.orchestrator.search;

import java.util.OptionalLong;

/**
 * Seeds for sampling requests. A fixed seed sent again would only repeat the same samples, so each
 * request gets the configured seed plus the number of samples the search has drawn so far.
 */
final class SampleSeeds {

  private SampleSeeds() {}

  /** Call before reserving the request's samples. */
  static OptionalLong next(SearchSettings settings, BudgetTracker budget) {
    return settings.seed().isPresent()
        ? OptionalLong.of(settings.seed().getAsLong() + budget.searchSamplesSpent())
        : OptionalLong.empty();
  }
}
