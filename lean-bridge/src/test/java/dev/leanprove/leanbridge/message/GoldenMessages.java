package dev.leanprove.leanbridge.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Golden files for parsed transcripts (kimina's tests/match): {@code transcripts/CASE.expected.json}
 * on the test class path holds the messages, with their category, that a case must parse into.
 */
final class GoldenMessages {

  private GoldenMessages() {}

  static JsonNode expected(String caseName) {
    String resource = "/transcripts/" + caseName + ".expected.json";
    try (InputStream in = GoldenMessages.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing golden file " + resource);
      }
      return LeanOutputFormat.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ObjectNode actual(ParsedOutput parsed) {
    ObjectNode root = LeanOutputFormat.JSON.createObjectNode();
    ArrayNode messages = root.putArray("messages");
    for (LeanMessage m : parsed.messages()) {
      ObjectNode node = messages.addObject();
      node.put("fileName", m.fileName());
      node.put("pos", m.pos() == null ? null : m.pos().toString());
      node.put("endPos", m.endPos() == null ? null : m.endPos().toString());
      node.put("severity", m.severity().jsonName());
      node.put("kind", m.kind());
      node.put("category", ErrorCategory.of(m).name());
      node.put("data", m.data());
    }
    ArrayNode unparsed = root.putArray("unparsedLines");
    parsed.unparsedLines().forEach(unparsed::add);
    return root;
  }
}
