package dev.leanprove.leanbridge.source;

/**
 * Reads dotted Lean identifiers ({@code Nat.succ_le}, {@code h₀}, {@code «my name».x}) out of one text.
 *
 * <p>A {@code «…»} part must close on the same line: Lean lets it run on, but one stray {@code «} in a
 * half-written file would otherwise swallow everything after it. The reader remembers the stretch it
 * already found without a closing {@code »}, so a line full of {@code «} is still read in linear time.
 */
final class IdentifierReader {

  private static final char OPEN = '«';
  private static final char CLOSE = '»';

  private final String text;
  private int unclosedFrom = -1;
  private int unclosedTo = -1;

  IdentifierReader(String text) {
    this.text = text;
  }

  /** Where the identifier starting at {@code start} ends, or {@code start} when none starts there. */
  int end(int start) {
    int end = partEnd(start);
    if (end == start) {
      return start;
    }
    while (end + 1 < text.length() && text.charAt(end) == '.') {
      int next = partEnd(end + 1);
      if (next == end + 1) {
        break;
      }
      end = next;
    }
    return end;
  }

  private int partEnd(int start) {
    if (start >= text.length()) {
      return start;
    }
    int cp = text.codePointAt(start);
    if (cp == OPEN) {
      int close = closingGuillemet(start);
      return close < 0 ? start : close + 1;
    }
    return plainPartEnd(text, start);
  }

  /**
   * Where the identifier part without {@code «»} at {@code start} ends (a dot ends it), or {@code start}
   * when none starts there.
   */
  static int plainPartEnd(String text, int start) {
    if (start >= text.length() || !LeanChars.isIdFirst(text.codePointAt(start))) {
      return start;
    }
    int i = start;
    while (i < text.length()) {
      int c = text.codePointAt(i);
      if (!LeanChars.isIdRest(c)) {
        break;
      }
      i += Character.charCount(c);
    }
    return i;
  }

  private int closingGuillemet(int open) {
    if (open > unclosedFrom && open < unclosedTo) {
      return -1;
    }
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == CLOSE) {
        return i;
      }
      if (c == '\n') {
        remember(open, i);
        return -1;
      }
    }
    remember(open, text.length());
    return -1;
  }

  private void remember(int from, int to) {
    unclosedFrom = from;
    unclosedTo = to;
  }
}
