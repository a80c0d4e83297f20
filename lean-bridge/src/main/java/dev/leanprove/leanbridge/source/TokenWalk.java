package dev.leanprove.leanbridge.source;

/**
 * Walks blanked Lean code a token at a time, as the readers in this package scan it: a whole
 * identifier, so that a bracket, colon or bar inside {@code «…»} never counts, or else one code
 * point. Layout is skipped, and the bracket depth is kept with {@link Brackets}.
 */
final class TokenWalk {

  private final String code;
  private final IdentifierReader identifiers;
  private final int to;
  private final Brackets brackets = new Brackets();
  private int next;
  private int start = -1;
  private int end;
  private boolean identifier;
  private int depth;
  private boolean newlinePassed;
  private boolean firstOnLine;

  /** A walk over {@code code[from, to)}; {@code identifiers} reads {@code code}. */
  TokenWalk(String code, IdentifierReader identifiers, int from, int to) {
    this.code = code;
    this.identifiers = identifiers;
    this.next = from;
    this.to = to;
  }

  /** A walk over {@code code} from {@code from} to its end, with an identifier reader of its own. */
  TokenWalk(String code, int from) {
    this(code, new IdentifierReader(code), from, code.length());
  }

  /** The offset of the bracket that closes the one at {@code open}, or -1 when none does. */
  static int closing(String code, IdentifierReader identifiers, int open) {
    TokenWalk walk = new TokenWalk(code, identifiers, open, code.length());
    while (walk.next()) {
      if (!walk.isIdentifier() && walk.depthAfter() == 0) {
        return walk.start();
      }
    }
    return -1;
  }

  /** Moves to the next token that starts before the end of the walk; false when there is none. */
  boolean next() {
    int i = next;
    while (i < to && LeanChars.isBlank(code.charAt(i))) {
      newlinePassed |= code.charAt(i) == '\n';
      i++;
    }
    if (i >= to) {
      next = i;
      return false;
    }
    start = i;
    firstOnLine = newlinePassed;
    newlinePassed = false;
    depth = brackets.depth();
    int idEnd = identifiers.end(i);
    identifier = idEnd > i;
    if (identifier) {
      end = idEnd;
    } else {
      int cp = code.codePointAt(i);
      brackets.accept(cp);
      end = i + Character.charCount(cp);
    }
    next = end;
    return true;
  }

  /** Continues after {@code offset} instead of after the current token, as after a two-character symbol. */
  void skipTo(int offset) {
    next = offset;
  }

  int start() {
    return start;
  }

  /** Where the current token ends (an identifier may run past the end of the walk). */
  int end() {
    return end;
  }

  boolean isIdentifier() {
    return identifier;
  }

  /** The bracket depth before the current token: outside an opening bracket, still inside a closing one. */
  int depth() {
    return depth;
  }

  /** The bracket depth after the current token. */
  int depthAfter() {
    return brackets.depth();
  }

  /** Whether a line break comes between the current token and the one before it (or the walk's start). */
  boolean firstOnLine() {
    return firstOnLine;
  }
}
