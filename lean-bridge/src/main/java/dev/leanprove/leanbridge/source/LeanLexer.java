package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

/**
 * Lean 4's lexical rules, in one linear pass: the one reading of Lean text that every reader in this
 * package, and the verifier's screen, relies on. It blanks comments and literals (keeping line breaks
 * and offsets), remembers where doc comments start, and lists what Lean itself could not read.
 *
 * <p>The rules follow {@code src/Lean/Parser/Basic.lean} of Lean v4.24 ({@code whitespace},
 * {@code finishCommentBlock}, {@code tokenFnAux}, {@code identFnAux}, {@code charLitFnAux},
 * {@code strLitFnAux}, {@code quotedCharCoreFn}, {@code rawStrLitFnAux}) and
 * {@code src/Lean/Parser/StrInterpolation.lean} ({@code interpolatedStrFn}):
 * <ul>
 *   <li>{@code --} runs to the line end; {@code /-} nests; {@code /--} and {@code /-!} are doc tokens whose
 *       body ends the same nested way.
 *   <li>An identifier part is letters/digits/{@code _'!?}/subscripts or {@code «…»}, and {@code «} takes
 *       everything up to the next {@code »}, line breaks included ({@code takeUntilFn isIdEndEscape}); with no
 *       {@code »} Lean reports "unterminated identifier escape".
 *   <li>A {@code '} starts a char literal wherever a token starts and the next character is not {@code '}: after
 *       a digit or a {@code »}, but not inside {@code x'}, whose prime belongs to the identifier. A {@code '}
 *       that does not close a literal is left as a symbol: Mathlib tokens such as {@code ⁻¹'} and {@code ∑'}
 *       end in one.
 *   <li>Escapes are {@code \\ \" \' \n \t \r}, {@code \xHH}, <code>&#92;uHHHH</code> and, in strings only, a
 *       backslash-newline gap; anything else is "invalid escape sequence".
 *   <li>{@code r"…"} / {@code r#"…"#} take no escapes.
 *   <li>In an interpolated string ({@code s!"…{e}…"}, {@code m!}, {@code f!}) the text in braces is code.
 * </ul>
 *
 * <p>What Lean cannot read is listed, never guessed: after such an error Lean's command loop resumes one
 * character further on ({@code consumeInput} in {@code Lean/Parser/Module.lean}), so it would read the inside of
 * an unterminated string or name as code. The verifier therefore refuses any text with an error here.
 * Whether a string is interpolated depends on the parser around it; unless the token before it is
 * {@code s!}, {@code m!}, {@code f!} or {@code println!}, a string holding a <code>&#123;</code> is read both ways: the
 * braces' code is kept as code either way, and when the two readings end at different places the string is
 * an error.
 */
final class LeanLexer {

  /** Identifiers after which Lean reads a string as interpolated ({@code interpolatedStr(term)}). */
  private static final Set<String> INTERPOLATING = Set.of("s!", "m!", "f!", "println!");

  /** Interpolated strings nested deeper than this are refused, which keeps lexing linear. */
  private static final int MAX_INTERPOLATION_DEPTH = 8;

  private final String text;
  private final int depth;
  private final BitSet blankedChars = new BitSet();
  private final BitSet comments = new BitSet();
  private final BitSet literalContents = new BitSet();
  private final BitSet literalStarts = new BitSet();
  private final IdentifierReader identifiers;
  private final List<Integer> docStarts = new ArrayList<>();
  private final List<Integer> moduleDocStarts = new ArrayList<>();
  private final List<LexicalError> errors = new ArrayList<>();
  private int previousIdentifierStart = -1;
  private int previousIdentifierEnd = -1;

  private LeanLexer(String text, IdentifierReader identifiers, int depth) {
    this.text = text;
    this.identifiers = identifiers;
    this.depth = depth;
  }

  /** Lexes the whole of {@code text}. */
  static BlankedText lex(String text) {
    LeanLexer lexer = new LeanLexer(text, new IdentifierReader(text), 0);
    lexer.code(0, false);
    char[] out = text.toCharArray();
    BitSet b = lexer.blankedChars;
    for (int k = b.nextSetBit(0); k >= 0; k = b.nextSetBit(k + 1)) {
      BlankedText.blank(out, k, k + 1);
    }
    BitSet literals = (BitSet) b.clone();
    literals.andNot(lexer.comments);
    return new BlankedText(
        text, new String(out), lexer.comments, lexer.literalContents, literals, lexer.literalStarts,
        toArray(lexer.docStarts), toArray(lexer.moduleDocStarts), lexer.errors);
  }

