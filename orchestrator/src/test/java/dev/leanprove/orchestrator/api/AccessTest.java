package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bearer tokens and browser origins. */
final class AccessTest {

  static final String TOKEN = "s3cret-token";
  static final String ALLOWED = "http://localhost:3000";

  @RegisterExtension
  final ServedApi api = new ServedApi();

  @BeforeEach
  void setUp() {
    api.f.acceptEasy();
  }

  private void serve(ServerConfig config) {
    api.serve(config);
  }

  private HttpResponse<Buffer> get(String path, String authorization) {
    return api.server.client.get(path).putHeader("Authorization", authorization).send().await();
  }

  private HttpResponse<Buffer> getFrom(String path, String origin) {
    return api.server.client.get(path).putHeader("Origin", origin).send().await();
  }

  static JsonObject easy() {
    return new JsonObject().put("code", "import Mathlib\n\ntheorem easy_one : (2 : ℝ) + 2 = 4 := by\n  sorry\n");
  }

  @Test
  void token_missingOrWrong_is401OnEveryRouteButHealth() {
    serve(ApiServer.config().withToken(TOKEN));

    for (String path : List.of("/engines", "/jobs", "/jobs/x", "/jobs/x/events", "/openapi.yaml")) {
      HttpResponse<Buffer> r = api.server.get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.getHeader("WWW-Authenticate")).startsWith("Bearer");
      assertThat(ApiServer.error(r).getString("code")).isEqualTo("unauthorized");
    }
    HttpResponse<Buffer> prove = api.server.postJson("/prove", easy());
    assertThat(prove.statusCode()).isEqualTo(401);
    HttpResponse<Buffer> wrong = get("/engines", "Bearer not-it");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(ApiServer.error(wrong).getString("message")).contains("wrong");
    assertThat(get("/engines", "Basic " + TOKEN).statusCode()).isEqualTo(401);
    assertThat(api.server.get("/health").statusCode()).isEqualTo(200);
    assertThat(api.f.lean.leanRuns()).isZero();
  }

  @Test
  void token_right_opensEveryRouteIncludingTheEventStream() {
    serve(ApiServer.config().withToken(TOKEN));

    assertThat(get("/engines", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
    assertThat(get("/engines", "bearer " + TOKEN).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> accepted = api.server.client.post("/prove").addQueryParam("async", "true")
        .putHeader("Authorization", "Bearer " + TOKEN).sendJsonObject(easy()).await();
    assertThat(accepted.statusCode()).isEqualTo(202);
    String id = accepted.bodyAsJsonObject().getString("jobId");
    SseClient sse = SseClient.open(api.f.vertx, api.server.port, "/jobs/" + id + "/events", Map.of("Authorization", "Bearer " + TOKEN))
        .awaitEnd();
    assertThat(sse.status.get()).isEqualTo(200);
    assertThat(sse.events.get(sse.events.size() - 1).name()).isEqualTo("result");
  }

  @Test
  void cors_configuredOrigin_getsCorsHeadersAndItsPreflightNeedsNoToken() {
    serve(ApiServer.config().withToken(TOKEN).withCorsOrigins(List.of(ALLOWED)));

    HttpResponse<Buffer> preflight = api.server.client.request(HttpMethod.OPTIONS, "/prove")
        .putHeader("Origin", ALLOWED)
        .putHeader("Access-Control-Request-Method", "POST")
        .putHeader("Access-Control-Request-Headers", "authorization,content-type")
        .send().await();
    HttpResponse<Buffer> health = getFrom("/health", ALLOWED);

    assertThat(preflight.statusCode()).isBetween(200, 204);
    assertThat(preflight.getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
    assertThat(preflight.getHeader("Access-Control-Allow-Methods")).contains("POST").contains("DELETE");
    assertThat(preflight.getHeader("Access-Control-Allow-Headers").toLowerCase()).contains("authorization").contains("last-event-id");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.getHeader("Access-Control-Allow-Origin")).isEqualTo(ALLOWED);
  }

  @Test
  void cors_otherOrigin_is403Json() {
    serve(ApiServer.config().withCorsOrigins(List.of(ALLOWED)));

    HttpResponse<Buffer> r = api.server.client.post("/prove").putHeader("Origin", "http://evil.example").sendJsonObject(easy()).await();

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.getHeader("Access-Control-Allow-Origin")).isNull();
    assertThat(ApiServer.error(r)).isNotNull();
    assertThat(api.f.lean.leanRuns()).isZero();
  }

  @Test
  void cors_noOriginConfigured_refusesEveryBrowserOriginButNotOtherClients() {
    serve(ApiServer.config());

    HttpResponse<Buffer> browser = getFrom("/engines", ALLOWED);
    HttpResponse<Buffer> cli = api.server.get("/engines");

    assertThat(browser.statusCode()).isEqualTo(403);
    assertThat(ApiServer.error(browser).getString("code")).isEqualTo("forbidden_origin");
    assertThat(ApiServer.error(browser).getString("message")).contains("--cors-origin");
    assertThat(cli.statusCode()).isEqualTo(200);
  }

  @Test
  void serverConfig_badCorsOriginOrBlankToken_isRefused() {
    serve(ApiServer.config());

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.config().withCorsOrigins(List.of("http://localhost:3000/app")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without a path");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.config().withCorsOrigins(List.of("localhost")))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiServer.config().withToken(" "))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    assertThat(ApiServer.config().withToken(TOKEN).toString()).doesNotContain(TOKEN);
  }
}
