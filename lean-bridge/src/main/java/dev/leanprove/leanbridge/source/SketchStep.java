package dev.leanprove.leanbridge.source;

import java.util.List;
import java.util.Objects;

/**
 * One top-level step of a {@link Sketch}; offsets are UTF-16 indexes into the sketch's text.
 *
 * @param index 0-based position among the sketch's steps
 * @param kind have, obtain or anything else
 * @param start where the step's first token is
 * @param end just after its last token (trailing comments and blank lines belong to no step)
 * @param text {@code text[start, end)}
 * @param names the hypotheses it introduces by name, in order: a have's name ({@code this} for an
 *     anonymous one), an obtain's pattern variables; empty for other steps
 * @param pattern the destructuring pattern of {@code obtain ⟨x, hx⟩ …} or {@code have ⟨x, hx⟩ …}, else ""
 * @param binders a have's own binders ({@code (x : ℝ)} in {@code have h (x : ℝ) : P x := …}), else ""
 * @param proposition the written type after the top-level {@code :}, comments removed; "" when none is written
 * @param proofStart offset of the proof after the have's or obtain's {@code :=}; -1 for other steps
 * @param proof {@code text[proofStart, end)}, "" for other steps
 * @param sorry whether the proof (or, for another step, the whole step) is just {@code sorry} or {@code by sorry}
 * @param containsSorry whether a {@code sorry} or {@code admit} token occurs anywhere in the step
 */
public record SketchStep(
    int index,
    StepKind kind,
    int start,
    int end,
    String text,
    List<String> names,
    String pattern,
    String binders,
    String proposition,
    int proofStart,
    String proof,
    boolean sorry,
    boolean containsSorry) {

  public SketchStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
    names = List.copyOf(names);
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(binders, "binders");
    Objects.requireNonNull(proposition, "proposition");
    Objects.requireNonNull(proof, "proof");
    if (index < 0 || start < 0 || start > end) {
      throw new IllegalArgumentException(
          String.format("need 0 <= index and 0 <= start <= end: %d, %d, %d", index, start, end));
    }
  }

  /** Whether the step is a have or obtain that states its proposition, so a lemma can state it too. */
  public boolean statesProposition() {
    return kind != StepKind.OTHER && !proposition.isEmpty();
  }

  /** 1-based number of the step, as lemma names and messages use it. */
  public int number() {
    return index + 1;
  }
}
