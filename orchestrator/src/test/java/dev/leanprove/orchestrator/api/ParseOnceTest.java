package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.standin.ProverFixture;
import dev.leanprove.orchestrator.standin.StandInProvers;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A posted file is parsed once per request, and never on the event loop. */
final class ParseOnceTest {

  @TempDir
  Path dir;

  ProverFixture f;
  ApiServer server;

  @BeforeEach
  void setUp() {
    f = ProverFixture.start(dir);
    server = ApiServer.start(f, StandInProvers.portfolio(f, 0), ApiServer.config());
  }

  @AfterEach
  void tearDown() {
    server.client.close();
    f.close();
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
    HttpResponse<Buffer> r = server.client.post("/prove").addQueryParam("async", "true")
        .sendJsonObject(new JsonObject().put("code", code).put("line", 6).put("column", 2)).await();

    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(202);
    JsonObject job = server.awaitFinal(r.bodyAsJsonObject().getString("jobId"));
    assertThat(job.getJsonObject("request").getString("theorem")).isEqualTo("t1");
    assertThat(server.api.sourcesParsed()).isEqualTo(1);
    assertThat(server.api.sourcesParsedOnEventLoop()).isZero();
  }

  @Test
  void check_parsesTheFileOnceOffTheEventLoop() {
    HttpResponse<Buffer> r = server.client.post("/check").putHeader("Content-Type", "text/plain").sendBuffer(Buffer.buffer(file())).await();

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.api.sourcesParsed()).isEqualTo(1);
    assertThat(server.api.sourcesParsedOnEventLoop()).isZero();
  }
}
