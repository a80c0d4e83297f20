package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class CheckRoutesTest {

  // Line 2 holds three 𝕜 (two UTF-16 units each) before `by`: Lean's code-point column and the LSP column differ by 3.
  static final String FILE = "import Mathlib\n"
      + "\n"
      + "theorem wide_bad (𝕜 : ℝ) (h : 𝕜 = 2) : 𝕜 + 3 = 4 := by\n"
      + "  simp\n"
      + "\n"
      + "theorem has_sorry : (2 : ℝ) + 2 = 4 := by\n"
      + "  sorry\n";

  @RegisterExtension
  final ServedApi api = new ServedApi();

  @BeforeEach
  void setUp() {
    api.serve(ApiServer.config());
  }

  private static JsonObject position(JsonObject diagnostic, String end) {
    return diagnostic.getJsonObject("range").getJsonObject(end);
  }

  @Test
  void check_fileWithAnErrorAndASorry_returnsLspDiagnosticsBesideLeanMessages() {
    HttpResponse<Buffer> r = api.server.postJson("/check", new JsonObject().put("code", FILE));

    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("status")).isNotEqualTo("PROVED");
    JsonArray diagnostics = body.getJsonArray("diagnostics");
    assertThat(diagnostics).hasSize(body.getJsonArray("messages").size()).hasSizeGreaterThanOrEqualTo(2);
    JsonObject error = diagnostics.stream().map(o -> (JsonObject) o).filter(d -> d.getInteger("severity") == 1).findFirst().orElseThrow();
    String line2 = FILE.split("\n")[2];
    assertThat(error.getString("message")).startsWith("unsolved goals");
    assertThat(error.getString("source")).isEqualTo("lean");
    assertThat(position(error, "start").getInteger("line")).isEqualTo(2);
    assertThat(position(error, "start").getInteger("character")).isEqualTo(line2.indexOf("by"));
    assertThat(position(error, "end").getInteger("line")).isEqualTo(3);
    assertThat(position(error, "end").getInteger("character")).isEqualTo("  simp".length());
    JsonObject warning = diagnostics.stream().map(o -> (JsonObject) o).filter(d -> d.getInteger("severity") == 2).findFirst().orElseThrow();
    assertThat(warning.getString("message")).contains("sorry");
    assertThat(warning.getString("code")).isEqualTo("hasSorry");
    assertThat(position(warning, "start").getInteger("line")).isEqualTo(5);
    assertThat(position(warning, "start").getInteger("character")).isEqualTo("theorem ".length());
    // Lean's own messages keep Lean's positions: 1-based line, code-point column.
    JsonObject leanError = body.getJsonArray("messages").stream().map(o -> (JsonObject) o)
        .filter(m -> m.getString("severity").equals("error")).findFirst().orElseThrow();
    assertThat(leanError.getJsonObject("pos").getInteger("line")).isEqualTo(3);
    assertThat(leanError.getJsonObject("pos").getInteger("column")).isEqualTo(line2.codePointCount(0, line2.indexOf("by")));
  }

  @Test
  void check_cleanFile_hasNoDiagnostics() {
    api.f.lean.accept("fine", "norm_num");

    HttpResponse<Buffer> r = api.server.client.post("/check").putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer("import Mathlib\n\ntheorem fine : (2 : ℝ) + 2 = 4 := by\n  norm_num\n")).await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isEqualTo("PROVED");
    assertThat(r.bodyAsJsonObject().getJsonArray("diagnostics")).isEmpty();
  }
}
