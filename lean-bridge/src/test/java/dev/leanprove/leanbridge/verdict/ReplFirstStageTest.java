package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.repl.ReplPool;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same candidates through a fresh process and through the warm REPL: identical verdicts and messages. */
final class ReplFirstStageTest {

  static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";
  static final String NT48 = HEADER
      + "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by\n"
      + "  sorry\n";
  static final String PROOF = "by\n  nlinarith [sq_nonneg (b : ℤ), h₀, h₁]";

  @TempDir
  Path dir;

  StandInLean lean;
  ReplPool pool;
  LakeVerifier process;
  LakeVerifier repl;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 2).withRepl();
    lean.accept("mathd_numbertheory_48", PROOF, "native_decide");
    lean.accept("Foo.easy", "norm_num");
    lean.steps("mathd_numbertheory_48", "omega");
    pool = lean.replPool(2, 0);
    process = lean.verifier(VerifierConfig.DEFAULT);
    repl = lean.replVerifier(VerifierConfig.DEFAULT, pool);
  }

  @AfterEach
  void tearDown() {
    pool.close();
    lean.close();
  }

  @Test
  void verify_sameCandidates_sameVerdictBothWays() throws Exception {
    LeanSource source = LeanSource.parse(NT48);
    List<String> proofs = List.of(PROOF, "by\n  simp", "by\n  native_decide", "by\n  linarith -- not listed",
        "by\n  norm_num\n  -- FAKE_LEAN: crash");
    for (String proof : proofs) {
      ProofCandidate candidate = ProofCandidate.of(source, "mathd_numbertheory_48", proof);
      Verdict viaProcess = process.verify(candidate).get(30, TimeUnit.SECONDS);
      Verdict viaRepl = repl.verify(candidate).get(30, TimeUnit.SECONDS);
      assertThat(viaRepl.code()).as(proof).isEqualTo(viaProcess.code());
      assertThat(said(viaRepl.messages())).as(proof).isEqualTo(said(viaProcess.messages()));
    }
    assertThat(lean.replStarts()).as("one warm process served every candidate").isLessThanOrEqualTo(2);
  }

  @Test
  void verify_firstCandidates_coverProvedErrorAndAxiomCodes() throws Exception {
    LeanSource source = LeanSource.parse(NT48);
    assertThat(repl.verify(ProofCandidate.of(source, "mathd_numbertheory_48", PROOF)).get(30, TimeUnit.SECONDS).code())
        .isEqualTo(ReasonCode.PROVED);
    Verdict wrong = repl.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  simp")).get(30, TimeUnit.SECONDS);
    assertThat(wrong.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    // The error is where it is in the checked file: line 8 holds the theorem, `by` at its end.
    assertThat(wrong.messages()).anySatisfy(m -> assertThat(m.pos().line()).isEqualTo(8));
    assertThat(repl.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  native_decide"))
        .get(30, TimeUnit.SECONDS).code()).isEqualTo(ReasonCode.BAD_AXIOM);
  }

  @Test
  void verifySketch_sorrySteps_sameVerdictBothWays() throws Exception {
    LeanSource source = LeanSource.parse(NT48);
    ProofCandidate sketch = ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  have h : b ≤ 4 := by sorry\n  omega");
    Verdict viaProcess = process.verifySketch(sketch).get(30, TimeUnit.SECONDS);
    Verdict viaRepl = repl.verifySketch(sketch).get(30, TimeUnit.SECONDS);
    assertThat(viaRepl.code()).isEqualTo(viaProcess.code());
    assertThat(said(viaRepl.messages())).isEqualTo(said(viaProcess.messages()));
  }

  @Test
  void check_wholeFileWithNamespace_sameReportBothWays() throws Exception {
    LeanSource file = LeanSource.parse(HEADER
        + "namespace Foo\n\ntheorem easy : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\nend Foo\n\n"
        + "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by\n"
        + "  simp\n");
    FileReport viaProcess = process.check(file).get(30, TimeUnit.SECONDS);
    FileReport viaRepl = repl.check(file).get(30, TimeUnit.SECONDS);

    assertThat(viaRepl.status()).isEqualTo(viaProcess.status());
    assertThat(viaRepl.theorems().stream().map(t -> t.name() + "=" + t.verdict().code()).collect(Collectors.toList()))
        .isEqualTo(viaProcess.theorems().stream().map(t -> t.name() + "=" + t.verdict().code()).collect(Collectors.toList()))
        .anyMatch(s -> s.endsWith("easy=PROVED"));
    assertThat(said(viaRepl.messages())).isEqualTo(said(viaProcess.messages()));
  }

  @Test
  void verify_hangingProof_timesOutBothWays() throws Exception {
    LeanSource source = LeanSource.parse(NT48);
    ProofCandidate hang = ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  simp\n  -- FAKE_LEAN: hang");
    VerifierConfig quick = VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(1));
    try (ReplPool quickPool = new ReplPool(lean.replConfig(1, 0).withKillGrace(Duration.ofMillis(200)))) {
      Verdict viaRepl = lean.replVerifier(quick, quickPool).verify(hang).get(30, TimeUnit.SECONDS);
      Verdict viaProcess = lean.verifier(quick).verify(hang).get(30, TimeUnit.SECONDS);
      assertThat(viaRepl.code()).isEqualTo(ReasonCode.TIMEOUT).isEqualTo(viaProcess.code());
    }
  }

  /** What Lean said, without the parts only one mode knows (file name, message kind). */
  static List<String> said(List<LeanMessage> messages) {
    return messages.stream().map(m -> m.severity() + " " + m.pos() + "-" + m.endPos() + " " + m.data())
        .collect(Collectors.toList());
  }
}
