package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With warm Lean, a portfolio proof is reported as the one alternative that works, not the whole {@code first} block. */
final class PortfolioMinimisationTest {

  static final String CODE = "import Mathlib\n\ntheorem le_of_lt (x : ℕ) (h : 0 < x) : 1 ≤ x := by\n  sorry\n";

  @TempDir
  Path dir;

  ProverFixture f;
  ReplPool pool;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
    f.lean.withRepl().accept("le_of_lt", "omega");
    pool = f.lean.replPool(2, 0);
  }

  @AfterEach
  void tearDown() {
    pool.close();
    f.close();
  }

  private ProveResult prove(LakeVerifier verifier) {
    FileProver prover = new FileProver(verifier, new CandidateChecker(verifier, CandidateChecker.DEFAULT_CACHE_BYTES), PromptLibrary.packaged(),
        f.registry(Optional.empty()), SearchSettings.DEFAULT, StandInProvers.LIMIT, VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
    return prover.submit(new ProveRequest(CODE, Optional.empty(), "", StandInProvers.LIMIT), f.vertx.getOrCreateContext(),
        new ArrayList<SearchEvent>()::add).await();
  }

  @Test
  void prove_warmLean_reportsTheSingleAlternativeThatWorks() {
    ProveResult r = prove(f.lean.replVerifier(VerifierConfig.DEFAULT, pool));

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(0).proof()).contains("by\n  omega");
    assertThat(r.code()).contains("theorem le_of_lt (x : ℕ) (h : 0 < x) : 1 ≤ x := by\n  omega").doesNotContain("first");
  }

  @Test
  void prove_coldLean_keepsTheBlockRatherThanPayingAnImportPerAlternative() {
    ProveResult r = prove(f.lean.verifier(VerifierConfig.DEFAULT));

    assertThat(r.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(0).proof().orElseThrow()).startsWith("by\n  first").contains("| omega");
    assertThat(r.theorems().get(0).attempts()).hasSize(1);
  }
}
