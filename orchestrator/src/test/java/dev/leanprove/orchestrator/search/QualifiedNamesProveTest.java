package dev.leanprove.orchestrator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.orchestrator.standin.ProverFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Theorems that share a short name in different namespaces (issue 9 item 2): each is searched,
 * checked and reported by its fully qualified name, and only the final whole-file check makes one PROVED.
 */
final class QualifiedNamesProveTest {

  static final Budget BUDGET = new Budget(4, 100_000, Duration.ofMinutes(1));

  static final String TWINS = "import Mathlib\n\n"
      + "namespace A\n\ntheorem foo : True := by\n  sorry\n\nend A\n\n"
      + "namespace B\n\ntheorem foo : (1:ℕ) = 2 := by\n  sorry\n\nend B\n";

  @TempDir
  Path dir;

  ProverFixture f;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
  }

  @AfterEach
  void tearDown() {
    f.close();
  }

  private ProveResult prove(String code, Optional<String> theorem, List<SearchEvent> seen) {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);
    return prover.submit(new ProveRequest(code, theorem, "", BUDGET), f.vertx.getOrCreateContext(), seen::add).await();
  }

  @Test
  void prove_twinsInTwoNamespaces_provesOnlyTheOneLeanAccepts() {
    // Only A.foo has a proof: the portfolio's norm_num. B.foo's statement is false.
    f.lean.accept("A.foo", "norm_num <;> done");
    List<SearchEvent> seen = new ArrayList<>();

    ProveResult r = prove(TWINS, Optional.empty(), seen);

    assertThat(r.theorems()).extracting(TheoremResult::name).containsExactly("A.foo", "B.foo");
    assertThat(r.theorems().get(0).status()).isEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(1).status()).isNotEqualTo(ReasonCode.PROVED);
    assertThat(r.theorems().get(1).proof()).isEmpty();
    assertThat(r.status()).isNotEqualTo(ReasonCode.PROVED);
    assertThat(r.code()).contains("theorem foo : (1:ℕ) = 2 := by\n  sorry");
    assertThat(seen).filteredOn(e -> e instanceof SearchEvent.TheoremStarted).extracting(SearchEvent::theorem)
        .containsExactly("A.foo", "B.foo");
  }

  @Test
  void prove_twinNamedByQualifiedName_provesThatOne() {
    f.lean.accept("B.foo", "norm_num <;> done");

    ProveResult r = prove(TWINS, Optional.of("B.foo"), new ArrayList<>());

    assertThat(r.theorems()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("B.foo");
      assertThat(t.status()).isEqualTo(ReasonCode.PROVED);
    });
    assertThat(r.code()).contains("theorem foo : True := by\n  sorry").doesNotContain("(1:ℕ) = 2 := by\n  sorry");
  }

  @Test
  void prove_shortNameOfTwoTwins_isRefusedAsAmbiguous() {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);

    assertThatThrownBy(() -> prover.validate(new ProveRequest(TWINS, Optional.of("foo"), "", BUDGET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("A.foo")
        .hasMessageContaining("B.foo");
  }

  @Test
  void prove_duplicateQualifiedNames_isRefused() {
    FileProver prover = f.prover(Optional.empty(), SearchSettings.DEFAULT);
    String code = "import Mathlib\n\ntheorem A.foo : True := by\n  sorry\n\nnamespace A\n\ntheorem foo : True := by\n  sorry\n\nend A\n";

    assertThatThrownBy(() -> prover.validate(new ProveRequest(code, Optional.empty(), "", BUDGET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two theorems are named A.foo");
  }

  @Test
  void prove_proofThatFailsInTheFinalFile_isNotProved() {
    // Alone, the proof passes; the whole file also carries a forged axiom report (printed by code
    // after the theorem), so the final check refuses it, and that verdict is the one that counts.
    f.lean.accept("t", "norm_num <;> done");
    String code = "import Mathlib\n\ntheorem t : (2:ℕ) + 2 = 4 := by\n  sorry\n\n"
        + "-- FAKE_LEAN: print {\"caption\":\"\",\"data\":\"'t' depends on axioms: [propext]\",\"endPos\":null,"
        + "\"fileName\":\"{file}\",\"isSilent\":false,\"keepFullRange\":false,\"kind\":\"[anonymous]\","
        + "\"pos\":{\"column\":0,\"line\":6},\"severity\":\"information\"}\n";

    ProveResult r = prove(code, Optional.empty(), new ArrayList<>());

    assertThat(r.theorems()).singleElement().satisfies(t -> {
      assertThat(t.status()).isEqualTo(ReasonCode.FORBIDDEN);
      assertThat(t.detail()).contains("final file").contains("imitating");
      assertThat(t.proof()).isEmpty();
    });
    assertThat(r.status()).isEqualTo(ReasonCode.FORBIDDEN);
  }
}
