package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.verdict.VerifierConfig;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Slow and idle connections are closed; requests naming a host the server does not answer for are refused. */
final class ConnectionsTest {

  static final Connections QUICK = Connections.DEFAULT.withRequestTimeout(Duration.ofMillis(400)).withIdleTimeout(Duration.ofMillis(800));

  @RegisterExtension
  final ServedApi api = new ServedApi();

  private void serve(Connections connections) {
    api.serve(ApiServer.config().withConnections(connections));
  }

  private String get(String path, String host) {
    try (RawHttp c = RawHttp.connect(api.server.port)) {
      return c.send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").readUntilClosed(5000);
    }
  }

  private static JsonObject body(String response) {
    return new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
  }

  @Test
  void connections_sixtySlowlorisHeads_areAllClosed() {
    serve(QUICK);
    List<RawHttp> clients = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      clients.add(RawHttp.connect(api.server.port).send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "));
    }

    for (RawHttp c : clients) {
      assertThat(c.closedByServer(5000)).as("a connection that never finishes its head is closed").isTrue();
      c.close();
    }
    ApiServer.await("no connection left open", () -> api.server.api.openConnections() == 0);
  }

  @Test
  void connections_bodyDribbles_isClosed() {
    serve(QUICK);
    try (RawHttp c = RawHttp.connect(api.server.port)) {
      c.send("POST /check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\nimport Math");

      String response = c.readUntilClosed(5000);

      assertThat(response).startsWith("HTTP/1.1 408");
      assertThat(response).contains("request_timeout");
    }
  }

  @Test
  void connections_keptAliveWithoutRequests_isClosedAfterIdleTimeout() {
    serve(QUICK);
    try (RawHttp c = RawHttp.connect(api.server.port)) {
      c.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");

      assertThat(c.closedByServer(5000)).isTrue();
    }
    ApiServer.await("no connection left open", () -> api.server.api.openConnections() == 0);
  }

  @Test
  void connections_slowAnswer_isNotCutOff() {
    api.f.lean.env("FAKE_LEAN_DELAY_MS", "1500").accept("fine", "norm_num");
    api.serve(api.f.lean.verifier(VerifierConfig.DEFAULT),
        ApiServer.config().withConnections(QUICK));

    String response;
    try (RawHttp c = RawHttp.connect(api.server.port)) {
      response = c.send(RawHttp.post("/check", "127.0.0.1", "import Mathlib\n\ntheorem fine : (2 : ℝ) + 2 = 4 := by\n  norm_num\n"))
          .readUntilClosed(30_000);
    }

    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).contains("\"PROVED\"");
  }

  @Test
  void host_rebindingName_isRefusedWith421() {
    serve(Connections.DEFAULT);

    String response = get("/jobs", "attacker.example:" + api.server.port);

    assertThat(response).startsWith("HTTP/1.1 421");
    assertThat(body(response).getJsonObject("error").getString("code")).isEqualTo("host_not_allowed");
    assertThat(body(response).getJsonObject("error").getString("message")).contains("--allowed-host attacker.example");
  }

  @Test
  void host_loopbackNamesAndAddresses_areAnsweredOnLoopback() {
    serve(Connections.DEFAULT);

    assertThat(get("/jobs", "localhost:" + api.server.port)).startsWith("HTTP/1.1 200");
    assertThat(get("/jobs", "127.0.0.1:" + api.server.port)).startsWith("HTTP/1.1 200");
    assertThat(get("/jobs", "[::1]:" + api.server.port)).startsWith("HTTP/1.1 200");
    assertThat(get("/jobs", "10.1.2.3")).startsWith("HTTP/1.1 421");
  }

  @Test
  void host_allowedName_isAnswered() {
    serve(Connections.DEFAULT.withAllowedHosts(List.of("Prover.Example.org")));

    assertThat(get("/jobs", "prover.example.org:" + api.server.port)).startsWith("HTTP/1.1 200");
    assertThat(get("/jobs", "other.example.org")).startsWith("HTTP/1.1 421");
  }

  @Test
  void connections_badAllowedHost_isRefused() {
    api.server = null;
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Connections.DEFAULT.withAllowedHosts(List.of("http://x.org/")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://x.org/");
    serve(Connections.DEFAULT);
  }
}
