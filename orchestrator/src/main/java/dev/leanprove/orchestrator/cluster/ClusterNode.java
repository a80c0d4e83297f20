package dev.leanprove.orchestrator.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import dev.leanprove.orchestrator.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Starts a clustered Vert.x on Hazelcast with TCP-IP discovery: no multicast, so it works on any network. */
public final class ClusterNode {

  /** The Hazelcast cluster name; nodes of other leanprove clusters on the same hosts stay apart by port and members. */
  public static final String CLUSTER_NAME = "leanprove";

  // Held so the level sticks (JUL keeps loggers weakly); Hazelcast's INFO chatter would drown ours.
  private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

  static {
    HAZELCAST_LOG.setLevel(Level.WARNING);
  }

  private ClusterNode() {}

  /** A clustered Vert.x joined through {@code config}'s members, its metrics in {@code metrics}. */
  public static Future<Vertx> start(ClusterConfig config, Metrics metrics) {
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost(config.host()).setPort(0);
    return metrics.vertxBuilder(options).withClusterManager(new HazelcastClusterManager(hazelcast(config))).buildClustered();
  }

  static Config hazelcast(ClusterConfig config) {
    // Vert.x's default file carries the maps its event bus needs; only discovery and timing change.
    Config hz = ConfigUtil.loadConfig();
    hz.setClusterName(CLUSTER_NAME);
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setProperty("hazelcast.logging.type", "jdk");
    // A worker killed with -9 must leave the member list in seconds, not the default minute.
    hz.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    hz.setProperty("hazelcast.max.no.heartbeat.seconds", "6");
    NetworkConfig network = hz.getNetworkConfig();
    network.setPort(config.port()).setPortAutoIncrement(false);
    network.getInterfaces().setEnabled(true).addInterface(config.host());
    network.setPublicAddress(config.host() + ":" + config.port());
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember(config.host() + ":" + config.port());
    config.members().forEach(m -> join.getTcpIpConfig().addMember(m));
    hz.getProperties().setProperty("hazelcast.socket.bind.any", "false");
    return hz;
  }
}
