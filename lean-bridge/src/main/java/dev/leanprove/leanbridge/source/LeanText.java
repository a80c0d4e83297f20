package dev.leanprove.leanbridge.source;

import dev.leanprove.leanbridge.message.Position;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Lexical helpers over raw Lean text. None of them throws on odd input: unterminated comments and
 * strings, lone surrogates and NUL characters are all just text.
 */
public final class LeanText {

  private LeanText() {}

  /**
   * The text with every comment ({@code --}, nested {@code /- -/}, doc {@code /-- -/}, module doc
   * {@code /-! -/}) and every string or char literal replaced by spaces. Line breaks stay, and the
   * result has the same length, so offsets into it are offsets into {@code text}. Columns are not:
   * a blanked {@code 𝕜} becomes two spaces, so compute positions on the original text.
   */
  public static String blankCommentsAndStrings(String text) {
    Objects.requireNonNull(text, "text");
    return LeanLexer.lex(text).text();
  }

  /**
   * The text with every comment blanked as {@link #blankCommentsAndStrings} does, but string and char
   * literals left as written: for comparing statements, where a literal's contents count.
   */
  public static String blankComments(String text) {
    Objects.requireNonNull(text, "text");
    return LeanLexer.lex(text).withoutComments();
  }

  /**
   * As {@link #blankCommentsAndStrings}, but a literal keeps its delimiters: {@code "a -- b"} becomes
   * {@code "      "} with both quotes, {@code 'x'} becomes {@code ' '}. So a line that holds only a
   * literal still shows code, and a literal still separates the words around it. An unterminated
   * literal keeps only its opening delimiter.
   */
  public static String blankCommentsAndStringContents(String text) {
    Objects.requireNonNull(text, "text");
    return LeanLexer.lex(text).withoutCommentsAndLiteralContents();
  }

  /**
   * Offsets where {@code token} occurs as a whole token in {@code blanked} (a text from
   * {@link #blankCommentsAndStrings}), in order.
   *
   * <p>A token that starts like an identifier ({@code sorry}, {@code apply?}, {@code native_decide},
   * {@code Lean.ofReduceBool}) matches only a whole Lean identifier spelled exactly so, since that is
   * how Lean's lexer reads it. Hence {@code sorry} does not match {@code sorryAx}, {@code h_sorry},
   * {@code sorry'}, {@code «sorry»} (an escaped identifier, not the keyword), nor the dotted names
   * {@code Foo.sorry} and {@code sorry.elim}. Any other token ({@code #exit}, {@code :=}) matches
   * anywhere outside identifiers, whatever follows it: Lean's {@code tokenFnAux} takes the longest symbol
   * of its token table that prefixes the text, so {@code #exit_foo} is {@code #exit} then {@code _foo}, and
   * {@code #evalIO.println} is {@code #eval} then {@code IO.println}. A token is one identifier or one
   * symbol: a phrase such as {@code set_option debug} or an empty token matches nothing.
   */
  public static List<Integer> findToken(String blanked, String token) {
    Objects.requireNonNull(blanked, "blanked");
    Objects.requireNonNull(token, "token");
    List<Integer> found = new ArrayList<>();
    if (token.isEmpty()) {
      return found;
    }
    int first = token.codePointAt(0);
    boolean identifierToken = LeanChars.isIdFirst(first) || first == '«';
    IdentifierReader identifiers = new IdentifierReader(blanked);
    int n = blanked.length();
    int i = 0;
    while (i < n) {
      int idEnd = identifiers.end(i);
      if (idEnd > i) {
        if (identifierToken && idEnd - i == token.length() && blanked.startsWith(token, i)) {
          found.add(i);
        }
        i = idEnd;
        continue;
      }
      int cp = blanked.codePointAt(i);
      if (LeanChars.isAsciiDigit(cp)) {
        i = numberEnd(blanked, i);
        continue;
      }
      if (!identifierToken && blanked.startsWith(token, i)) {
        found.add(i);
        i += token.length();
        continue;
      }
      i += Character.charCount(cp);
    }
    return found;
  }

  /**
   * The tokens of {@code text} as Lean's lexer reads them, comments and layout left out: each identifier,
   * number and string or char literal whole, any other character alone. So {@code (2 : ℕ)} and {@code (2:ℕ)},
   * {@code x+1} and {@code x + 1} give the same list, while {@code a b} and {@code ab} do not.
   */
  public static List<String> tokens(String text) {
    Objects.requireNonNull(text, "text");
    return LeanLexer.lex(text).tokens();
  }

