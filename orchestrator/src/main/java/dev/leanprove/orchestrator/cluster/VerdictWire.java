package dev.leanprove.orchestrator.cluster;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Trust;
import dev.leanprove.leanbridge.verdict.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Verdicts and file reports as JSON on the event bus, losslessly both ways (the HTTP API's JSON is
 * for people and drops what a verdict needs to be rebuilt).
 */
final class VerdictWire {

  private VerdictWire() {}

  static JsonObject verdict(Verdict v) {
    return new JsonObject()
        .put("code", v.code().name())
        .put("messages", messages(v.messages()))
        .put("wallNanos", v.wall().toNanos())
        .put("detail", v.detail())
        .put("checkedText", v.checkedText())
        .put("trust", v.trust().name());
  }

  static Verdict verdict(JsonObject o) {
    return new Verdict(ReasonCode.valueOf(o.getString("code")), messages(o.getJsonArray("messages")),
        Duration.ofNanos(o.getLong("wallNanos")), o.getString("detail"), o.getString("checkedText"),
        Trust.valueOf(o.getString("trust")));
  }

  static JsonObject report(FileReport r) {
    JsonArray theorems = new JsonArray();
    for (TheoremVerdict t : r.theorems()) {
      theorems.add(new JsonObject().put("name", t.name()).put("qualifiedName", t.qualifiedName())
          .put("verdict", verdict(t.verdict())));
    }
    return new JsonObject()
        .put("status", r.status().name())
        .put("theorems", theorems)
        .put("messages", messages(r.messages()))
        .put("wallNanos", r.wall().toNanos())
        .put("detail", r.detail());
  }

  static FileReport report(JsonObject o) {
    List<TheoremVerdict> theorems = o.getJsonArray("theorems").stream()
        .map(JsonObject.class::cast)
        .map(t -> new TheoremVerdict(t.getString("name"), t.getString("qualifiedName"), verdict(t.getJsonObject("verdict"))))
        .toList();
    return new FileReport(ReasonCode.valueOf(o.getString("status")), theorems, messages(o.getJsonArray("messages")),
        Duration.ofNanos(o.getLong("wallNanos")), o.getString("detail"));
  }

  private static JsonArray messages(List<LeanMessage> messages) {
    JsonArray a = new JsonArray();
    for (LeanMessage m : messages) {
      a.add(new JsonObject()
          .put("fileName", m.fileName())
          .put("pos", m.position().map(VerdictWire::position).orElse(null))
          .put("endPos", m.endPosition().map(VerdictWire::position).orElse(null))
          .put("severity", m.severity().name())
          .put("kind", m.kind())
          .put("data", m.data()));
    }
    return a;
  }

  private static List<LeanMessage> messages(JsonArray a) {
    return a.stream()
        .map(JsonObject.class::cast)
        .map(m -> new LeanMessage(m.getString("fileName"), position(m.getJsonObject("pos")),
            position(m.getJsonObject("endPos")), Severity.valueOf(m.getString("severity")), m.getString("kind"),
            m.getString("data")))
        .toList();
  }

  private static JsonObject position(Position p) {
    return new JsonObject().put("line", p.line()).put("column", p.column());
  }

  private static Position position(JsonObject o) {
    return o == null ? null : new Position(o.getInteger("line"), o.getInteger("column"));
  }
}
