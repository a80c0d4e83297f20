package dev.leanprove.orchestrator.api;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a connection may do: how long it has to send a request (head and body), how long it may sit
 * idle between requests, and which names it may use in its {@code Host} header.
 *
 * @param requestTimeout from connecting (or the previous response) until the request head has
 *     arrived, and again from the head until the body has; a client that dribbles bytes is cut off
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 * @param allowedHosts host names (without port) accepted in {@code Host} besides IP addresses the
 *     server answers on and, when it listens on loopback, {@code localhost}
 */
public record Connections(Duration requestTimeout, Duration idleTimeout, List<String> allowedHosts) {

  /** A real client sends a request head in milliseconds; ten seconds covers a slow link. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

  public static final Connections DEFAULT = new Connections(DEFAULT_REQUEST_TIMEOUT, DEFAULT_IDLE_TIMEOUT, List.of());

  public Connections {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive: " + requestTimeout);
    }
    if (idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
    }
    allowedHosts = allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String host : allowedHosts) {
      if (host.isEmpty() || !host.matches("[a-z0-9.\\-]+")) {
        throw new IllegalArgumentException("allowed host must be a host name without port or scheme, e.g. prover.example.org: " + host);
      }
    }
  }

  public Connections withRequestTimeout(Duration d) {
    return new Connections(d, idleTimeout, allowedHosts);
  }

  public Connections withIdleTimeout(Duration d) {
    return new Connections(requestTimeout, d, allowedHosts);
  }

  public Connections withAllowedHosts(List<String> hosts) {
    return new Connections(requestTimeout, idleTimeout, hosts);
  }
}
