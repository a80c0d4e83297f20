package dev.leanprove.leanbridge.source;

/**
 * One top-level command of a Lean text.
 *
 * @param kind what it is
 * @param start where its first line begins (column 0)
 * @param end where the next command begins, or the end of the text
 * @param headStart offset of its keyword after any docstring, attributes and modifiers ({@code end} when none)
 * @param head that keyword ({@code theorem}, {@code namespace}, {@code #eval} …), or "" when none
 */
record Command(CommandKind kind, int start, int end, int headStart, String head) {

  int headEnd() {
    return headStart + head.length();
  }
}
