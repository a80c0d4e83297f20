package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Puts subgoal proofs back into a sketch. Proofs are keyed by {@link SketchStep#index()} and are
 * what a lemma would have after {@code :=}: a {@code by} block, in any indentation, or a term; a
 * bare tactic script such as {@code nlinarith [...]} is read as one (see {@link ProofBody}).
 *
 * <p>{@link #inline} is the composition DESIGN §1 wants: the whole theorem proved in one piece.
 * {@link #withAuxiliaryLemmas} is the fallback when an inlined proof fails where its lemma passed
 * (a tactic that reads the goal differently in the bigger context, a name clash).
 */
public final class ProofComposer {

  /** Length of {@code sorry}, and of {@code admit}. */
  private static final int SORRY_LENGTH = 5;

  private ProofComposer() {}

  /**
   * The sketch's proof with each sorry step's proof put in its place, re-indented: a have's
   * {@code by sorry} becomes {@code by} and the proof's tactics one level deeper than the have; a
   * final {@code sorry} becomes the proof's tactics at the step's column ({@code exact term} for a term).
   *
   * @throws IllegalArgumentException if a sorry step has no proof, a proof is blank, or a step has a
   *     sorry inside it rather than as its whole proof
   */
  public static String inline(Sketch sketch, Map<Integer, String> proofs) {
    Objects.requireNonNull(sketch, "sketch");
    Objects.requireNonNull(proofs, "proofs");
    List<SketchStep> steps = sketch.steps();
    StringBuilder b = new StringBuilder(sketch.text());
    LineIndex lines = LineIndex.of(sketch.text());
    for (int k = steps.size() - 1; k >= 0; k--) {
      SketchStep step = steps.get(k);
      if (!step.containsSorry()) {
        continue;
      }
      ProofBody body = ProofBody.of(proofFor(step, proofs));
      if (step.kind() != StepKind.OTHER) {
        int column = indentationOfLine(sketch.text(), step.proofStart());
        b.replace(step.proofStart(), step.end(), body.afterAssign(column));
      } else if (!sketch.tactic() || sketch.blockOnByLine() && steps.size() == 1) {
        // A term proof, or `by sorry` on the theorem's line: the step's column in the file is unknown.
        int from = firstToken(LeanText.blankCommentsAndStrings(sketch.text()));
        b.replace(from, step.end(), body.afterAssign(0));
      } else {
        b.replace(step.start(), step.end(), body.asTactics(lines.positionAt(step.start()).column()));
      }
    }
    return b.toString();
  }

  /**
   * The subgoal lemmas with their proofs, and the sketch with each sorry replaced by a call of its
   * lemma: {@code exact CALL} in tactic position, {@code CALL} in term position.
   *
   * @throws IllegalArgumentException if a sorry step has no lemma (unsupported) or no proof, or a
   *     proof is blank
   */
  public static Composition withAuxiliaryLemmas(Sketch sketch, SubgoalExtraction extraction, Map<Integer, String> proofs) {
    Objects.requireNonNull(sketch, "sketch");
    Objects.requireNonNull(extraction, "extraction");
    Objects.requireNonNull(proofs, "proofs");
    Map<Integer, Subgoal> byStep = new HashMap<>();
    extraction.subgoals().forEach(s -> byStep.put(s.stepIndex(), s));
    Map<Integer, String> unsupported = new HashMap<>();
    extraction.unsupported().forEach(u -> unsupported.put(u.stepIndex(), u.reason()));
    String code = LeanText.blankCommentsAndStrings(sketch.text());
    List<String> lemmas = new ArrayList<>();
    StringBuilder b = new StringBuilder(sketch.text());
    List<SketchStep> steps = sketch.steps();
    for (int k = steps.size() - 1; k >= 0; k--) {
      SketchStep step = steps.get(k);
      if (!step.containsSorry()) {
        continue;
      }
      Subgoal subgoal = byStep.get(step.index());
      if (subgoal == null) {
        throw new IllegalArgumentException("step " + step.number() + " has no lemma: "
            + unsupported.getOrDefault(step.index(), "it is not among the extracted subgoals"));
      }
      String proof = ProofBody.of(proofFor(step, proofs)).afterAssign(0);
      lemmas.add(0, subgoal.statement() + " := " + proof);
      int sorry = sorryOffset(code, step);
      boolean tacticPosition = step.kind() == StepKind.OTHER
          ? sketch.tactic()
          : code.substring(step.proofStart(), sorry).strip().equals("by");
      b.replace(sorry, sorry + SORRY_LENGTH, (tacticPosition ? "exact " : "") + subgoal.call());
    }
    return new Composition(String.join("\n\n", lemmas), b.toString());
  }

  private static String proofFor(SketchStep step, Map<Integer, String> proofs) {
    if (!step.sorry()) {
      throw new IllegalArgumentException(
          "step " + step.number() + " has a sorry inside it, not as its whole proof: " + step.text());
    }
    String proof = proofs.get(step.index());
    if (proof == null) {
      throw new IllegalArgumentException("no proof for step " + step.number() + ": " + step.text());
    }
    return proof;
  }

  private static int sorryOffset(String code, SketchStep step) {
    String stepCode = code.substring(step.start(), step.end());
    List<Integer> found = LeanText.findToken(stepCode, "sorry");
    if (found.isEmpty()) {
      found = LeanText.findToken(stepCode, "admit");
    }
    return step.start() + found.get(found.size() - 1);
  }

  private static int indentationOfLine(String text, int offset) {
    int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return Indentation.of(text.substring(lineStart, offset));
  }

  private static int firstToken(String code) {
    int i = 0;
    while (i < code.length() && LeanChars.isBlank(code.charAt(i))) {
      i++;
    }
    return i;
  }
}
