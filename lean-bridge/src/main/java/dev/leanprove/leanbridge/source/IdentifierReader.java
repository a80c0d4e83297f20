package dev.leanprove.leanbridge.source;

/**
 * Reads dotted Lean identifiers ({@code Nat.succ_le}, {@code h₀}, {@code «my name».x}) out of one text,
 * by {@code identFnAux} of {@code Lean/Parser/Basic.lean}: a part continues after a {@code .} only when an
 * identifier letter or {@code «} follows, and a {@code «…»} part runs to the next {@code »}, line breaks
 * included ({@code takeUntilFn isIdEndEscape}). A {@code «} with no {@code »} after it starts no identifier;
 * {@link LeanLexer} reports it as unreadable. Finding the closing {@code »} stays linear: once a {@code «}
 * is found unclosed, every later one is known to be unclosed at once, and creating a reader costs nothing.
 */
final class IdentifierReader {

  private static final char OPEN = '«';
  private static final char CLOSE = '»';

  private final String text;
  private int noCloseFrom = Integer.MAX_VALUE;

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
    if (open >= noCloseFrom) {
      return -1;
    }
    int close = text.indexOf(CLOSE, open + 1);
    if (close < 0) {
      noCloseFrom = open;
    }
    return close;
  }
}
