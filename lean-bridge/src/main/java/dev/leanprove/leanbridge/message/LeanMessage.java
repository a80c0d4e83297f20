package dev.leanprove.leanbridge.message;

import java.util.Objects;
import java.util.Optional;

/**
 * One message Lean reported.
 *
 * @param fileName the file name as Lean printed it (may be empty for bare information lines)
 * @param pos where the message starts, absent for bare information lines of plain output
 * @param endPos where it ends (exclusive), absent when Lean did not print it
 * @param severity information, warning or error
 * @param kind Lean's message tag (e.g. {@code hasSorry}, {@code lean.unknownIdentifier._namedError}), or "" when unknown
 * @param data the message text, without the header
 */
public record LeanMessage(
    String fileName, Position pos, Position endPos, Severity severity, String kind, String data) {

  public LeanMessage {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(data, "data");
  }

  public Optional<Position> position() {
    return Optional.ofNullable(pos);
  }

  public Optional<Position> endPosition() {
    return Optional.ofNullable(endPos);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
