package dev.leanprove.orchestrator.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * Lean source with its comments (and, for code searches, literal contents) blanked to spaces.
 *
 * <p>Offsets and newlines are kept, so a match in the mask is a match at the same index of the
 * source. Block comments nest, as in Lean.
 */
final class SourceMask {

  /** What a blanked span was. */
  enum Kind {
    LINE_COMMENT,
    BLOCK_COMMENT,
    DOC_COMMENT,
    LITERAL
  }

  /** A comment or literal, {@code end} exclusive. */
  record Span(int start, int end, Kind kind) {}

  private SourceMask() {}

  /** Comments blanked and string/char literal contents blanked: only code is left to search. */
  static String codeOnly(String source) {
    return blank(source, spans(source), true);
  }

  /** Comments blanked, literals kept: what a statement comparison should look at. */
  static String withoutComments(String source) {
    return blank(source, spans(source), false);
  }

  /** The comments and literals of {@code source}, in order. */
  static List<Span> spans(String source) {
    List<Span> spans = new ArrayList<>();
    int n = source.length();
    int i = 0;
    while (i < n) {
      char c = source.charAt(i);
      if (c == '-' && i + 1 < n && source.charAt(i + 1) == '-') {
        int end = source.indexOf('\n', i);
        end = end < 0 ? n : end;
        spans.add(new Span(i, end, Kind.LINE_COMMENT));
        i = end;
      } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '-') {
        int end = blockCommentEnd(source, i);
        boolean doc = i + 2 < n && source.charAt(i + 2) == '-' && !source.startsWith("/--/", i);
        spans.add(new Span(i, end, doc ? Kind.DOC_COMMENT : Kind.BLOCK_COMMENT));
        i = end;
      } else if (c == '"') {
        int end = stringEnd(source, i);
        spans.add(new Span(i, end, Kind.LITERAL));
        i = end;
      } else if (c == '\'' && charLiteralEnd(source, i) > 0) {
        int end = charLiteralEnd(source, i);
        spans.add(new Span(i, end, Kind.LITERAL));
        i = end;
      } else {
        i++;
      }
    }
    return spans;
  }

  private static String blank(String source, List<Span> spans, boolean literalsToo) {
    StringBuilder out = new StringBuilder(source);
    for (Span span : spans) {
      if (span.kind() == Kind.LITERAL) {
        if (literalsToo) {
          // Keep the quotes so the literal still separates the words around it.
          char quote = source.charAt(span.start());
          boolean closed = span.end() - span.start() >= 2 && source.charAt(span.end() - 1) == quote;
          blankRange(out, span.start() + 1, closed ? span.end() - 1 : span.end());
        }
      } else {
        blankRange(out, span.start(), span.end());
      }
    }
    return out.toString();
  }

  private static void blankRange(StringBuilder out, int start, int end) {
    for (int k = start; k < end; k++) {
      if (out.charAt(k) != '\n') {
        out.setCharAt(k, ' ');
      }
    }
  }

  private static int blockCommentEnd(String s, int start) {
    int depth = 1;
    int j = start + 2;
    while (j < s.length()) {
      if (s.startsWith("/-", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("-/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static int stringEnd(String s, int start) {
    int j = start + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '\\') {
        j += 2;
      } else if (c == '"') {
        return j + 1;
      } else {
        j++;
      }
    }
    return s.length();
  }

  /** End of a char literal starting at {@code start}, or -1 when the quote is part of a name like {@code h₁'}. */
  private static int charLiteralEnd(String s, int start) {
    if (start > 0 && LeanWords.isIdentChar(s.codePointBefore(start))) {
      return -1;
    }
    int j = start + 1;
    if (j >= s.length() || s.charAt(j) == '\n') {
      return -1;
    }
    if (s.charAt(j) == '\\') {
      int close = s.indexOf('\'', j + 2);
      return close > 0 && close - j <= 10 && s.substring(j, close).indexOf('\n') < 0 ? close + 1 : -1;
    }
    int after = j + Character.charCount(s.codePointAt(j));
    return after < s.length() && s.charAt(after) == '\'' ? after + 1 : -1;
  }
}
