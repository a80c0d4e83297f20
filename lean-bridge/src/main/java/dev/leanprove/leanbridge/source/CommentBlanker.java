package dev.leanprove.leanbridge.source;

import java.util.Arrays;
import java.util.BitSet;

/**
 * One linear pass over Lean text that replaces comments and string/char literals by spaces, keeping
 * line breaks, so that every later search sees only code and every offset still lines up.
 *
 * <p>It follows Lean's lexer where that matters for finding code: block comments nest, doc comments
 * end at the first {@code -/} that closes them, strings take backslash escapes and may span lines, raw
 * strings {@code r#"…"#} take none, and identifiers are skipped whole so that {@code h'} or
 * {@code «a -- b»} never open a literal or comment. Unterminated comments and strings run to the end
 * of the text, as they do in Lean.
 */
final class CommentBlanker {

  private final String text;
  private final char[] out;
  private final BitSet comments = new BitSet();
  private final BitSet literalContents = new BitSet();
  private final IdentifierReader identifiers;
  private int[] docStarts = new int[8];
  private int docCount;
  private int[] moduleDocStarts = new int[2];
  private int moduleDocCount;

  private CommentBlanker(String text) {
    this.text = text;
    this.out = text.toCharArray();
    this.identifiers = new IdentifierReader(text);
  }

  static BlankedText blank(String text) {
    return new CommentBlanker(text).run();
  }

  private BlankedText run() {
    int n = text.length();
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (c == '-' && next == '-') {
        i = blankComment(i, lineEnd(i));
      } else if (c == '/' && next == '-') {
        i = blankComment(i, blockCommentEnd(i));
      } else if (c == '"') {
        int close = closingQuote(i + 1);
        i = blankLiteral(i, 1, close < 0 ? n : close + 1, close < 0 ? 0 : 1);
      } else if (c == '\'' && !followsIdentifier(i)) {
        int end = charLiteralEnd(i);
        i = end > i ? blankLiteral(i, 1, end, 1) : i + 1;
      } else if (c == 'r' && !followsIdentifier(i) && rawStringQuote(i) > 0) {
        i = blankRawString(i);
      } else {
        int end = identifiers.end(i);
        i = end > i ? end : i + 1;
      }
    }
    return new BlankedText(
        text, new String(out), comments, literalContents,
        Arrays.copyOf(docStarts, docCount), Arrays.copyOf(moduleDocStarts, moduleDocCount));
  }

  private int blankComment(int from, int to) {
    comments.set(from, to);
    return blankTo(from, to);
  }

  /** Blanks the literal [{@code from}, {@code to}), noting which of it lies inside its delimiters. */
  private int blankLiteral(int from, int openLength, int to, int closeLength) {
    literalContents.set(from + openLength, to - closeLength);
    return blankTo(from, to);
  }

  private int blankTo(int from, int to) {
    BlankedText.blank(out, from, to);
    return to;
  }

  private int lineEnd(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private int blockCommentEnd(int open) {
    int n = text.length();
    int i = open + 2;
    char kind = i < n ? text.charAt(i) : 0;
    if (kind == '-') {
      docStarts = add(docStarts, docCount++, open);
      i++;
    } else if (kind == '!') {
      moduleDocStarts = add(moduleDocStarts, moduleDocCount++, open);
      i++;
    }
    int depth = 1;
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : 0;
      if (c == '-' && next == '/') {
        i += 2;
        if (--depth == 0) {
          return i;
        }
      } else if (c == '/' && next == '-') {
        depth++;
        i += 2;
      } else {
        i++;
      }
    }
    return n;
  }

  /** Offset of the quote that closes a string whose contents start at {@code from}, or -1 when it runs to the end. */
  private int closingQuote(int from) {
    int n = text.length();
    int i = from;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i;
      } else {
        i++;
      }
    }
    return -1;
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
      i = escapeEnd(i + 1);
      if (i < 0) {
        return quote;
      }
    } else if (cp == '\'' || cp == '\n' || cp == '\r') {
      return quote;
    } else {
      i += Character.charCount(cp);
    }
    return i < n && text.charAt(i) == '\'' ? i + 1 : quote;
  }

  /** End of the escape whose letter is at {@code at}, or -1 when it is not a valid escape. */
  private int escapeEnd(int at) {
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
        return hexRunEnd(at + 1, 2, 2);
      case 'u':
        if (at + 1 < n && text.charAt(at + 1) == '{') {
          int end = hexRunEnd(at + 2, 1, 8);
          return end > 0 && end < n && text.charAt(end) == '}' ? end + 1 : -1;
        }
        return hexRunEnd(at + 1, 4, 4);
      default:
        return -1;
    }
  }

  private int hexRunEnd(int from, int min, int max) {
    int i = from;
    while (i < text.length() && i - from < max && LeanChars.isHexDigit(text.charAt(i))) {
      i++;
    }
    return i - from >= min ? i : -1;
  }

  /** Offset of the opening quote of a raw string {@code r"…"} / {@code r#"…"#} starting at {@code r}, or -1. */
  private int rawStringQuote(int r) {
    int i = r + 1;
    while (i < text.length() && text.charAt(i) == '#') {
      i++;
    }
    return i < text.length() && text.charAt(i) == '"' ? i : -1;
  }

  private int blankRawString(int r) {
    int quote = rawStringQuote(r);
    int hashes = quote - r - 1;
    int i = quote + 1;
    while (true) {
      int close = text.indexOf('"', i);
      if (close < 0) {
        return blankLiteral(r, quote + 1 - r, text.length(), 0);
      }
      int k = close + 1;
      while (k < text.length() && k - close - 1 < hashes && text.charAt(k) == '#') {
        k++;
      }
      if (k - close - 1 == hashes) {
        return blankLiteral(r, quote + 1 - r, k, hashes + 1);
      }
      i = close + 1;
    }
  }

  private boolean followsIdentifier(int i) {
    if (i == 0) {
      return false;
    }
    int prev = text.codePointBefore(i);
    return LeanChars.isIdRest(prev) || prev == '»';
  }

  private static int[] add(int[] array, int index, int value) {
    int[] a = index < array.length ? array : Arrays.copyOf(array, array.length * 2);
    a[index] = value;
    return a;
  }
}
