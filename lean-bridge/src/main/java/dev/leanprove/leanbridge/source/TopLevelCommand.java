package dev.leanprove.leanbridge.source;

import java.util.Objects;

/**
 * One top-level command of a Lean text, as {@link LeanSource#commands()} lists it; offsets are UTF-16
 * indexes into that text.
 *
 * @param start where the command begins, including its docstring, attributes, modifiers and
 *     {@code open … in} / {@code set_option … in} prefixes
 * @param end where the next command begins, or the end of the text
 * @param keywordStart offset of the keyword after those prefixes ({@code end} when there is none)
 * @param keyword the keyword ({@code theorem}, {@code import}, {@code #print} …), "" when there is
 *     none, as for a module doc or a docstring followed by no command
 * @param name the name written after the keyword ({@code foo.bar}, {@code Mathlib}, {@code axioms}),
 *     "" when there is none and for an {@code example}
 */
public record TopLevelCommand(int start, int end, int keywordStart, String keyword, String name) {

  public TopLevelCommand {
    Objects.requireNonNull(keyword, "keyword");
    Objects.requireNonNull(name, "name");
    if (start < 0 || start > keywordStart || keywordStart > end) {
      throw new IllegalArgumentException(String.format(
          "offsets must satisfy 0 <= start <= keywordStart <= end: %d, %d, %d", start, keywordStart, end));
    }
  }

  /** Whether it is a {@code theorem}, {@code lemma} or {@code example}, one of {@link LeanSource#theorems()}. */
  public boolean declaresTheorem() {
    return DeclarationKind.isKeyword(keyword);
  }
}
