package dev.leanprove.orchestrator.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Bearer-token access: with a token configured, every route but {@code GET /health} needs
 * {@code Authorization: Bearer TOKEN}. Health stays open so supervisors can probe it.
 */
final class TokenAuth implements Handler<RoutingContext> {

  static final String OPEN_PATH = "/health";

  private final byte[] expectedDigest;

  private TokenAuth(String token) {
    this.expectedDigest = digest(token);
  }

  /** Guards every route mounted after this, when a token is configured. */
  static void mount(Router router, Optional<String> token) {
    token.ifPresent(t -> router.route().handler(new TokenAuth(t)));
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
        && header.substring(0, prefix.length()).toLowerCase(Locale.ROOT).equals(prefix)
        && MessageDigest.isEqual(expectedDigest, digest(header.substring(prefix.length()).trim()))) {
      ctx.next();
      return;
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
}
