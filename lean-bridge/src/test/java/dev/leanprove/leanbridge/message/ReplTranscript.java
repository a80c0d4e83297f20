package dev.leanprove.leanbridge.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Message texts recorded in a REPL transcript (a stream of pretty-printed JSON values), used as
 * real wording for categories and goals; the REPL itself is parsed elsewhere.
 */
final class ReplTranscript {

  /** One entry of a response's {@code messages} array. */
  record Message(Severity severity, String data) {}

  private ReplTranscript() {}

  static List<Message> messages(String caseName) {
    List<Message> messages = new ArrayList<>();
    for (JsonNode response : responses(caseName)) {
      for (JsonNode m : response.path("messages")) {
        messages.add(new Message(Severity.parse(m.get("severity").asText()), m.get("data").asText()));
      }
    }
    return messages;
  }

  /** The {@code message} of the REPL's error objects ({@code {"message": "Lean error:\n..."}}). */
  static List<String> errorObjects(String caseName) {
    List<String> errors = new ArrayList<>();
    for (JsonNode response : responses(caseName)) {
      if (response.has("message")) {
        errors.add(response.get("message").asText());
      }
    }
    return errors;
  }

  private static List<JsonNode> responses(String caseName) {
    String text = Transcripts.read(caseName, "output.jsonl");
    try (MappingIterator<JsonNode> values = LeanOutputFormat.JSON.readerFor(JsonNode.class).readValues(text)) {
      return values.readAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
