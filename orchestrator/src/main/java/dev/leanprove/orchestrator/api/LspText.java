package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.source.LineIndex;
import io.vertx.core.json.JsonObject;

/**
 * Positions as editors speak them (the Language Server Protocol's default encoding): 0-based
 * line, 0-based {@code character} counted in UTF-16 code units, which is also how Java indexes a
 * String. Lean counts columns in code points from a 1-based line; the two differ on any line with
 * a character outside the BMP, so every conversion goes through a UTF-16 offset.
 */
final class LspText {

  private final String text;
  private final LineIndex lines;

  private LspText(String text) {
    this.text = text;
    this.lines = LineIndex.of(text);
  }

  static LspText of(String text) {
    return new LspText(text);
  }

  int lineCount() {
    return lines.lineCount();
  }

  /** The length of the line's content (0-based line), without its {@code \n} or {@code \r\n}. */
  int lineLength(int line) {
    int start = lines.lineStart(line + 1);
    int end = lines.lineEnd(line + 1);
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
    if (line >= lines.lineCount()) {
      throw ApiException.badRequest("line " + line + " is past the end of the file, which has lines 0.."
          + (lines.lineCount() - 1) + " (lines count from 0)");
    }
    int length = lineLength(line);
    if (character > length) {
      throw ApiException.badRequest("column " + character + " is past the end of line " + line + ", which has "
          + length + " UTF-16 code units (columns count from 0)");
    }
    return lines.lineStart(line + 1) + character;
  }

  /** {@code {"line", "character"}} of an offset (clamped to the text). */
  JsonObject position(int offset) {
    int o = Math.max(0, Math.min(offset, text.length()));
    int line = lines.lineOf(o);
    return new JsonObject().put("line", line - 1).put("character", o - lines.lineStart(line));
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
