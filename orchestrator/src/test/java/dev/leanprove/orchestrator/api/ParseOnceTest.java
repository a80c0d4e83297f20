package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A posted file is parsed once per request, and never on the event loop. */
final class ParseOnceTest {

  @RegisterExtension
  final ServedApi api = new ServedApi();

  @BeforeEach
  void setUp() {
    api.serve(ApiServer.config());
  }

  // Many theorems, so the file is worth parsing once: the cursor, the targets and the search all need it.
  private static String file() {
    StringBuilder b = new StringBuilder("import Mathlib\n\n");
    for (int i = 0; i < 60; i++) {
      b.append("theorem t").append(i).append(" : (2 : ℝ) + 2 = 4 := by\n  sorry\n\n");
    }
    return b.toString();
  }

  @Test
  void proveAtCursor_parsesTheFileOnceOffTheEventLoop() {
    String code = file();
    HttpResponse<Buffer> r = api.server.client.post("/prove").addQueryParam("async", "true")
        .sendJsonObject(new JsonObject().put("code", code).put("line", 6).put("column", 2)).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    JsonObject job = api.server.awaitFinal(r.bodyAsJsonObject().getString("jobId"));
    assertThat(job.getJsonObject("request").getString("theorem")).isEqualTo("t1");
    assertThat(api.server.api.sourcesParsed()).isEqualTo(1);
    assertThat(api.server.api.sourcesParsedOnEventLoop()).isZero();
  }

  @Test
  void check_parsesTheFileOnceOffTheEventLoop() {
    HttpResponse<Buffer> r = api.server.client.post("/check").putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(file())).await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(api.server.api.sourcesParsed()).isEqualTo(1);
    assertThat(api.server.api.sourcesParsedOnEventLoop()).isZero();
  }
}
