package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** The one JSON shape of verdicts (DESIGN §9), shared by the CLI's --json and the HTTP API. */
public final class ReportJson {

  private ReportJson() {}

  /** {@code {"status", "detail", "wallMs", "theorems": [...], "messages": [...]}} for a checked file. */
  public static JsonObject fileReport(FileReport report) {
    JsonArray theorems = new JsonArray();
    for (TheoremVerdict t : report.theorems()) {
      theorems.add(theorem(t.name(), t.verdict()));
    }
    return new JsonObject()
        .put("status", report.status().name())
        .put("detail", report.detail())
        .put("wallMs", report.wall().toMillis())
        .put("theorems", theorems)
        .put("messages", messages(report.messages()));
  }

  /** One theorem's verdict: {@code {"name", "status", "detail", "messages"}}. */
  public static JsonObject theorem(String name, Verdict verdict) {
    return new JsonObject()
        .put("name", name)
        .put("status", verdict.code().name())
        .put("detail", verdict.detail())
        .put("wallMs", verdict.wall().toMillis())
        .put("messages", messages(verdict.messages()));
  }

  public static JsonArray messages(List<LeanMessage> messages) {
    JsonArray array = new JsonArray();
    for (LeanMessage m : messages) {
      JsonObject o = new JsonObject().put("severity", m.severity().jsonName()).put("data", m.data());
      m.position().ifPresent(p -> o.put("pos", position(p)));
      m.endPosition().ifPresent(p -> o.put("endPos", position(p)));
      if (!m.kind().isEmpty()) {
        o.put("kind", m.kind());
      }
      array.add(o);
    }
    return array;
  }

  private static JsonObject position(Position p) {
    return new JsonObject().put("line", p.line()).put("column", p.column());
  }
}
