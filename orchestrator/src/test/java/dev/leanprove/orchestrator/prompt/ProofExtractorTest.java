package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.verdict.Statements;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class ProofExtractorTest {

  private static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";

  /**
   * A DeepSeek-Prover-V2 CoT answer around a real proof: analysis, a plan, a {@code have}
   * sketch in one lean4 block and the complete proof in the last.
   */
  private static String cotAnswer(String sketchCode, String finalCode) {
    return "### Detailed Proof and Analysis\n\n"
        + "We first simplify the hypotheses. Note that `x ^ 2 ≥ 0` for every real `x`, so the\n"
        + "key inequality follows once we bound the product.\n\n"
        + "### Detailed Proof\n\n"
        + "1. **Step 1**: Derive the intermediate bounds.\n"
        + "2. **Step 2**: Combine them with `nlinarith`.\n\n"
        + "### Lean 4 Proof with `have` Statements\n\n"
        + "```lean4\n" + sketchCode + "\n```\n\n"
        + "### Explanation\n\n"
        + "Each `have` corresponds to a step above; `sorry` marks what is still to be proved.\n\n"
        + "### Complete Lean 4 Proof\n\n"
        + "```lean4\n" + finalCode + "\n```";
  }

  /** The proof's top-level {@code have … := by} lines closed with sorry, then a final sorry. */
  private static String sketchOf(SharedData.Solution solution) {
    String haves = solution.body().lines()
        .filter(line -> line.startsWith("  have ") && line.endsWith(":= by"))
        .map(line -> line + " sorry")
        .collect(Collectors.joining("\n"));
    return solution.statement() + "\n" + (haves.isEmpty() ? "" : haves + "\n") + "  sorry";
  }

  /** Trailing spaces and blank lines around the proof carry no meaning. */
  private static String normalised(String body) {
    List<String> lines = body.lines().map(String::stripTrailing).collect(Collectors.toCollection(ArrayList::new));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    while (!lines.isEmpty() && lines.get(0).isEmpty()) {
      lines.remove(0);
    }
    return String.join("\n", lines);
  }

  private static ExtractedProof proofOf(Extraction extraction) {
    assertThat(extraction).isInstanceOf(ExtractedProof.class);
    return (ExtractedProof) extraction;
  }

  private static ExtractionFailure failureOf(Extraction extraction) {
    assertThat(extraction).isInstanceOf(ExtractionFailure.class);
    assertThat(extraction.proof()).isEmpty();
    return (ExtractionFailure) extraction;
  }

  @Test
  void extract_realV2CotAnswersForAllSolutions_bodyAndStatementMatchTheFile() {
    List<SharedData.Solution> solutions = SharedData.solutions();
    assertThat(solutions).hasSize(221);
    for (int k = 0; k < solutions.size(); k++) {
      SharedData.Solution solution = solutions.get(k);
      // Half the answers repeat the whole file, half give only the theorem, as V2 does both.
      String finalCode = k % 2 == 0 ? solution.fileText().stripTrailing() : solution.statement() + "\n" + solution.body();
      String sketch = (k % 2 == 0 ? solution.preamble() : "") + sketchOf(solution);

      ExtractedProof proof = proofOf(ProofExtractor.extract(cotAnswer(sketch, finalCode), solution.name()));

      assertThat(proof.body()).as(solution.name()).isEqualTo(normalised(solution.body()));
      assertThat(solution.statement()).as(solution.name()).startsWith(proof.statementAsWritten());
      assertThat(Statements.equivalent(solution.statement(), proof.statementAsWritten()))
          .as(solution.name())
          .isTrue();
      assertThat(proof.auxiliaryDeclarations()).as(solution.name()).isEmpty();
      assertThat(proof.code()).as(solution.name()).isEqualTo(finalCode);
    }
  }

  @Test
  void extract_statementChangedByModel_isNotEquivalent() {
    // DeepSeek's published proof of mathd_algebra_247 dropped a binder from the dataset statement.
    SharedData.Problem problem = SharedData.problem("mathd_algebra_247");
    SharedData.Solution solution = SharedData.solutions().stream()
        .filter(s -> s.name().equals("mathd_algebra_247"))
        .findFirst()
        .orElseThrow();

    ExtractedProof proof = proofOf(ProofExtractor.extract(cotAnswer(sketchOf(solution), solution.fileText()), "mathd_algebra_247"));

    assertThat(Statements.equivalent(problem.task().statement(), proof.statementAsWritten())).isFalse();
  }

  @Test
  void extract_unterminatedLastBlock_usesIt() {
    String output = "Plan: use nlinarith.\n\n```lean4\ntheorem t (x : ℝ) : 0 ≤ x ^ 2 := by\n  nlinarith [sq_nonneg x]\n";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  nlinarith [sq_nonneg x]");
    assertThat(proof.statementAsWritten()).isEqualTo("theorem t (x : ℝ) : 0 ≤ x ^ 2 :=");
  }

  @Test
  void extract_closedBlockThenTruncatedBlock_prefersClosedBlock() {
    String output = "```lean4\ntheorem t : 1 + 1 = 2 := by\n  norm_num\n```\n\nMore:\n```lean4\ntheorem t : 1 + 1 = 2 := by\n  sim";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  norm_num");
  }

  @Test
  void extract_onlyLeanBlock_usesIt() {
    String output = "Here it is:\n```lean\ntheorem t : 2 ≤ 3 := by\n  decide\n```\n";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  decide");
  }

  @Test
  void extract_lean4BlockAndLaterLeanBlock_prefersLean4() {
    String output = "```lean4\ntheorem t : 2 ≤ 3 := by\n  decide\n```\n```lean\ntheorem t : 2 ≤ 3 := by\n  omega\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  decide");
  }

  @Test
  void extract_bareBlockThatLooksLikeLean_usesIt() {
    String output = "```\npip install nothing\n```\n\n```\ntheorem t : 2 ≤ 3 := by\n  omega\n```\n";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  omega");
  }

  @Test
  void extract_bareBlockOfProse_isNoCodeBlock() {
    String output = "```\nthe answer is 42\n```\n";

    assertThat(failureOf(ProofExtractor.extract(output, "t")).reason())
        .isEqualTo(ExtractionFailure.Reason.NO_CODE_BLOCK);
  }

  @Test
  void extract_noBlock_isEmptyWithNoCodeBlock() {
    Extraction extraction = ProofExtractor.extract("I could not find a proof, sorry.", "t");

    assertThat(extraction.proof()).isEmpty();
    assertThat(failureOf(extraction).reason()).isEqualTo(ExtractionFailure.Reason.NO_CODE_BLOCK);
  }

  @Test
  void extract_emptyOutput_isNoCodeBlock() {
    assertThat(failureOf(ProofExtractor.extract("", "t")).reason()).isEqualTo(ExtractionFailure.Reason.NO_CODE_BLOCK);
  }

  @Test
  void extract_forbiddenWordsInCode_areLeftToTheVerifiersOneList() {
    // The verifier's screen alone judges sorry, exact? and the rest, so `--allow exact?` takes effect.
    for (String body : List.of("  apply?", "  intro h\n  exact?", "  have h : 1 = 1 := by sorry\n  simp", "  admit")) {
      String output = "```lean4\ntheorem t (x : ℝ) : 0 ≤ x ^ 2 := by\n" + body + "\n```";

      assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).as(body).isEqualTo(body);
    }
  }

  @Test
  void extract_forbiddenWordsInCommentsStringsAndNames_areAccepted() {
    String body = "  -- no sorry here, and no apply? or exact? either\n"
        + "  /- admit nothing;\n     /- nested sorry -/ still a comment -/\n"
        + "  have sorry_free : True := trivial\n"
        + "  have h_admit : (\"sorry\" : String) = \"sorry\" := rfl\n"
        + "  nlinarith [sq_nonneg x] -- exact? would be forbidden";
    String output = "```lean4\ntheorem t (x : ℝ) : 0 ≤ x ^ 2 := by\n" + body + "\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo(body);
  }

  @Test
  void extract_sorryInAuxiliaryLemma_isKeptForTheVerifier() {
    String output = "```lean4\nlemma helper : True := by\n  sorry\n\ntheorem t : True := by\n  exact helper\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).auxiliaryDeclarations())
        .containsExactly("lemma helper : True := by\n  sorry");
  }

  @Test
  void extractSketch_sorrySteps_areAccepted() {
    String output = "```lean4\ntheorem t (a b : ℝ) (h : a = b) : b = a := by\n"
        + "  have h₁ : a - b = 0 := by sorry\n  have h₂ : b - a = 0 := by sorry\n  linarith\n```";

    ExtractedProof sketch = proofOf(ProofExtractor.extractSketch(output, "t"));

    assertThat(sketch.body())
        .isEqualTo("  have h₁ : a - b = 0 := by sorry\n  have h₂ : b - a = 0 := by sorry\n  linarith");
  }

  @Test
  void extract_renamedTheorem_takesLastTheorem() {
    String output = "```lean4\n" + HEADER
        + "theorem my_version (n : ℕ) (h : n % 2 = 1) : n ^ 2 % 2 = 1 := by\n  simp [Nat.pow_mod, h]\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "mathd_numbertheory_1"));

    assertThat(proof.body()).isEqualTo("  simp [Nat.pow_mod, h]");
    assertThat(proof.statementAsWritten()).startsWith("theorem my_version");
    assertThat(Statements.equivalent(
            "theorem mathd_numbertheory_1 (n : ℕ) (h : n % 2 = 1) : n ^ 2 % 2 = 1 := by",
            proof.statementAsWritten()))
        .isTrue();
  }

  @Test
  void extract_targetNamedAmongOthers_takesTheNamedOne() {
    String output = "```lean4\ntheorem t : 1 = 1 := by\n  rfl\n\ntheorem other : 2 = 2 := by\n  norm_num\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  rfl");
    assertThat(proof.auxiliaryDeclarations()).isEmpty();
  }

  @Test
  void extract_auxiliaryLemmaBeforeTheorem_isReturnedSeparately() {
    String lemma = "/-- The square of a real is nonnegative. -/\n"
        + "lemma sq_helper (x : ℝ) : 0 ≤ x ^ 2 := by\n  nlinarith [sq_nonneg x]";
    String output = "```lean4\n" + HEADER + lemma + "\n\n"
        + "/-- Show that the sum of squares is nonnegative. -/\n"
        + "theorem t (x y : ℝ) : 0 ≤ x ^ 2 + y ^ 2 := by\n  have := sq_helper x\n  have := sq_helper y\n  linarith\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.auxiliaryDeclarations()).containsExactly(lemma);
    assertThat(proof.body()).isEqualTo("  have := sq_helper x\n  have := sq_helper y\n  linarith");
    assertThat(proof.statementAsWritten()).isEqualTo("theorem t (x y : ℝ) : 0 ≤ x ^ 2 + y ^ 2 :=");
  }

  @Test
  void extract_attributesModifiersAndSetOptionIn_areHandled() {
    String output = "```lean4\nset_option maxHeartbeats 400000 in\n@[simp]\nprivate theorem t : True := by\n  trivial\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  trivial");
    assertThat(proof.auxiliaryDeclarations()).isEmpty();
  }

  @Test
  void extract_assignInsideBinderDefaultAndComment_isSkipped() {
    String output = "```lean4\ntheorem t (f : ℕ → ℕ := fun n => n) -- note := here\n"
        + "    (h : ∀ n, f n = n) : f 2 = 2 := by\n  exact h 2\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  exact h 2");
    assertThat(proof.statementAsWritten()).endsWith("f 2 = 2 :=");
  }

  @Test
  void extract_proofIndentedByFour_isReindentedToTwo() {
    String output = "```lean4\ntheorem t (x : ℝ) (h : 0 < x) : 0 < x ^ 2 := by\n"
        + "    have h2 : 0 < x * x := by\n        nlinarith\n    -- finish\n    nlinarith [h2]\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  have h2 : 0 < x * x := by\n      nlinarith\n  -- finish\n  nlinarith [h2]");
  }

  @Test
  void extract_byOnNextLine_isReindented() {
    String output = "```lean4\ntheorem t (a : ℕ) : a + 0 = a :=\n  by\n    simp\n    done\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  simp\n  done");
  }

  @Test
  void extract_tacticOnSameLineAsBy_keepsContinuationInsideIt() {
    String output = "```lean4\ntheorem t (a b : ℝ) : 0 ≤ (a - b) ^ 2 + (a + b) ^ 2 := by nlinarith [sq_nonneg (a - b),\n"
        + "    sq_nonneg (a + b)]\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body())
        .isEqualTo("  nlinarith [sq_nonneg (a - b),\n    sq_nonneg (a + b)]");
  }

  @Test
  void extract_commentAfterBy_isKeptAtBlockColumn() {
    String output = "```lean4\ntheorem t : True := by -- trivial goal\n  trivial\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  -- trivial goal\n  trivial");
  }

  @Test
  void extract_termProof_becomesExact() {
    String output = "```lean4\ntheorem t (x : ℝ) : 0 ≤ x ^ 2 :=\n  pow_two_nonneg\n    x\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  exact\n    pow_two_nonneg\n      x");
  }

  @Test
  void extract_termProofOnStatementLine_becomesExact() {
    String output = "```lean4\ntheorem t (x : ℝ) : 0 ≤ x ^ 2 := pow_two_nonneg x\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  exact\n    pow_two_nonneg x");
  }

  @Test
  void extract_trailingCommandsAfterTheorem_areNotPartOfBody() {
    String output = "```lean4\ntheorem t : True := by\n  trivial\n\n#print axioms t\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  trivial");
  }

  @Test
  void extract_docCommentOfNextDeclaration_isNotPartOfBody() {
    String output = "```lean4\ntheorem t : True := by\n  trivial\n\n/-- Another fact.\n\n  Long doc. -/\ntheorem u : True := by\n  trivial\n```";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  trivial");
  }

  @Test
  void extract_blockIndentedInsideMarkdownList_isDedented() {
    String output = "1. The proof:\n   ```lean4\n   theorem t (a : ℕ) : a + 0 = a := by\n     simp\n   ```\n";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  simp");
    assertThat(proof.statementAsWritten()).isEqualTo("theorem t (a : ℕ) : a + 0 = a :=");
  }

  @Test
  void extract_bareTacticBlock_isTheBody() {
    String output = "```lean4\n" + HEADER + "  nlinarith [sq_nonneg (a - b)]\n```";

    ExtractedProof proof = proofOf(ProofExtractor.extract(output, "t"));

    assertThat(proof.body()).isEqualTo("  nlinarith [sq_nonneg (a - b)]");
    assertThat(proof.statementAsWritten()).isEmpty();
  }

  @Test
  void extract_headerOnlyBlock_isNoProof() {
    assertThat(failureOf(ProofExtractor.extract("```lean4\n" + HEADER + "```", "t")).reason())
        .isEqualTo(ExtractionFailure.Reason.NO_PROOF);
  }

  @Test
  void extract_definitionWithoutTheorem_isNoProof() {
    String output = "```lean4\ndef f (n : ℕ) : ℕ := n + 1\n```";

    assertThat(failureOf(ProofExtractor.extract(output, "t")).reason()).isEqualTo(ExtractionFailure.Reason.NO_PROOF);
  }

  @Test
  void extract_theoremWithoutAssign_isNoProof() {
    String output = "```lean4\ntheorem t : ∀ n : ℕ, n = n\n  | 0 => rfl\n  | n + 1 => rfl\n```";

    ExtractionFailure failure = failureOf(ProofExtractor.extract(output, "t"));

    assertThat(failure.reason()).isEqualTo(ExtractionFailure.Reason.NO_PROOF);
    assertThat(failure.detail()).contains("t has no top-level :=");
  }

  @Test
  void extract_emptyProofAfterBy_isNoProof() {
    String output = "```lean4\ntheorem t : True := by\n  -- nothing yet\n```";

    assertThat(failureOf(ProofExtractor.extract(output, "t")).reason()).isEqualTo(ExtractionFailure.Reason.NO_PROOF);
  }

  @Test
  void extract_windowsLineEnds_areNormalised() {
    String output = "```lean4\r\ntheorem t : True := by\r\n  trivial\r\n```\r\n";

    assertThat(proofOf(ProofExtractor.extract(output, "t")).body()).isEqualTo("  trivial");
  }

  @Test
  void extractContinuation_rawCompletion_takesTextBeforeFence() {
    String output = "  -- Square is nonnegative\n  nlinarith [sq_nonneg x]\n```\n\nThis proof works because ...";

    ExtractedProof proof = proofOf(ProofExtractor.extractContinuation(output));

    assertThat(proof.body()).isEqualTo("  -- Square is nonnegative\n  nlinarith [sq_nonneg x]");
    assertThat(proof.statementAsWritten()).isEmpty();
  }

  @Test
  void extractContinuation_nextTheoremAfterProof_isCutOff() {
    String output = "  simp\n\ntheorem next_one : True := by\n  trivial";

    assertThat(proofOf(ProofExtractor.extractContinuation(output)).body()).isEqualTo("  simp");
  }

  @Test
  void extractContinuation_empty_isNoProof() {
    assertThat(failureOf(ProofExtractor.extractContinuation("\n```")).reason())
        .isEqualTo(ExtractionFailure.Reason.NO_PROOF);
  }

  @Test
  void cotAnswer_realSolution_holdsSorrySketchBeforeFinalBlock() {
    // Guards the fixture: a wrong pick of the first block would meet the sketch's sorry.
    SharedData.Solution solution = SharedData.solutions().get(0);
    String answer = cotAnswer(sketchOf(solution), solution.fileText());

    assertThat(Arrays.stream(answer.split("```lean4")).count()).isEqualTo(3);
    assertThat(sketchOf(solution)).contains("sorry");
  }
}
