package dev.leanprove.leanbridge.message;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * One line of {@code lean --json} output: Lean's {@code SerialMessage} as compact JSON
 * (fileName, pos, endPos, keepFullRange, severity, isSilent, caption, data, kind).
 */
final class JsonMessageLine {

  /** Lean's name for "no tag"; stored as "" so plain and JSON parses of one message agree. */
  static final String ANONYMOUS_KIND = "[anonymous]";

  // Trailing tokens would mean two values or garbage on one line: not one message.
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonMessageLine() {}

  /** What the line says, if it is a message object Lean would print. */
  static Optional<Reading> read(String line) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JacksonException notJson) {
      return Optional.empty();
    }
    if (node == null || !node.isObject()) {
      return Optional.empty();
    }
    return toMessage(node).map(message -> new Reading(message, node.path("isSilent").asBoolean(false)));
  }

  /**
   * A message read from one line.
   *
   * @param silent whether Lean marked it for the language server only
   */
  record Reading(LeanMessage message, boolean silent) {}

  private static Optional<LeanMessage> toMessage(JsonNode node) {
    JsonNode severity = node.get("severity");
    JsonNode data = node.get("data");
    if (severity == null || !severity.isTextual() || data == null || !data.isTextual()) {
      return Optional.empty();
    }
    Severity parsedSeverity;
    try {
      parsedSeverity = Severity.parse(severity.textValue());
    } catch (IllegalArgumentException unknownSeverity) {
      return Optional.empty();
    }
    Optional<Optional<Position>> pos = position(node.get("pos"));
    Optional<Optional<Position>> endPos = position(node.get("endPos"));
    Optional<String> fileName = optionalText(node.get("fileName"));
    Optional<String> kind = optionalText(node.get("kind"));
    Optional<String> caption = optionalText(node.get("caption"));
    if (pos.isEmpty() || endPos.isEmpty() || fileName.isEmpty() || kind.isEmpty()
        || caption.isEmpty()) {
      return Optional.empty();
    }
    // Plain output prints a caption on its own line before the text (SerialMessage.toString).
    String text = caption.get().isEmpty()
        ? data.textValue()
        : caption.get() + ":\n" + data.textValue();
    String tag = ANONYMOUS_KIND.equals(kind.get()) ? "" : kind.get();
    return Optional.of(new LeanMessage(fileName.get(), pos.get().orElse(null),
        endPos.get().orElse(null), parsedSeverity, tag, text));
  }

  /** Outer empty: malformed; inner empty: absent or null, which Lean allows for endPos. */
  private static Optional<Optional<Position>> position(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.of(Optional.empty());
    }
    JsonNode line = node.get("line");
    JsonNode column = node.get("column");
    if (line == null || column == null || !line.isInt() || !column.isInt()
        || line.intValue() < 0 || column.intValue() < 0) {
      return Optional.empty();
    }
    return Optional.of(Optional.of(new Position(line.intValue(), column.intValue())));
  }

  /** The text, "" when absent or null, or empty when present but not a string. */
  private static Optional<String> optionalText(JsonNode node) {
    if (node == null || node.isNull()) {
      return Optional.of("");
    }
    return node.isTextual() ? Optional.of(node.textValue()) : Optional.empty();
  }
}
