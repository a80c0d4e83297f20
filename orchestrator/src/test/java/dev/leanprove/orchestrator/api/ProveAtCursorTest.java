package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

final class ProveAtCursorTest {

  static final String EASY = "(2 : ℝ) + 2 = 4";

  // Lines from 0: 3 cursor_one, 4 its sorry, 6-7 proved_one, 9-10 an example, 12-13 other_one.
  static final String FILE = "import Mathlib\n"
      + "\n"
      + "/-- The one the cursor is in. -/\n"
      + "theorem cursor_one : " + EASY + " := by\n"
      + "  sorry\n"
      + "\n"
      + "theorem proved_one : " + EASY + " := by\n"
      + "  norm_num\n"
      + "\n"
      + "example : " + EASY + " := by\n"
      + "  sorry\n"
      + "\n"
      + "theorem other_one : " + EASY + " := by\n"
      + "  sorry\n";

  // Three 𝕜 (U+1D55C, two UTF-16 units each) before the sorry: UTF-16 and code-point columns differ by 3.
  static final String WIDE = "import Mathlib\n\ntheorem wide_one (𝕜 : ℝ) (h : 𝕜 = 2) : 𝕜 + 2 = 4 := by sorry\n";

  @RegisterExtension
  final ServedApi api = new ServedApi();

  @BeforeEach
  void setUp() {
    api.f.lean.proposition(EASY, "norm_num <;> done").proposition("𝕜 + 2 = 4", "norm_num <;> done");
    api.serve(ApiServer.config());
  }

  private HttpResponse<Buffer> proveAt(String code, Object line, Object column) {
    return api.server.postJson("/prove", new JsonObject().put("code", code).put("line", line).put("column", column));
  }

  /** Applies an LSP edit the way an editor does: lines from 0, columns in UTF-16 units (Java's own string indexes). */
  static String applyLspEdit(String text, JsonObject edit) {
    JsonObject range = edit.getJsonObject("range");
    int start = offset(text, range.getJsonObject("start"));
    int end = offset(text, range.getJsonObject("end"));
    return text.substring(0, start) + edit.getString("newText") + text.substring(end);
  }

  private static int offset(String text, JsonObject position) {
    int lineStart = 0;
    for (int i = 0; i < position.getInteger("line"); i++) {
      lineStart = text.indexOf('\n', lineStart) + 1;
    }
    return lineStart + position.getInteger("character");
  }

