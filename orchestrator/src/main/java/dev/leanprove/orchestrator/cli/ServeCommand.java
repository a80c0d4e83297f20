package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.api.ApiVerticle;
import dev.leanprove.orchestrator.api.ServerConfig;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove serve}: the HTTP API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the HTTP API: POST /prove, POST /check, GET /health, GET /engines.",
        "Binds 127.0.0.1 unless --host says otherwise: the service runs Lean on what it is sent."})
final class ServeCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = ServerConfig.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 picks one).")
  int port;

  @Option(names = "--max-body", paramLabel = "KB", defaultValue = "1024",
      description = "Largest request body in KB (default: ${DEFAULT-VALUE}).")
  int maxBodyKb;

  @Mixin
  LeanOptions lean;

  @Mixin
  EngineOptions engine;

  private final CliEnvironment env;
  private final CountDownLatch stopped = new CountDownLatch(1);

  ServeCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    ServerConfig config;
    try {
      config = new ServerConfig(host, port, maxBodyKb * 1024L);
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    try (Services services = Services.start(env, lean, engine, engine.budget())) {
      JsonObject status = new JsonObject()
          .put("lean", services.bridge.toolchain().leanVersion().toString())
          .put("workspace", services.bridge.workspace().dir().toString())
          .put("defaultEngine", services.engines.defaultName());
      ApiVerticle api = new ApiVerticle(config, services.bridge.verifier(), services.prover, services.engines,
          engine.budget(), () -> status);
      try {
        services.vertx.deployVerticle(api).await();
      } catch (RuntimeException e) {
        throw new ExitException(ExitCodes.ENVIRONMENT, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
      }
      out.printf("leanprove listening on http://%s:%d (Lean %s, engine %s)%n", host, api.actualPort(),
          services.bridge.toolchain().leanVersion(), services.engines.defaultName());
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "leanprove-serve-stop"));
      stopped.await();
    }
    return ExitCodes.OK;
  }
}
