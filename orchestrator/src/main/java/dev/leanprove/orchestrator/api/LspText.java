package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.source.LeanText;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;

/**
 * Positions as editors speak them (the Language Server Protocol's default encoding): 0-based
 * line, 0-based {@code character} counted in UTF-16 code units, which is also how Java indexes a
 * String. Lean counts columns in code points from a 1-based line; the two differ on any line with
 * a character outside the BMP, so every conversion goes through a UTF-16 offset.
 */
final class LspText {

  private final String text;
  private final int[] lineStarts;

  private LspText(String text, int[] lineStarts) {
    this.text = text;
    this.lineStarts = lineStarts;
  }

  static LspText of(String text) {
    int[] starts = new int[16];
    int count = 0;
    starts[count++] = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count == starts.length) {
        starts = Arrays.copyOf(starts, count * 2);
      }
      starts[count++] = i + 1;
    }
    return new LspText(text, Arrays.copyOf(starts, count));
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** The length of the line's content, without its {@code \n} or {@code \r\n}. */
  int lineLength(int line) {
    int start = lineStarts[line];
    int end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    return end - start;
  }

  /**
   * The offset of an editor position; a position outside the text is the caller's mistake.
   *
   * @throws ApiException 400 naming the line or column that does not exist
   */
  int offsetOf(int line, int character) {
    if (line < 0 || character < 0) {
      throw ApiException.badRequest("line and column must not be negative: " + line + ":" + character);
    }
    if (line >= lineStarts.length) {
      throw ApiException.badRequest("line " + line + " is past the end of the file, which has lines 0.."
          + (lineStarts.length - 1) + " (lines count from 0)");
    }
    int length = lineLength(line);
    if (character > length) {
      throw ApiException.badRequest("column " + character + " is past the end of line " + line + ", which has "
          + length + " UTF-16 code units (columns count from 0)");
    }
    return lineStarts[line] + character;
  }

  /** {@code {"line", "character"}} of an offset (clamped to the text). */
  JsonObject position(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    int found = Arrays.binarySearch(lineStarts, o);
    int line = found >= 0 ? found : -found - 2;
    return new JsonObject().put("line", line).put("character", o - lineStarts[line]);
  }

  /** {@code {"start", "end"}} of an offset range. */
  JsonObject range(int start, int end) {
    return new JsonObject().put("start", position(start)).put("end", position(end));
  }

  /** The range of a Lean message; a missing end is the start, so editors mark the place itself. */
  JsonObject range(Position leanStart, Position leanEnd) {
    int start = LeanText.offsetOf(text, leanStart);
    int end = leanEnd == null ? start : Math.max(start, LeanText.offsetOf(text, leanEnd));
    return range(start, end);
  }
}
