package dev.leanprove.orchestrator.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer-token access: with tokens configured, every route but {@code GET /health} needs
 * {@code Authorization: Bearer TOKEN}, and the token names the client (its jobs are its own).
 * Health stays open so supervisors can probe it.
 */
final class TokenAuth implements Handler<RoutingContext> {

  static final String OPEN_PATH = "/health";

  /** The client behind {@code --token}: the operator, who sees every job. */
  static final String ADMIN_NAME = "admin";

  private final List<Known> known;

  private TokenAuth(List<Known> known) {
    this.known = known;
  }

  /** Guards every route mounted after this, when a token is configured. */
  static void mount(Router router, Optional<String> adminToken, List<ClientToken> clients) {
    List<Known> known = new ArrayList<>();
    adminToken.ifPresent(t -> known.add(new Known(digest(t), new ApiClient(ADMIN_NAME, true))));
    for (ClientToken c : clients) {
      known.add(new Known(digest(c.token()), new ApiClient(c.name(), c.admin())));
    }
    if (!known.isEmpty()) {
      router.route().handler(new TokenAuth(List.copyOf(known)));
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    // Preflights carry no credentials by design; an allowed origin's preflight was answered before this.
    if (OPEN_PATH.equals(ctx.normalizedPath()) || ctx.request().method() == HttpMethod.OPTIONS) {
      ctx.next();
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    String prefix = "bearer ";
    if (header != null && header.length() > prefix.length()
        && header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)) {
      byte[] given = digest(header.substring(prefix.length()).trim());
      ApiClient match = null;
      // Every entry is compared, so the time taken says nothing about which one matched.
      for (Known k : known) {
        if (MessageDigest.isEqual(k.digest(), given) && match == null) {
          match = k.client();
        }
      }
      if (match != null) {
        match.attachTo(ctx);
        ctx.next();
        return;
      }
    }
    ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"leanprove\"");
    ctx.fail(new ApiException(401, "unauthorized", header == null
        ? "this server needs a token: send Authorization: Bearer TOKEN"
        : "the bearer token is wrong"));
  }

  // Comparing fixed-length digests keeps the comparison's time independent of the token's length and content.
  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private record Known(byte[] digest, ApiClient client) {}
}
