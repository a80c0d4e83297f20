package dev.leanprove.orchestrator.standin;

import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Provers over a fixture's stand-in Lean with extra knobs in Lean's environment (e.g.
 * {@code FAKE_LEAN_DELAY_MS}), for tests that need Lean to be slow enough to cancel or to queue.
 */
public final class StandInProvers {

  /** Generous: the server's cap should not be what stops a test's search. */
  public static final Budget LIMIT = new Budget(64, 1_000_000, Duration.ofMinutes(5));

  private StandInProvers() {}

  public static FileProver prover(ProverFixture f, Optional<EngineConfig> engine, Map<String, String> leanEnv) {
    leanEnv.forEach(f.lean::env);
    LakeVerifier verifier = f.lean.verifier(VerifierConfig.DEFAULT);
    return new FileProver(verifier, new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES), PromptLibrary.packaged(), f.registry(engine),
        SearchSettings.DEFAULT, LIMIT, VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
  }

  /** The portfolio alone (no model), with Lean slowed by {@code delayMillis} per check. */
  public static FileProver portfolio(ProverFixture f, long delayMillis) {
    return prover(f, Optional.empty(), Map.of("FAKE_LEAN_DELAY_MS", Long.toString(delayMillis)));
  }
}
