package dev.leanprove.leanbridge.source;

import java.util.Arrays;
import java.util.BitSet;

/**
 * A text with its comments and literals blanked, plus what the blanking hides but later steps need:
 * where doc comments ({@code /--}) and module docs ({@code /-!}) begin, since those start commands,
 * and which characters were comments, since a proof may end in a string literal but not in a comment.
 */
final class BlankedText {

  private final String original;
  private final String text;
  private final BitSet comments;
  private final int[] docCommentStarts;
  private final int[] moduleDocStarts;

  BlankedText(String original, String text, BitSet comments, int[] docCommentStarts, int[] moduleDocStarts) {
    this.original = original;
    this.text = text;
    this.comments = comments;
    this.docCommentStarts = docCommentStarts;
    this.moduleDocStarts = moduleDocStarts;
  }

  String original() {
    return original;
  }

  /** The blanked text: same length as the original, comments and literals turned into spaces. */
  String text() {
    return text;
  }

  int length() {
    return text.length();
  }

  /** Whether the character at {@code offset} is layout: whitespace or part of a comment. */
  boolean isLayout(int offset) {
    return LeanChars.isBlank(original.charAt(offset)) || comments.get(offset);
  }

  /** The first offset at or after {@code from} (below {@code to}) that is not layout, or {@code to}. */
  int skipLayout(int from, int to) {
    int i = from;
    while (i < to && isLayout(i)) {
      i++;
    }
    return i;
  }

  /** The offset just after the last non-layout character in [{@code from}, {@code to}), or {@code from}. */
  int trimLayout(int from, int to) {
    int i = to;
    while (i > from && isLayout(i - 1)) {
      i--;
    }
    return i;
  }

  boolean docCommentStartsAt(int offset) {
    return Arrays.binarySearch(docCommentStarts, offset) >= 0;
  }

  boolean moduleDocStartsAt(int offset) {
    return Arrays.binarySearch(moduleDocStarts, offset) >= 0;
  }
}
