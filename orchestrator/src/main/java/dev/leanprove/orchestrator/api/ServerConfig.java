package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.job.JournalTarget;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the HTTP API listens, what it accepts and from whom.
 *
 * @param maxBodyBytes the largest request body; larger ones get 413 before they are read whole
 * @param token when present, every route but {@code /health} needs {@code Authorization: Bearer TOKEN}
 * @param corsOrigins browser origins (e.g. {@code http://localhost:3000}) allowed to call the API;
 *     a request from any other origin is refused
 * @param jobs how many jobs run and wait at once, and how long finished ones are kept
 * @param connections connection timeouts and the host names accepted in {@code Host}
 * @param clients more tokens, one per client; each client sees only its own jobs (unless admin).
 *     With clients, {@code token} is the admin's
 * @param journal where jobs are recorded so they survive a restart (a file, or a database servers
 *     share); empty keeps them in memory only
 */
public record ServerConfig(String host, int port, long maxBodyBytes, Optional<String> token, List<String> corsOrigins,
    JobLimits jobs, Connections connections, List<ClientToken> clients, Optional<JournalTarget> journal) {

  /** Loopback only: the service runs Lean on whatever it is sent, so exposing it is a deliberate choice. */
  public static final String DEFAULT_HOST = "127.0.0.1";

  public static final int DEFAULT_PORT = 8080;

  /** Comfortably above any Lean file worth proving; a multi-megabyte paste is a mistake. */
  public static final long DEFAULT_MAX_BODY_BYTES = 1L << 20;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535: " + port);
    }
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("max body size must be positive: " + maxBodyBytes);
    }
    Objects.requireNonNull(token, "token");
    if (token.isPresent() && token.get().isBlank()) {
      throw new IllegalArgumentException("the token must not be blank");
    }
    corsOrigins = List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      checkOrigin(origin);
    }
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(connections, "connections");
    Objects.requireNonNull(journal, "journal");
    clients = List.copyOf(clients);
    ClientToken.requireDistinct(clients);
    for (ClientToken c : clients) {
      if (token.isPresent() && (c.token().equals(token.get()) || c.name().equals(TokenAuth.ADMIN_NAME))) {
        throw new IllegalArgumentException("client " + c.name() + " clashes with --token (the admin's token, named "
            + TokenAuth.ADMIN_NAME + ")");
      }
    }
  }

  /** No token, no CORS origins, default job limits. */
  public ServerConfig(String host, int port, long maxBodyBytes) {
    this(host, port, maxBodyBytes, Optional.empty(), List.of(), JobLimits.DEFAULT, Connections.DEFAULT, List.of(), Optional.empty());
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
  }

  public ServerConfig withToken(String newToken) {
    return new ServerConfig(host, port, maxBodyBytes, Optional.of(newToken), corsOrigins, jobs, connections, clients, journal);
  }

  public ServerConfig withCorsOrigins(List<String> origins) {
    return new ServerConfig(host, port, maxBodyBytes, token, origins, jobs, connections, clients, journal);
  }

  public ServerConfig withJobs(JobLimits limits) {
    return new ServerConfig(host, port, maxBodyBytes, token, corsOrigins, limits, connections, clients, journal);
  }

  public ServerConfig withConnections(Connections newConnections) {
    return new ServerConfig(host, port, maxBodyBytes, token, corsOrigins, jobs, newConnections, clients, journal);
  }

  public ServerConfig withClients(List<ClientToken> newClients) {
    return new ServerConfig(host, port, maxBodyBytes, token, corsOrigins, jobs, connections, newClients, journal);
  }

  public ServerConfig withJournal(Path file) {
    return withJournal(JournalTarget.file(file));
  }

  public ServerConfig withJournal(JournalTarget target) {
    return new ServerConfig(host, port, maxBodyBytes, token, corsOrigins, jobs, connections, clients, Optional.of(target));
  }

  // A browser sends the Origin header as scheme://host[:port] exactly; anything else would never match.
  private static void checkOrigin(String origin) {
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("CORS origin is not a URL: " + origin);
    }
    boolean bare = uri.getScheme() != null && uri.getHost() != null
        && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null && uri.getRawFragment() == null;
    if (!bare) {
      throw new IllegalArgumentException("CORS origin must look like http://host:port, without a path: " + origin);
    }
  }

  /** Never prints the token: configs end up in logs. */
  @Override
  public String toString() {
    return "ServerConfig[host=" + host + ", port=" + port + ", maxBodyBytes=" + maxBodyBytes
        + ", token=" + (token.isPresent() ? "(set)" : "(none)") + ", corsOrigins=" + corsOrigins + ", jobs=" + jobs
        + ", connections=" + connections + ", clients=" + clients + ", journal=" + journal.map(JournalTarget::describe) + "]";
  }
}
