package dev.leanprove.orchestrator.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which {@code Host} headers the server answers. A web page can point a name it controls at
 * 127.0.0.1 (DNS rebinding) and then read this API as its own origin; such a request carries that
 * name in {@code Host}, so only names the operator allowed pass ({@code --allowed-host}, and
 * {@code localhost} when the server listens on loopback or everywhere). IP addresses cannot be
 * rebound and pass when the server listens on them.
 */
final class HostPolicy {

  private final Set<String> names;
  private final InetAddress bound;

  private HostPolicy(Set<String> names, InetAddress bound) {
    this.names = names;
    this.bound = bound;
  }

  static void mount(Router router, String boundHost, Connections connections) {
    InetAddress bound = address(boundHost);
    Set<String> names = new HashSet<>(connections.allowedHosts());
    if (bound == null) {
      // Bound to a name: that name is what clients use.
      names.add(boundHost.toLowerCase(Locale.ROOT));
    } else if (bound.isLoopbackAddress() || bound.isAnyLocalAddress()) {
      names.add("localhost");
    }
    HostPolicy policy = new HostPolicy(Set.copyOf(names), bound);
    router.route().handler(policy::check);
  }

  private void check(RoutingContext ctx) {
    String header = ctx.request().getHeader("Host");
    if (header == null || header.isBlank()) {
      ctx.fail(new ApiException(400, "missing_host", "the request has no Host header"));
      return;
    }
    String host = hostPart(header.trim().toLowerCase(Locale.ROOT));
    if (allowed(host)) {
      ctx.next();
      return;
    }
    ctx.fail(new ApiException(421, "host_not_allowed", "this server does not answer for host " + host
        + "; if that name is meant to reach it, start the server with --allowed-host " + host));
  }

  private boolean allowed(String host) {
    if (names.contains(host) || host.endsWith(".localhost") && names.contains("localhost")) {
      return true;
    }
    InetAddress literal = literal(host);
    if (literal == null || bound == null) {
      return false;
    }
    return bound.isAnyLocalAddress() || bound.equals(literal) || bound.isLoopbackAddress() && literal.isLoopbackAddress();
  }

  // "name:port", "[::1]:port", "1.2.3.4" -> the host alone.
  private static String hostPart(String header) {
    if (header.startsWith("[")) {
      int close = header.indexOf(']');
      return close > 0 ? header.substring(0, close + 1) : header;
    }
    int colon = header.indexOf(':');
    String host = colon >= 0 ? header.substring(0, colon) : header;
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }

  /** The address an IP literal names, without any DNS lookup; null for names. */
  private static InetAddress literal(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean ipv4 = bare.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean ipv6 = bare.contains(":") && bare.matches("[0-9a-f:.%a-z]+");
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(bare);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static InetAddress address(String boundHost) {
    return literal(boundHost.toLowerCase(Locale.ROOT));
  }
}