  /**
   * Where Lean's lexer fails in {@code text} (an unterminated comment, string or {@code «} name, an invalid
   * escape, a string whose interpolation is ambiguous), in text order; empty when Lean reads it to the end.
   * Lean resumes right after such a place, so what looks like the inside of a literal may run as code.
   */
  public static List<LexicalError> lexicalErrors(String text) {
    Objects.requireNonNull(text, "text");
    return LeanLexer.lex(text).errors();
  }

  /**
   * The components of the Lean name that starts at the first non-blank character at or after {@code from} in
   * {@code blanked}, with {@code «»} removed: {@code «debug».skipKernelTC} gives {@code [debug, skipKernelTC]}.
   * Empty when no identifier starts there.
   */
  public static List<String> nameAt(String blanked, int from) {
    Objects.requireNonNull(blanked, "blanked");
    int at = Math.max(0, from);
    while (at < blanked.length() && LeanChars.isBlank(blanked.charAt(at))) {
      at++;
    }
    // Read part by part here rather than with an IdentifierReader, whose set-up costs a pass over the text.
    List<String> parts = new ArrayList<>();
    while (at < blanked.length()) {
      int partEnd;
      if (blanked.charAt(at) == '«') {
        int close = blanked.indexOf('»', at + 1);
        if (close < 0) {
          return List.of();
        }
        parts.add(blanked.substring(at + 1, close));
        partEnd = close + 1;
      } else {
        partEnd = IdentifierReader.plainPartEnd(blanked, at);
        if (partEnd == at) {
          return parts.isEmpty() ? parts : List.of();
        }
        parts.add(blanked.substring(at, partEnd));
      }
      boolean continues = partEnd + 1 < blanked.length() && blanked.charAt(partEnd) == '.'
          && (blanked.charAt(partEnd + 1) == '«' || IdentifierReader.plainPartEnd(blanked, partEnd + 1) > partEnd + 1);
      if (!continues) {
        break;
      }
      at = partEnd + 1;
    }
    return parts;
  }

  /**
   * The identifiers that a left-to-right reading of {@code blanked} meets, as {@code [start, end)} pairs in
   * one flat array: numbers are skipped whole, so the {@code e3} of {@code 2e3} is no identifier.
   */
  public static int[] identifierSpans(String blanked) {
    Objects.requireNonNull(blanked, "blanked");
    IdentifierReader identifiers = new IdentifierReader(blanked);
    int[] spans = new int[16];
    int count = 0;
    int i = 0;
    while (i < blanked.length()) {
      int end = identifiers.end(i);
      if (end > i) {
        if (count + 2 > spans.length) {
          spans = Arrays.copyOf(spans, spans.length * 2);
        }
        spans[count++] = i;
        spans[count++] = end;
        i = end;
      } else if (LeanChars.isAsciiDigit(blanked.charAt(i))) {
        i = numberEnd(blanked, i);
      } else {
        i++;
      }
    }
    return Arrays.copyOf(spans, count);
  }

  /** Lean's position of {@code offset} (clamped to the text): 1-based line, 0-based code-point column. */
  public static Position positionAt(String text, int offset) {
    Objects.requireNonNull(text, "text");
    return LineIndex.of(text).positionAt(offset);
  }

  /**
   * The offset of Lean position {@code p} in {@code text}. A line past the end gives the text's
   * length; a column past the end of its line gives the end of that line; line 0 (Lean's "no
   * position") is read as line 1.
   */
  public static int offsetOf(String text, Position p) {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(p, "p");
    return LineIndex.of(text).offsetOf(p);
  }

  /** Skips a numeric literal's digits ({@code 42}, {@code 0x1F}, {@code 1_000}) so a following letter starts a new token. */
  private static int numberEnd(String s, int start) {
    int i = start;
    if (s.charAt(i) == '0' && i + 1 < s.length() && "xXbBoO".indexOf(s.charAt(i + 1)) >= 0) {
      i += 2;
      while (i < s.length() && (LeanChars.isHexDigit(s.charAt(i)) || s.charAt(i) == '_')) {
        i++;
      }
      return i;
    }
    while (i < s.length() && (LeanChars.isAsciiDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i;
  }
}
