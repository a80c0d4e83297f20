package dev.leanprove.leanbridge.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Writes messages the way Lean prints them (SerialMessage.toString with end positions, and
 * toJson compressed), so recorded message texts can be put into real output shapes.
 */
final class LeanOutputFormat {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAMED_ERROR_SUFFIX = "._namedError";

  private LeanOutputFormat() {}

  static String plain(LeanMessage m) {
    String text = m.data();
    if (m.severity() != Severity.INFORMATION) {
      String name = m.kind().endsWith(NAMED_ERROR_SUFFIX)
          ? "(" + m.kind().substring(0, m.kind().length() - NAMED_ERROR_SUFFIX.length()) + ")"
          : "";
      String end = m.endPos() == null ? "" : "-" + m.endPos();
      text = m.fileName() + ":" + m.pos() + end + ": " + m.severity().jsonName() + name + ": " + text;
    }
    return text.endsWith("\n") ? text : text + "\n";
  }

  static String plain(List<LeanMessage> messages) {
    StringBuilder out = new StringBuilder();
    messages.forEach(m -> out.append(plain(m)));
    return out.toString();
  }

  static ObjectNode jsonObject(LeanMessage m) {
    ObjectNode node = JSON.createObjectNode();
    node.put("caption", "");
    node.put("data", m.data());
    if (m.endPos() != null) {
      node.set("endPos", position(m.endPos()));
    }
    node.put("fileName", m.fileName());
    node.put("isSilent", false);
    node.put("keepFullRange", false);
    node.put("kind", m.kind().isEmpty() ? "[anonymous]" : m.kind());
    node.set("pos", position(m.pos()));
    node.put("severity", m.severity().jsonName());
    return node;
  }

  static String jsonLine(ObjectNode node) {
    try {
      return JSON.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String jsonLine(LeanMessage m) {
    return jsonLine(jsonObject(m));
  }

  private static ObjectNode position(Position p) {
    ObjectNode node = JSON.createObjectNode();
    node.put("column", p.column());
    node.put("line", p.line());
    return node;
  }
}
