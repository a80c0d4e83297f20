package dev.leanprove.orchestrator.api;

import java.util.Objects;

/**
 * Where the HTTP API listens and what it accepts.
 *
 * @param maxBodyBytes the largest request body; larger ones get 413 before they are read whole
 */
public record ServerConfig(String host, int port, long maxBodyBytes) {

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
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_MAX_BODY_BYTES);
  }
}