  /**
   * Lexes code from {@code from}; inside an interpolation ({@code inBraces}) it stops at the <code>&#125;</code> that
   * closes it and returns that offset, else it returns the text's length.
   */
  private int code(int from, boolean inBraces) {
    int n = text.length();
    int braces = 0;
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (LeanChars.isBlank(c)) {
        i++;
        continue;
      }
      if (c == '-' && next == '-') {
        i = comment(i, lineEnd(i));
        continue;
      }
      if (c == '/' && next == '-') {
        i = comment(i, blockCommentEnd(i));
        continue;
      }
      boolean afterInterpolating = c == '"' && previousIdentifierStart >= 0
          && INTERPOLATING.contains(text.substring(previousIdentifierStart, previousIdentifierEnd));
      previousIdentifierStart = -1;
      if (inBraces && c == '{') {
        braces++;
        i++;
      } else if (inBraces && c == '}') {
        if (braces == 0) {
          return i;
        }
        braces--;
        i++;
      } else if (c == '"') {
        i = string(i, afterInterpolating);
      } else if (c == '\'' && next != '\'') {
        int end = charLiteralEnd(i);
        i = end > i ? literal(i, 1, end, 1) : i + 1;
      } else if (LeanChars.isAsciiDigit(c)) {
        i = numberEnd(i);
      } else if (c == 'r' && rawStringQuote(i) > 0) {
        i = rawString(i);
      } else {
        int end = identifiers.end(i);
        if (end > i) {
          previousIdentifierStart = i;
          previousIdentifierEnd = end;
          i = end;
        } else {
          if (c == '«') {
            errors.add(new LexicalError(i, "unterminated identifier escape «"));
          }
          i += Character.charCount(text.codePointAt(i));
        }
      }
    }
    if (inBraces) {
      errors.add(new LexicalError(from, "unterminated interpolation {"));
    }
    return n;
  }

  private int comment(int from, int to) {
    comments.set(from, to);
    blankedChars.set(from, to);
    return to;
  }

  /** Blanks the literal [{@code from}, {@code to}), noting which of it lies inside its delimiters. */
  private int literal(int from, int openLength, int to, int closeLength) {
    literalStarts.set(from);
    literalContents.set(from + openLength, Math.max(from + openLength, to - closeLength));
    blankedChars.set(from, to);
    return to;
  }

  private int lineEnd(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  /** {@code finishCommentBlock}: {@code -/} closes one level, {@code /-} opens one, the end of text is an error. */
  private int blockCommentEnd(int open) {
    int n = text.length();
    int i = open + 2;
    char kind = i < n ? text.charAt(i) : 0;
    if (kind == '-') {
      docStarts.add(open);
      i++;
    } else if (kind == '!') {
      moduleDocStarts.add(open);
      i++;
    }
    int nesting = 1;
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (c == '-' && next == '/') {
        i += 2;
        if (--nesting == 0) {
          return i;
        }
      } else if (c == '/' && next == '-') {
        nesting++;
        i += 2;
      } else {
        i++;
      }
    }
    errors.add(new LexicalError(open, "unterminated comment"));
    return n;
  }

  /**
   * A string at {@code quote}: plain, interpolated, or (when the token before does not say) read both ways
   * and kept only if both readings end at the same place.
   */
  private int string(int quote, boolean interpolated) {
    if (interpolated) {
      return interpolatedString(quote);
    }
    int plainEnd = plainStringEnd(quote);
    if (plainEnd < 0) {
      literal(quote, 1, text.length(), 0);
      return text.length();
    }
    if (!holdsBrace(quote + 1, plainEnd)) {
      return literal(quote, 1, plainEnd, 1);
    }
    if (depth >= MAX_INTERPOLATION_DEPTH || !errors.isEmpty()) {
      // Already refused: this reading only has to keep the offsets, not to be right.
      if (errors.isEmpty()) {
        errors.add(new LexicalError(quote, "string interpolation nested too deeply"));
      }
      return literal(quote, 1, plainEnd, 1);
    }
    LeanLexer trial = new LeanLexer(text, identifiers, depth + 1);
    int interpolatedEnd = trial.interpolatedString(quote);
    if (interpolatedEnd != plainEnd || !trial.errors.isEmpty()) {
      errors.add(new LexicalError(quote,
          "string that reads differently as an interpolated string (code in { })"));
      return literal(quote, 1, plainEnd, 1);
    }
    // Both readings agree on the extent: keep the braces' code as code, so that it is scanned.
    blankedChars.or(trial.blankedChars);
    comments.or(trial.comments);
    literalContents.or(trial.literalContents);
    literalStarts.or(trial.literalStarts);
    docStarts.addAll(trial.docStarts);
    moduleDocStarts.addAll(trial.moduleDocStarts);
    return plainEnd;
  }

  private boolean holdsBrace(int from, int to) {
    for (int k = from; k < to; k++) {
      if (text.charAt(k) == '{') {
        return true;
      }
    }
    return false;
  }

  /** End of a plain string at {@code quote} ({@code strLitFnAux}), or -1 after recording why it has none. */
  private int plainStringEnd(int quote) {
    int n = text.length();
    int i = quote + 1;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        return i + 1;
      }
      if (c == '\\') {
        int end = escapeEnd(i + 1, true, false);
        if (end < 0) {
          errors.add(new LexicalError(i, "invalid escape sequence in a string"));
          return -1;
        }
        i = end;
      } else {
        i++;
      }
    }
    errors.add(new LexicalError(quote, "unterminated string literal"));
    return -1;
  }

  /** {@code interpolatedStrFn}: literal chunks with <code>&#92;&#123;</code> escapes, code in braces; returns its end. */
  private int interpolatedString(int quote) {
    int n = text.length();
    int chunk = quote;
    int i = quote + 1;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        literal(chunk, 1, i + 1, 1);
        return i + 1;
      }
      if (c == '\\') {
        int end = escapeEnd(i + 1, true, true);
        if (end < 0) {
          errors.add(new LexicalError(i, "invalid escape sequence in a string"));
          literal(chunk, 1, n, 0);
          return n;
        }
        i = end;
      } else if (c == '{') {
        literal(chunk, 1, i + 1, 1);
        int close = code(i + 1, true);
        if (close >= n) {
          return n;
        }
        chunk = close;
        i = close + 1;
      } else {
        i++;
      }
    }
    errors.add(new LexicalError(quote, "unterminated string literal"));
    literal(chunk, 1, n, 0);
    return n;
  }

  /** End of a char literal such as {@code 'a'}, {@code '\n'}, {@code '\x41'} at {@code quote}, or {@code quote} if none. */
  private int charLiteralEnd(int quote) {
    int n = text.length();
    int i = quote + 1;
    if (i >= n) {
      return quote;
    }
    int cp = text.codePointAt(i);
    if (cp == '\\') {
      i = escapeEnd(i + 1, false, false);
      if (i < 0) {
        return quote;
      }
    } else {
      i += Character.charCount(cp);
    }
    return i < n && text.charAt(i) == '\'' ? i + 1 : quote;
  }

  /**
   * End of the escape whose letter is at {@code at} ({@code quotedCharCoreFn}), or -1 when Lean rejects it:
   * <code>&#92;u</code> takes exactly four hex digits, and a string gap needs exactly one line break.
   */
  private int escapeEnd(int at, boolean inString, boolean interpolated) {
    int n = text.length();
    if (at >= n) {
      return -1;
    }
    char e = text.charAt(at);
    switch (e) {
      case '\\':
      case '"':
      case '\'':
      case 'n':
      case 't':
      case 'r':
        return at + 1;
      case 'x':
        return hexRunEnd(at + 1, 2);
      case 'u':
        return hexRunEnd(at + 1, 4);
      case '{':
        return interpolated ? at + 1 : -1;
      case '\n':
        return inString ? gapEnd(at) : -1;
      default:
        return -1;
    }
  }

  /** {@code stringGapFn}: whitespace holding exactly one line break. */
  private int gapEnd(int newline) {
    int i = newline + 1;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      if (text.charAt(i) == '\n') {
        return -1;
      }
      i++;
    }
    return i;
  }

  private int hexRunEnd(int from, int count) {
    for (int k = 0; k < count; k++) {
      if (from + k >= text.length() || !LeanChars.isHexDigit(text.charAt(from + k))) {
        return -1;
      }
    }
    return from + count;
  }

  /** A numeric literal ({@code 42}, {@code 0x1F}, {@code 1_000}, {@code 2.5e3}); what follows starts a new token. */
  private int numberEnd(int start) {
    int n = text.length();
    int i = start;
    if (text.charAt(i) == '0' && i + 1 < n && "xXbBoO".indexOf(text.charAt(i + 1)) >= 0) {
      i += 2;
      while (i < n && (LeanChars.isHexDigit(text.charAt(i)) || text.charAt(i) == '_')) {
        i++;
      }
      return i;
    }
    while (i < n && (LeanChars.isAsciiDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return i;
  }

  /** Offset of the opening quote of a raw string {@code r"…"} / {@code r#"…"#} starting at {@code r}, or -1. */
  private int rawStringQuote(int r) {
    int i = r + 1;
    while (i < text.length() && text.charAt(i) == '#') {
      i++;
    }
    return i < text.length() && text.charAt(i) == '"' ? i : -1;
  }

  private int rawString(int r) {
    int quote = rawStringQuote(r);
    int hashes = quote - r - 1;
    int i = quote + 1;
    while (true) {
      int close = text.indexOf('"', i);
      if (close < 0) {
        errors.add(new LexicalError(r, "unterminated raw string literal"));
        return literal(r, quote + 1 - r, text.length(), 0);
      }
      int k = close + 1;
      while (k < text.length() && k - close - 1 < hashes && text.charAt(k) == '#') {
        k++;
      }
      if (k - close - 1 == hashes) {
        return literal(r, quote + 1 - r, k, hashes + 1);
      }
      i = close + 1;
    }
  }

  private static int[] toArray(List<Integer> offsets) {
    int[] a = offsets.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(a);
    return a;
  }
}
