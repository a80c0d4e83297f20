package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import java.util.Objects;

/**
 * A Lean error to show a model, placed as Lean reports it: 1-based lines, 0-based columns
 * counted in Unicode code points, end exclusive.
 *
 * @param endLine the end line, or {@link #NO_END} when Lean printed no end position
 * @param endColumn the end column, or {@link #NO_END}
 */
public record LeanError(int line, int column, int endLine, int endColumn, String message) {

  /** Marks an absent end position. */
  public static final int NO_END = -1;

  public LeanError {
    Objects.requireNonNull(message, "message");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("position must not be negative: " + line + ":" + column);
    }
    boolean noEnd = endLine == NO_END && endColumn == NO_END;
    if (!noEnd && (endLine < line || endColumn < 0 || (endLine == line && endColumn < column))) {
      throw new IllegalArgumentException(
          "end " + endLine + ":" + endColumn + " is before start " + line + ":" + column);
    }
  }

  /** An error whose end Lean did not report; the feedback marks it to the end of its line. */
  public static LeanError at(int line, int column, String message) {
    return new LeanError(line, column, NO_END, NO_END, message);
  }

  /** The error of a parsed Lean message; it must have a position. */
  public static LeanError of(LeanMessage message) {
    Position start = message.position()
        .orElseThrow(() -> new IllegalArgumentException("message has no position: " + message.data()));
    return message.endPosition()
        .map(end -> new LeanError(start.line(), start.column(), end.line(), end.column(), message.data()))
        .orElseGet(() -> at(start.line(), start.column(), message.data()));
  }

  public boolean hasEnd() {
    return endLine != NO_END;
  }
}
