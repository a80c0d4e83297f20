package dev.leanprove.orchestrator.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Set;

/**
 * Which browser pages may call the API. Configured origins get CORS headers (and their preflights
 * answered); a request carrying any other {@code Origin} is refused with 403, so a web page the
 * user happens to visit cannot make this machine run Lean. Clients that are not browsers (curl,
 * the editor extension) send no {@code Origin} and are not affected.
 */
final class OriginPolicy {

  private OriginPolicy() {}

  static void mount(Router router, List<String> origins) {
    if (origins.isEmpty()) {
      router.route().handler(OriginPolicy::refuseBrowsers);
      return;
    }
    router.route().handler(CorsHandler.create()
        .addOrigins(origins)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "Last-Event-ID"))
        .exposedHeaders(Set.of("Location", "Retry-After"))
        .maxAgeSeconds(600));
  }

  private static void refuseBrowsers(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin == null) {
      ctx.next();
      return;
    }
    ctx.fail(new ApiException(403, "forbidden_origin",
        "requests from origin " + origin + " are not allowed; start the server with --cors-origin " + origin + " to allow them"));
  }
}
