package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.orchestrator.cluster.ClusterConfig;
import dev.leanprove.orchestrator.cluster.ClusterNode;
import dev.leanprove.orchestrator.cluster.VerifierWorker;
import dev.leanprove.orchestrator.metrics.Metrics;
import dev.leanprove.orchestrator.metrics.MeteredVerifier;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code leanprove worker}: a cluster node that runs the coordinators' checks on its own Lean pool. */
@Command(name = "worker", mixinStandardHelpOptions = true,
    description = {"Joins a leanprove cluster and runs the checks coordinators send it (serve or batch with --cluster).",
        "Needs a set-up Lean workspace, like check; --lean-jobs is its capacity.",
        "Example: leanprove worker --cluster-host 10.0.0.5 --cluster-members 10.0.0.1:5701"})
final class WorkerCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  LeanOptions lean;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  LogOptions logs;

  private final CliEnvironment env;
  private final CountDownLatch stopped = new CountDownLatch(1);

  WorkerCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException, TimeoutException {
    logs.install(env);
    ClusterConfig join = cluster.join();
    PrintWriter out = spec.commandLine().getOut();
    try (LeanBridge bridge = lean.startBridge(env)) {
      Metrics metrics = new Metrics("worker-" + join.host() + ":" + join.port());
      Vertx vertx;
      try {
        vertx = ClusterNode.start(join, metrics).await();
      } catch (RuntimeException e) {
        throw new ExitException(ExitCodes.ENVIRONMENT, "cannot join the cluster on " + join.host() + ":" + join.port()
            + ": " + e.getMessage());
      }
      try {
        VerifierWorker worker = new VerifierWorker(vertx, new MeteredVerifier(bridge.verifier(), metrics),
            bridge.runner().capacity(), bridge.toolchain().leanVersion().toString());
        worker.start().await();
        out.printf("leanprove worker %s joined the cluster on %s:%d (capacity %d, Lean %s)%n", worker.node(), join.host(),
            join.port(), bridge.runner().capacity(), bridge.toolchain().leanVersion());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "leanprove-worker-stop"));
        stopped.await();
        worker.stop().await(10, TimeUnit.SECONDS);
      } finally {
        vertx.close().await(30, TimeUnit.SECONDS);
      }
    }
    return ExitCodes.OK;
  }
}
