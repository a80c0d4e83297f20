package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.cluster.ClusterConfig;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How a node joins a leanprove cluster: TCP-IP members, this node's address and port. */
final class ClusterOptions {

  @Option(names = "--cluster", description = "Verify on cluster workers (`leanprove worker`) instead of local Lean.")
  boolean enabled;

  @Option(names = "--cluster-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address this node binds and announces to the cluster (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--cluster-port", paramLabel = "PORT", defaultValue = "" + ClusterConfig.DEFAULT_PORT,
      description = "Hazelcast port of this node (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--cluster-members", paramLabel = "HOST:PORT", split = ",",
      description = "Other cluster members to join through (repeatable or comma-separated).")
  List<String> members = List.of();

  /** The join configuration, or empty when this command runs without a cluster. */
  Optional<ClusterConfig> config() {
    return enabled ? Optional.of(join()) : Optional.empty();
  }

  /** The join configuration regardless of --cluster (a worker is always clustered). */
  ClusterConfig join() {
    try {
      return new ClusterConfig(host, port, members);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
