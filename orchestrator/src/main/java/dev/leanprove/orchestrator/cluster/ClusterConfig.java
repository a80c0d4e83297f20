package dev.leanprove.orchestrator.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How this node joins the cluster.
 *
 * @param host the address this node binds and announces (Hazelcast and the event bus)
 * @param port Hazelcast's port on {@code host}; the event bus takes a free port next to it
 * @param members {@code host:port} of other members to join through (TCP-IP discovery, any network)
 */
public record ClusterConfig(String host, int port, List<String> members) {

  /** Hazelcast's own default port. */
  public static final int DEFAULT_PORT = 5701;

  public ClusterConfig {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("cluster host must not be blank");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("cluster port must be between 1 and 65535: " + port);
    }
    members = List.copyOf(members);
    for (String m : members) {
      if (!m.matches("[^\\s:]+(:\\d{1,5})?")) {
        throw new IllegalArgumentException("cluster member must be HOST or HOST:PORT: \"" + m + "\"");
      }
    }
  }
}
