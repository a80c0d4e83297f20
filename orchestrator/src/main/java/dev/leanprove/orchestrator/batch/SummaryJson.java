package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** {@code summary.json}: the summary for scripts and for the HTML report. */
final class SummaryJson {

  private SummaryJson() {}

  static JsonObject of(Summary s) {
    JsonObject problems = new JsonObject()
        .put("total", s.total()).put("proved", s.proved()).put("notProved", s.notProved()).put("invalid", s.invalid())
        .put("unfinished", s.unfinished()).put("portfolioSolved", s.portfolioSolved());
    JsonArray passAtK = new JsonArray();
    s.passAtK().forEach(v -> passAtK.add(new JsonObject().put("k", v.k()).put("value", v.value())));
    JsonArray categories = new JsonArray();
    s.categories().forEach(c -> categories.add(
        new JsonObject().put("category", c.category()).put("total", c.total()).put("proved", c.proved()).put("rate", c.rate())));
    JsonArray lines = new JsonArray();
    s.problems().forEach(p -> lines.add(new JsonObject().put("name", p.name()).put("category", p.category())
        .put("outcome", p.outcome()).put("status", p.status()).put("samples", p.samples()).put("correct", p.correct())
        .put("portfolio", p.portfolio()).put("tokens", p.tokens()).put("detail", p.detail())));
    JsonArray issues = new JsonArray();
    s.inputIssues().forEach(i -> issues.add(new JsonObject().put("origin", i.origin()).put("message", i.message())));
    return new JsonObject()
        .put("settings", s.settings().toJson())
        .put("sessions", s.sessions())
        .put("problems", problems)
        .put("solvedRate", s.solvedRate())
        .put("passAtK", passAtK)
        .put("passAtKProblems", s.passAtKProblems())
        .put("passAtKNote", s.passAtKNote())
        .put("categories", categories)
        .put("failures", reasons(s.failures()))
        .put("attemptVerdicts", reasons(s.attemptVerdicts()))
        .put("samples", s.samples())
        .put("attempts", s.attempts())
        .put("tokens", new JsonObject().put("prompt", s.promptTokens()).put("completion", s.completionTokens()))
        .put("wallMs", new JsonObject().put("problems", s.problemWallMs()).put("elapsed", s.elapsedMs()))
        .put("inputIssues", issues)
        .put("problemList", lines);
  }

  private static JsonArray reasons(java.util.List<Summary.ReasonCount> counts) {
    JsonArray array = new JsonArray();
    counts.forEach(r -> array.add(new JsonObject().put("reason", r.reason()).put("count", r.count())));
    return array;
  }
}
