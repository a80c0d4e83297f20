package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class LeanRequestTest {

  Vertx vertx;
  HttpServer server;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    ErrorResponses.mount(router);
    LeanRequest.mountBodyHandling(router.post("/prove"), 64 * 1024, 3000);
    router.post("/prove").respond(ctx -> LeanRequest.read(ctx).map(r -> new JsonObject().put("chars", r.code().length())));
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  @Test
  void read_multipartBodyWithoutItsClosingBoundary_is408InsteadOfNoAnswer() throws Exception {
    String part = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.lean\"\r\n"
        + "Content-Type: text/plain\r\n\r\ntheorem t : True := by\n  sorry\n";
    String request = "POST /prove HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n"
        + "Content-Length: " + part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + part;

    String answer = exchange(request);

    assertThat(answer).startsWith("HTTP/1.1 408").contains("request_timeout");
  }

  @Test
  void read_wellFormedMultipart_isRead() throws Exception {
    String part = "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.lean\"\r\n"
        + "Content-Type: text/plain\r\n\r\ntheorem t : True := by\n  sorry\n\r\n--XYZ--\r\n";
    String request = "POST /prove HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=XYZ\r\n"
        + "Content-Length: " + part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + part;

    String answer = exchange(request);

    assertThat(answer).startsWith("HTTP/1.1 200").contains("\"chars\":");
  }

  /** Sends raw bytes and returns what came back before the server answered (or 10 s passed). */
  private String exchange(String request) throws Exception {
    NetClient client = vertx.createNetClient();
    NetSocket socket = client.connect(server.actualPort(), "127.0.0.1").await();
    StringBuilder received = new StringBuilder();
    io.vertx.core.Promise<String> answered = io.vertx.core.Promise.promise();
    socket.handler(chunk -> {
      synchronized (received) {
        received.append(chunk.toString(java.nio.charset.StandardCharsets.UTF_8));
        if (received.indexOf("\r\n\r\n") >= 0 && received.indexOf("}") >= 0) {
          answered.tryComplete(received.toString());
        }
      }
    });
    socket.closeHandler(closed -> answered.tryComplete(received.toString()));
    socket.write(Buffer.buffer(request));
    try {
      return Future.any(answered.future(), vertx.timer(10_000).map("")).map(any -> {
        synchronized (received) {
          return received.toString();
        }
      }).await(15, TimeUnit.SECONDS);
    } finally {
      client.close();
    }
  }
}
