package dev.leanprove.leanbridge.source;

/**
 * Lean 4's identifier character classes ({@code isIdFirst}, {@code isIdRest}, {@code isLetterLike},
 * {@code isSubScriptAlnum}), on code points.
 *
 * <p>Lean itself accepts only ASCII letters plus its "letter-like" ranges; later Lean versions widened
 * those ranges (Latin-1, Latin Extended-A, more mathematical alphabets). So that a newer toolchain's
 * identifiers are never split, any other Unicode letter also counts, except the ones Lean keeps as
 * tokens: {@code λ}, {@code Π}, {@code Σ} and modifier letters such as {@code ᶜ}, {@code ᵀ}, {@code ᵒᵈ},
 * which Mathlib uses as postfix notation.
 */
public final class LeanChars {

  private LeanChars() {}

  static boolean isIdFirst(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    }
    if (isLetterLike(cp)) {
      return true;
    }
    return cp != 0x3bb && cp != 0x3a0 && cp != 0x3a3
        && Character.isLetter(cp)
        && Character.getType(cp) != Character.MODIFIER_LETTER;
  }

  /** Whether {@code cp} may continue a Lean identifier (letters, digits, {@code _ ' ! ?}, subscripts). */
  public static boolean isIdRest(int cp) {
    return isIdFirst(cp)
        || (cp >= '0' && cp <= '9')
        || cp == '\'' || cp == '!' || cp == '?'
        || isSubScriptAlnum(cp);
  }

  static boolean isLetterLike(int cp) {
    return (0x3b1 <= cp && cp <= 0x3c9 && cp != 0x3bb)
        || (0x391 <= cp && cp <= 0x3a9 && cp != 0x3a0 && cp != 0x3a3)
        || (0x3ca <= cp && cp <= 0x3fb)
        || (0x1f00 <= cp && cp <= 0x1ffe)
        || (0x2100 <= cp && cp <= 0x214f)
        || (0x1d49c <= cp && cp <= 0x1d59f);
  }

  static boolean isSubScriptAlnum(int cp) {
    return (0x2080 <= cp && cp <= 0x2089)
        || (0x2090 <= cp && cp <= 0x209c)
        || (0x1d62 <= cp && cp <= 0x1d6a)
        || cp == 0x2c7c;
  }

  static boolean isAsciiDigit(int cp) {
    return cp >= '0' && cp <= '9';
  }

  static boolean isHexDigit(int cp) {
    return isAsciiDigit(cp) || (cp >= 'a' && cp <= 'f') || (cp >= 'A' && cp <= 'F');
  }

  /** Layout whitespace, including the byte order mark some editors put before the first line. */
  static boolean isBlank(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\uFEFF';
  }
}
