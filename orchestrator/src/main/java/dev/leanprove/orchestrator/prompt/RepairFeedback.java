package dev.leanprove.orchestrator.prompt;

import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Lean's errors on a failed proof, laid out for the model the way Goedel-Prover-V2 trains its
 * self-correction rounds ({@code get_error_str} in its {@code src/utils.py}): at most
 * {@value #MAX_ERRORS} errors, each with the four lines before it, the erroneous span wrapped
 * in {@code <error></error>}, one line after, and Lean's message.
 */
public final class RepairFeedback {

  /** Errors shown; the rest are counted in one closing line. */
  public static final int MAX_ERRORS = 8;

  private static final int LINES_BEFORE = 4;
  /** A span over more lines than this shows its first lines, a truncation mark and its last line. */
  private static final int SPAN_LINES_SHOWN = 6;

  private final String text;
  private final int totalErrors;

  private RepairFeedback(String text, int totalErrors) {
    this.text = text;
    this.totalErrors = totalErrors;
  }

  /**
   * Renders {@code errors} against the text Lean checked (header included, so that Lean's line
   * numbers apply). Positions outside the text are clamped to it.
   */
  public static RepairFeedback of(String checkedText, List<LeanError> errors) {
    Objects.requireNonNull(checkedText, "checkedText");
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("repair feedback needs at least one error");
    }
    String[] lines = checkedText.replace("\r\n", "\n").split("\n", -1);
    StringBuilder out = new StringBuilder();
    int shown = Math.min(errors.size(), MAX_ERRORS);
    for (int i = 0; i < shown; i++) {
      appendError(out, i + 1, lines, errors.get(i));
    }
    if (errors.size() > MAX_ERRORS) {
      out.append("\n... [Omitted ").append(errors.size() - MAX_ERRORS).append(" more errors] ...\n");
    }
    return new RepairFeedback(out.toString(), errors.size());
  }

  /** The feedback as Goedel-Prover-V2 words it, to go into the {@code repair} template's {@code errors} slot. */
  public String text() {
    return text;
  }

  /** The same feedback as Lean {@code --} comments, one per non-blank line, for raw-completion prompts. */
  public String asLeanComments() {
    StringJoiner out = new StringJoiner("\n");
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        out.add("-- " + line);
      }
    }
    return out.toString();
  }

  /** How many errors Lean reported, including those left out. */
  public int totalErrors() {
    return totalErrors;
  }

  private static void appendError(StringBuilder out, int number, String[] lines, LeanError error) {
    int startLine = clamp(error.line() - 1, lines.length);
    int startCol = error.column();
    int endLine;
    int endCol;
    if (error.hasEnd()) {
      endLine = clamp(error.endLine() - 1, lines.length);
      endCol = error.endColumn();
    } else {
      endLine = startLine;
      endCol = lines[startLine].codePointCount(0, lines[startLine].length());
    }
    out.append("\nError ").append(number).append(":\n");
    out.append("\nCorresponding Code:\n```lean4\n");
    for (int k = Math.max(0, startLine - LINES_BEFORE); k < startLine; k++) {
      out.append(lines[k]).append('\n');
    }
    if (startLine != endLine) {
      String first = lines[startLine];
      out.append(head(first, startCol)).append("<error>").append(tail(first, startCol)).append('\n');
      int lastShown = Math.min(endLine, startLine + SPAN_LINES_SHOWN);
      for (int j = startLine + 1; j < lastShown; j++) {
        out.append(lines[j]).append('\n');
      }
      if (endLine > startLine + SPAN_LINES_SHOWN) {
        String lastMiddle = lines[lastShown - 1];
        int indent = lastMiddle.length() - lastMiddle.replaceFirst("^ +", "").length();
        out.append('\n').append(" ".repeat(indent)).append("... --[Truncated]-- ...\n");
      }
      String last = lines[endLine];
      out.append(head(last, endCol)).append("</error>").append(tail(last, endCol)).append('\n');
    } else {
      String line = lines[startLine];
      int end = Math.max(startCol, endCol);
      out.append(head(line, startCol))
          .append("<error>")
          .append(tail(head(line, end), startCol))
          .append("</error>")
          .append(tail(line, end))
          .append('\n');
    }
    if (endLine + 1 < lines.length) {
      out.append(lines[endLine + 1]).append('\n');
    }
    out.append("\n```\n");
    out.append("\nError Message: ").append(error.message()).append('\n');
  }

  private static int clamp(int index, int size) {
    return Math.max(0, Math.min(index, size - 1));
  }

  /** The first {@code codePoints} code points of {@code line} (Lean columns count code points, Java strings count UTF-16 units). */
  private static String head(String line, int codePoints) {
    return line.substring(0, charIndex(line, codePoints));
  }

  private static String tail(String line, int codePoints) {
    return line.substring(charIndex(line, codePoints));
  }

  private static int charIndex(String line, int codePoints) {
    int available = line.codePointCount(0, line.length());
    return line.offsetByCodePoints(0, Math.min(codePoints, available));
  }
}
