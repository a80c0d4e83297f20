package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.LeanText;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the proof text after a theorem's {@code :=} into tactic lines indented by two spaces,
 * so that it parses when spliced after the original statement ending {@code := by}.
 */
final class TacticBody {

  /** Column of the tactic block in a spliced proof. */
  static final int INDENT = 2;

  /** Extra indentation that keeps a continuation line inside the tactic above it. */
  private static final int CONTINUATION = 2;

  private TacticBody() {}

  /**
   * The body after {@code :=}: a tactic block when it starts with {@code by} (on the same line
   * or the next), otherwise a term, which becomes {@code exact} followed by the term. Empty
   * when no code follows.
   */
  static String afterAssign(String text, int afterAssign) {
    String masked = LeanText.blankCommentsAndStrings(text);
    int next = skipWhitespace(masked, afterAssign);
    if (LeanText.findToken(masked, "by").contains(next)) {
      return lines(text, next + 2, INDENT);
    }
    String term = lines(text, afterAssign, INDENT + CONTINUATION);
    return term.isEmpty() ? "" : " ".repeat(INDENT) + "exact\n" + term;
  }

  /** Re-indents the code from {@code from} (a mid-line position or a line start) so its first code line sits at {@code indent}. */
  static String lines(String text, int from, int indent) {
    int lineStart = text.lastIndexOf('\n', from - 1) + 1;
    // Text on the first line before `from` is replaced by spaces so columns stay as Lean saw them.
    String first = " ".repeat(codePoints(text, lineStart, from)) + lineAt(text, from);
    List<String> source = new ArrayList<>();
    source.add(first);
    int next = text.indexOf('\n', from);
    while (next >= 0) {
      source.add(lineAt(text, next + 1));
      next = text.indexOf('\n', next + 1);
    }
    return reindent(source, indent);
  }

  private static String reindent(List<String> source, int indent) {
    // Literals keep their quotes, so a line holding only a string is code, not a comment line.
    String maskedJoined = LeanText.blankCommentsAndStringContents(String.join("\n", source));
    String[] masked = maskedJoined.split("\n", -1);
    int firstColumn = -1;
    int continuationBase = Integer.MAX_VALUE;
    for (int k = 0; k < source.size(); k++) {
      if (masked[k].isBlank()) {
        continue;
      }
      int column = leadingSpaces(source.get(k));
      if (firstColumn < 0) {
        firstColumn = column;
      } else if (column < firstColumn) {
        continuationBase = Math.min(continuationBase, column);
      }
    }
    if (firstColumn < 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (int k = 0; k < source.size(); k++) {
      String line = source.get(k).stripTrailing();
      if (line.isBlank()) {
        out.add("");
        continue;
      }
      int column = leadingSpaces(line);
      int target;
      if (column >= firstColumn && !(k == 0 && masked[k].isBlank())) {
        target = column - firstColumn + indent;
      } else if (!masked[k].isBlank()) {
        // Less indented than the first tactic yet code: it continues a tactic (inside brackets).
        target = indent + CONTINUATION + column - continuationBase;
      } else if (k == 0) {
        // A comment right after `by` on the statement's line: keep it, at the block's column.
        target = indent;
      } else {
        target = Math.max(0, column - firstColumn + indent);
      }
      out.add(" ".repeat(target) + line.substring(column));
    }
    int begin = 0;
    while (out.get(begin).isEmpty()) {
      begin++;
    }
    int end = out.size();
    while (out.get(end - 1).isEmpty()) {
      end--;
    }
    return String.join("\n", out.subList(begin, end));
  }

  private static String lineAt(String text, int from) {
    int end = text.indexOf('\n', from);
    return end < 0 ? text.substring(from) : text.substring(from, end);
  }

  private static int leadingSpaces(String line) {
    int n = 0;
    while (n < line.length() && line.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  private static int codePoints(String text, int start, int end) {
    return text.codePointCount(start, end);
  }

  private static int skipWhitespace(String masked, int from) {
    int i = from;
    while (i < masked.length() && Character.isWhitespace(masked.charAt(i))) {
      i++;
    }
    return i;
  }
}