  private static void assertError(HttpResponse<Buffer> r, int status, String code, String messagePart) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(ApiServer.error(r).getString("code")).isEqualTo(code);
    assertThat(ApiServer.error(r).getString("message")).contains(messagePart);
  }

  @Test
  void prove_cursorOnTheSorry_provesOnlyThatTheoremAndReturnsTheEdit() {
    HttpResponse<Buffer> r = proveAt(FILE, 4, 3);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("PROVED");
    assertThat(body.getJsonArray("theorems")).hasSize(1);
    assertThat(body.getJsonArray("theorems").getJsonObject(0).getString("name")).isEqualTo("cursor_one");
    JsonObject edit = body.getJsonObject("edit");
    assertThat(applyLspEdit(FILE, edit)).isEqualTo(body.getString("code"));
    JsonObject range = edit.getJsonObject("range");
    assertThat(range.getJsonObject("start").getInteger("line")).isBetween(3, 4);
    assertThat(range.getJsonObject("end").getInteger("line")).isEqualTo(4);
    assertThat(edit.getString("newText")).doesNotContain("sorry").contains("norm_num");
    // The other sorry theorem is left alone.
    assertThat(body.getString("code")).contains("theorem other_one : " + EASY + " := by\n  sorry");
  }

  @Test
  void prove_cursorOnTheDocstringOrStatement_findsTheSameTheorem() {
    for (int[] at : new int[][] {{2, 5}, {3, 10}}) {
      HttpResponse<Buffer> r = proveAt(FILE, at[0], at[1]);

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.bodyAsJsonObject().getJsonArray("theorems").getJsonObject(0).getString("name")).isEqualTo("cursor_one");
    }
  }

  @Test
  void prove_lineWithCharactersOutsideTheBmp_countsColumnsInUtf16() {
    int column = WIDE.split("\n")[2].indexOf("sorry");

    HttpResponse<Buffer> r = proveAt(WIDE, 2, column);

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("PROVED");
    JsonObject edit = body.getJsonObject("edit");
    assertThat(edit.getJsonObject("range").getJsonObject("start").getInteger("character"))
        .isGreaterThan(WIDE.split("\n")[2].indexOf(":= by"));
    assertThat(applyLspEdit(WIDE, edit)).isEqualTo(body.getString("code"));
  }

  @Test
  void prove_cursorAsQueryParametersOfAPlainTextBody_works() {
    HttpResponse<Buffer> r = api.server.client.post("/prove").addQueryParam("line", "13").addQueryParam("column", "2")
        .putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(FILE)).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getJsonArray("theorems").getJsonObject(0).getString("name")).isEqualTo("other_one");
    assertThat(applyLspEdit(FILE, r.bodyAsJsonObject().getJsonObject("edit"))).isEqualTo(r.bodyAsJsonObject().getString("code"));
  }

  @Test
  void prove_cursorAsync_jobResultCarriesTheEdit() {
    String id = api.server.submit(new JsonObject().put("code", FILE).put("line", 4).put("column", 0));

    JsonObject job = api.server.awaitFinal(id);

    assertThat(job.getJsonObject("request").getString("theorem")).isEqualTo("cursor_one");
    JsonObject result = job.getJsonObject("result");
    assertThat(applyLspEdit(FILE, result.getJsonObject("edit"))).isEqualTo(result.getString("code"));
  }

  @Test
  void prove_cursorInATheoremNotProved_hasNoEdit() {
    String code = "import Mathlib\n\ntheorem hard_one : (3 : ℝ) + 3 = 7 := by\n  sorry\n";

    HttpResponse<Buffer> r = proveAt(code, 3, 2);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("status")).isNotEqualTo("PROVED");
    assertThat(r.bodyAsJsonObject().containsKey("edit")).isFalse();
  }

  @Test
  void prove_lineOrColumnOutsideTheFile_is400() {
    assertError(proveAt(FILE, 99, 0), 400, "bad_request", "line 99");
    assertError(proveAt(FILE, 4, 8), 400, "bad_request", "column 8");
    assertError(proveAt(FILE, -1, 0), 400, "bad_request", "negative");
  }

  @Test
  void prove_malformedOrHalfAPosition_is400() {
    assertError(proveAt(FILE, "four", 0), 400, "bad_request", "\"line\" must be a whole number");
    assertError(proveAt(FILE, 4, 1.5), 400, "bad_request", "\"column\" must be a whole number");
    assertError(api.server.postJson("/prove", new JsonObject().put("code", FILE).put("line", 4)), 400, "bad_request", "\"column\"");
    assertError(api.server.postJson("/prove", new JsonObject().put("code", FILE).put("line", 4).put("column", 2).put("theorem", "other_one")),
        400, "bad_request", "not both");
  }

  @Test
  void prove_positionOutsideAnyTheorem_is422() {
    assertError(proveAt(FILE, 0, 3), 422, "no_theorem_at_position", "line 0, column 3");
    assertError(proveAt(FILE, 5, 0), 422, "no_theorem_at_position", "not inside a theorem");
  }

  @Test
  void prove_positionInAnExample_is422() {
    assertError(proveAt(FILE, 10, 2), 422, "no_theorem_at_position", "example");
  }

  @Test
  void prove_positionInATheoremWithoutSorry_is422() {
    assertError(proveAt(FILE, 7, 2), 422, "nothing_to_prove", "proved_one");
  }
}
