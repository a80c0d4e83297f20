package dev.leanprove.orchestrator.batch;

import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;

/**
 * A {@link FileProver} over the process's shared verifier, candidate cache and engines, with the
 * search settings of one call (a batch varies the seed and whether the portfolio runs first).
 */
@FunctionalInterface
public interface ProverSource {

  FileProver prover(SearchSettings settings);
}
