package dev.leanprove.leanbridge.verdict;

import java.util.List;
import java.util.Objects;

/**
 * The exact text handed to Lean and where each judged theorem sits in it.
 *
 * @param targets the theorems to judge, with their offsets in {@code text}
 * @param headerEnd offset where the header (imports, options) ends; errors before it fail every target
 */
record CheckPlan(String text, List<Target> targets, int headerEnd) {

  CheckPlan {
    Objects.requireNonNull(text, "text");
    targets = List.copyOf(targets);
  }

  /**
   * One theorem to judge.
   *
   * @param start offset where its text (auxiliary lemmas included) begins
   * @param end offset where it ends
   * @param axiomsLine the 1-based line of our {@code #print axioms} command for it, or 0 for examples
   */
  record Target(String displayName, String qualifiedName, int start, int end, int axiomsLine) {

    boolean contains(int offset) {
      return offset >= start && offset < end;
    }
  }
}
