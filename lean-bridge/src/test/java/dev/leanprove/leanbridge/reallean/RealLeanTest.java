package dev.leanprove.leanbridge.reallean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The verifier against a real Lean toolchain and Mathlib workspace. Runs wherever `leanprove setup`
 * has been done; elsewhere every test is skipped with the reason printed.
 */
@Tag("real-lean")
final class RealLeanTest {

  static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\nopen BigOperators Real Nat Topology Rat\n\n";

  static final String NT48 =
      HEADER + "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by\n  sorry\n";

  static LeanBridge bridge;

  @BeforeAll
  static void start() {
    Map<String, String> env = System.getenv();
    try {
      Optional<Path> lake = new ToolchainLocator(env, null).findLake();
      if (lake.isEmpty()) {
        skip("no `lake` on PATH, in ~/.elan/bin or in LEANPROVE_LAKE");
      }
      if (Files.exists(lake.get().toAbsolutePath().getParent().resolveSibling("fake_lean.py"))) {
        skip("the `lake` found is leanprove's stand-in (" + lake.get() + "), not real Lean");
      }
      bridge = LeanBridge.start(env, WorkspaceLayout.defaultDir(env), VerifierConfig.DEFAULT, 2);
    } catch (ToolchainMissingException e) {
      skip(e.getMessage());
    }
  }

  private static void skip(String reason) {
    String message = "real-lean tests skipped: " + reason + " (run `./leanprove setup` to enable them)";
    System.out.println(message);
    Assumptions.abort(message);
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static Verdict verify(String proof) throws Exception {
    return bridge.verifier()
        .verify(ProofCandidate.of(LeanSource.parse(NT48), "mathd_numbertheory_48", proof))
        .get(10, TimeUnit.MINUTES);
  }

  @Test
  void verify_deepSeekProof_isProved() throws Exception {
    Verdict v = verify("by\n  have h₂ : b = 4 := by\n    nlinarith [sq_nonneg (b : ℤ), h₀, h₁]\n  simp_all");

    assertThat(v.code()).as(v.detail()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_wrongTactic_isLeanError() throws Exception {
    Verdict v = verify("by\n  rfl");

    assertThat(v.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(v.messages()).anySatisfy(m -> assertThat(m.isError()).isTrue());
  }

  @Test
  void verify_nativeDecide_isBadAxiom() throws Exception {
    String source = HEADER + "theorem small : 2 ^ 10 = 1024 := by\n  sorry\n";
    Verdict v = bridge.verifier()
        .verify(ProofCandidate.of(LeanSource.parse(source), "small", "by\n  native_decide"))
        .get(10, TimeUnit.MINUTES);

    assertThat(v.code()).isEqualTo(ReasonCode.BAD_AXIOM);
  }

  @Test
  void check_namesAsLeanResolvesThem_exampleAndRootTheoremInsideNamespaceAreSorry() throws Exception {
    // Real Lean: `_root_.t` at the end, still inside `namespace Foo`, is the root `t`, not `Foo.t`;
    // the renamed example's axioms include the sorried `h`'s.
    String text = HEADER + "def h : (1:ℕ) = 2 := sorry\n\ntheorem t : (1:ℕ) = 2 := h\n\n"
        + "example : (1:ℕ) = 2 := h\n\nnamespace Foo\n\ntheorem t : True := trivial\n";

    FileReport report = bridge.verifier().check(LeanSource.parse(text)).get(10, TimeUnit.MINUTES);

    assertThat(report.theorems()).extracting(t -> t.qualifiedName().replaceAll("_example_1_.*", "_example_1"))
        .containsExactly("t", "leanprove_example_1", "Foo.t");
    assertThat(report.theorems()).extracting(t -> t.verdict().code())
        .containsExactly(ReasonCode.SORRY, ReasonCode.SORRY, ReasonCode.PROVED);
  }

  @Test
  void check_sorryFile_isSorry() throws Exception {
    FileReport report = bridge.verifier().check(LeanSource.parse(NT48)).get(10, TimeUnit.MINUTES);

    assertThat(report.theorems()).singleElement().satisfies(t -> assertThat(t.verdict().code()).isEqualTo(ReasonCode.SORRY));
  }
}
