package dev.leanprove.orchestrator.prompt;

/** Which characters Lean lets into an identifier, and whole-word search built on that. */
final class LeanWords {

  private LeanWords() {}

  /**
   * Follows Lean's {@code isLetterLike}/{@code isSubScriptAlnum} closely enough to tell
   * {@code h₁'} or {@code apply?} from the punctuation around them; λ, Π and Σ are binders, not letters.
   */
  static boolean isIdentChar(int cp) {
    if (cp == 'λ' || cp == 'Π' || cp == 'Σ') {
      return false;
    }
    return Character.isLetterOrDigit(cp)
        || cp == '_'
        || cp == '\''
        || cp == '!'
        || cp == '?'
        || (cp >= 0x2080 && cp <= 0x209C)
        || (cp >= 0x1D62 && cp <= 0x1D6A)
        || cp == 0x2C7C
        || (cp >= 0x2100 && cp <= 0x214F)
        || (cp >= 0x1D49C && cp <= 0x1D59F);
  }

  /** Index of the first occurrence of {@code word} at or after {@code from} not glued to identifier characters, or -1. */
  static int find(String text, String word, int from) {
    int at = text.indexOf(word, from);
    while (at >= 0) {
      if (standsAlone(text, at, at + word.length())) {
        return at;
      }
      at = text.indexOf(word, at + 1);
    }
    return -1;
  }

  /** Whether {@code text} holds {@code word} as a whole word at {@code at}. */
  static boolean isWordAt(String text, String word, int at) {
    return text.startsWith(word, at) && standsAlone(text, at, at + word.length());
  }

  /** The identifier-like run of characters starting at {@code at} (dots included, so {@code Nat.succ} is one name). */
  static String nameAt(String text, int at) {
    int end = at;
    while (end < text.length()) {
      int cp = text.codePointAt(end);
      if (!isIdentChar(cp) && cp != '.' && cp != '«' && cp != '»') {
        break;
      }
      end += Character.charCount(cp);
    }
    return text.substring(at, end);
  }

  private static boolean standsAlone(String text, int start, int end) {
    boolean before = start == 0 || !isIdentChar(text.codePointBefore(start));
    boolean after = end >= text.length() || !isIdentChar(text.codePointAt(end));
    return before && after;
  }
}
