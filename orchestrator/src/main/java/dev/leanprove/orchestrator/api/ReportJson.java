package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.Decomposition;
import dev.leanprove.orchestrator.search.SubgoalResult;
import dev.leanprove.orchestrator.search.ProveResult;
import dev.leanprove.orchestrator.search.TheoremResult;
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
      theorems.add(theorem(t.name(), t.verdict()).put("qualifiedName", t.qualifiedName()));
    }
    return new JsonObject()
        .put("status", report.status().name())
        .put("detail", report.detail())
        .put("wallMs", report.wall().toMillis())
        .put("theorems", theorems)
        .put("messages", messages(report.messages()));
  }

  /**
   * {@link #fileReport(FileReport)} plus {@code "diagnostics"}: every message of the file in the
   * Language Server Protocol's shape, for editors.
   */
  public static JsonObject fileReport(FileReport report, String code) {
    return fileReport(report).put("diagnostics", diagnostics(report.messages(), code));
  }

  /**
   * LSP diagnostics {@code {"range", "severity", "message", "source": "lean", "code"?}}: range in
   * 0-based lines and UTF-16 columns of {@code code} (Lean's own positions are 1-based lines and
   * code-point columns), severity 1 error, 2 warning, 3 information.
   */
  public static JsonArray diagnostics(List<LeanMessage> messages, String code) {
    LspText text = LspText.of(code);
    JsonArray array = new JsonArray();
    for (LeanMessage m : messages) {
      JsonObject range = m.position().isPresent()
          ? text.range(m.position().get(), m.endPosition().orElse(null))
          : text.range(0, 0);
      JsonObject d = new JsonObject()
          .put("range", range)
          .put("severity", lspSeverity(m.severity()))
          .put("message", m.data())
          .put("source", "lean");
      if (!m.kind().isEmpty()) {
        d.put("code", m.kind());
      }
      array.add(d);
    }
    return array;
  }

  private static int lspSeverity(Severity severity) {
    switch (severity) {
      case ERROR:
        return 1;
      case WARNING:
        return 2;
      default:
        return 3;
    }
  }

  /** One theorem's verdict: {@code {"name", "status", "trust", "detail", "messages"}}. */
  public static JsonObject theorem(String name, Verdict verdict) {
    return new JsonObject()
        .put("name", name)
        .put("status", verdict.code().name())
        .put("trust", verdict.trust().label())
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

  /** {@code {"status", "code", "wallMs", "theorems": [...]}} for a prove request (DESIGN §9). */
  public static JsonObject proveResult(ProveResult result) {
    JsonArray theorems = new JsonArray();
    for (TheoremResult t : result.theorems()) {
      theorems.add(theoremResult(t));
    }
    return new JsonObject()
        .put("status", result.status().name())
        .put("code", result.code())
        .put("wallMs", result.wallMillis())
        .put("theorems", theorems);
  }

  public static JsonObject theoremResult(TheoremResult t) {
    JsonObject o = new JsonObject()
        .put("name", t.name())
        .put("status", t.status().name())
        .put("detail", t.detail());
    t.proof().ifPresent(p -> o.put("proof", p));
    if (!t.auxiliary().isBlank()) {
      o.put("auxiliary", t.auxiliary());
    }
    JsonArray attempts = new JsonArray();
    for (Attempt a : t.attempts()) {
      attempts.add(attempt(a));
    }
    JsonArray decompositions = new JsonArray();
    for (Decomposition d : t.decompositions()) {
      decompositions.add(decomposition(d));
    }
    return o.put("samples", t.samples()).put("tokens", t.tokens()).put("wallMs", t.wallMillis()).put("attempts", attempts)
        .put("decompositions", decompositions);
  }

  /** A sketch with its subgoals, each subgoal holding its own full result: the attempt tree. */
  public static JsonObject decomposition(Decomposition d) {
    JsonArray subgoals = new JsonArray();
    for (SubgoalResult s : d.subgoals()) {
      subgoals.add(new JsonObject()
          .put("lemma", s.lemmaName())
          .put("statement", s.statement())
          .put("depth", s.depth())
          .put("result", theoremResult(s.result())));
    }
    return new JsonObject()
        .put("sketchAttempt", d.sketchAttempt())
        .put("sketch", d.sketch())
        .put("sketchVerdict", d.sketchVerdict().name())
        .put("outcome", d.outcome())
        .put("subgoals", subgoals);
  }

  public static JsonObject attempt(Attempt a) {
    return new JsonObject()
        .put("id", a.id())
        .put("parent", a.parent())
        .put("strategy", a.strategy())
        .put("engine", a.engine())
        .put("promptId", a.promptId())
        .put("verdict", a.verdict().name())
        .put("detail", a.detail())
        .put("firstError", a.firstError())
        .put("proof", a.proof())
        .put("auxiliary", a.auxiliary())
        .put("promptTokens", a.promptTokens())
        .put("completionTokens", a.completionTokens())
        .put("generationMs", a.generationMillis())
        .put("verificationMs", a.verificationMillis())
        .put("cached", a.cached())
        .put("messages", messages(a.messages()))
        .put("rawOutput", a.rawOutput());
  }
}
