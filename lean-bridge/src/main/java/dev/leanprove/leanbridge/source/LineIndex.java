package dev.leanprove.leanbridge.source;

import dev.leanprove.leanbridge.message.Position;
import java.util.Arrays;

/**
 * Converts between UTF-16 offsets and Lean positions (1-based line, 0-based column in code points).
 *
 * <p>Only {@code \n} ends a line, as in Lean's {@code FileMap}; a {@code \r} before it is an ordinary
 * character at the end of the line. Out-of-range arguments are clamped, never rejected, because
 * positions come from Lean output that may describe a different version of the text.
 */
public final class LineIndex {

  private final String text;
  private final int[] lineStarts;

  private LineIndex(String text, int[] lineStarts) {
    this.text = text;
    this.lineStarts = lineStarts;
  }

  public static LineIndex of(String text) {
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i + 1;
    }
    return new LineIndex(text, Arrays.copyOf(starts, count));
  }

  /** How many lines the text has (a text ending in a newline has an empty last line). */
  public int lineCount() {
    return lineStarts.length;
  }

  /** The offset where a line starts; {@code line} is 1-based and must exist. */
  public int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** The offset where a line's content ends, before its {@code \n}; {@code line} is 1-based and must exist. */
  public int lineEnd(int line) {
    return line < lineStarts.length ? lineStarts[line] - 1 : text.length();
  }

  /** 1-based line of the clamped offset. */
  public int lineOf(int offset) {
    int o = clamp(offset);
    int found = Arrays.binarySearch(lineStarts, o);
    return found >= 0 ? found + 1 : -found - 1;
  }

  public Position positionAt(int offset) {
    int o = clamp(offset);
    int line = lineOf(o);
    int lineStart = lineStarts[line - 1];
    return new Position(line, text.codePointCount(lineStart, o));
  }

  public int offsetOf(Position p) {
    int line = Math.max(1, p.line());
    if (line > lineStarts.length) {
      return text.length();
    }
    int lineStart = lineStarts[line - 1];
    int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    int offset = lineStart;
    for (int col = 0; col < p.column() && offset < lineEnd; col++) {
      offset += Character.charCount(text.codePointAt(offset));
    }
    return Math.min(offset, lineEnd);
  }

  private int clamp(int offset) {
    return Math.max(0, Math.min(offset, text.length()));
  }
}
