package dev.leanprove.leanbridge.source;

import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A proof (the text after a theorem's {@code :=}) seen as its top-level steps: the
 * {@code have}/{@code obtain} steps whose proofs may be {@code sorry}, and the steps that close
 * the goal. This is the DeepSeek-Prover-V2 sketch: {@code have h : P := by sorry} steps plus a final step.
 *
 * <p>Parsing never throws. A proof that does not start with {@code by} is one {@link StepKind#OTHER}
 * step (term mode); a tactic block's steps begin at its column, as Lean reads them (see
 * {@link SketchParser}). Offsets are UTF-16 indexes into {@link #text()}.
 */
public final class Sketch {

  private final String text;
  private final boolean tactic;
  private final int blockColumn;
  private final boolean blockOnByLine;
  private final List<SketchStep> steps;

  Sketch(String text, boolean tactic, int blockColumn, boolean blockOnByLine, List<SketchStep> steps) {
    this.text = text;
    this.tactic = tactic;
    this.blockColumn = blockColumn;
    this.blockOnByLine = blockOnByLine;
    this.steps = Collections.unmodifiableList(steps);
  }

  /** Reads {@code proof}, the text after {@code :=} (usually starting with {@code by}); never throws. */
  public static Sketch parse(String proof) {
    Objects.requireNonNull(proof, "proof");
    return new SketchParser(proof).parse();
  }

  public String text() {
    return text;
  }

  /** Whether the proof is a {@code by} block; otherwise it is a term and has at most one step. */
  public boolean tactic() {
    return tactic;
  }

  public List<SketchStep> steps() {
    return steps;
  }

  /** The steps that are {@code sorry} as a whole: a have's or obtain's proof, or another step. */
  public List<SketchStep> sorrySteps() {
    return steps.stream().filter(SketchStep::sorry).toList();
  }

  /**
   * The proof with every top-level have's and obtain's proof replaced by {@code sorry}: a full proof
   * turned into a sketch. A step without a written proposition ({@code have h := e}) keeps its
   * proof, since {@code have h := sorry} would leave {@code h}'s type unknown.
   */
  public String withHaveProofsSorried() {
    StringBuilder b = new StringBuilder(text);
    for (int k = steps.size() - 1; k >= 0; k--) {
      SketchStep s = steps.get(k);
      if (s.statesProposition() && !s.sorry()) {
        b.replace(s.proofStart(), s.end(), "sorry");
      }
    }
    return b.toString();
  }

  /** Column (in code points) of the tactic block's steps, as measured in {@link #text()}. */
  int blockColumn() {
    return blockColumn;
  }

  /**
   * Whether the first step shares the line of {@code by}; its column in the file is then unknown,
   * since the text starts after {@code :=} somewhere on the theorem's line.
   */
  boolean blockOnByLine() {
    return blockOnByLine;
  }
}
