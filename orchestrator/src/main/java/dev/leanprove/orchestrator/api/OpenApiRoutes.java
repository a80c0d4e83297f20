package dev.leanprove.orchestrator.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /openapi.yaml}: the OpenAPI 3 description of this API (a resource kept true by a contract test). */
final class OpenApiRoutes {

  static final String RESOURCE = "/openapi.yaml";

  private final String document;

  private OpenApiRoutes(String document) {
    this.document = document;
  }

  static OpenApiRoutes packaged() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
      }
      return new OpenApiRoutes(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void mount(Router router) {
    router.get("/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/yaml; charset=utf-8")
        .end(document));
  }
}
