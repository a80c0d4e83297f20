package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.api.ApiVerticle;
import dev.leanprove.orchestrator.api.ClientToken;
import dev.leanprove.orchestrator.api.Connections;
import dev.leanprove.orchestrator.api.ServerConfig;
import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.job.JournalTarget;
import dev.leanprove.orchestrator.job.JournalUnavailableException;
import dev.leanprove.orchestrator.job.PostgresTarget;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove serve}: the HTTP API until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serves the HTTP API (proving, checking, jobs with progress events and cancel).",
        "Routes: POST /prove (sync or async jobs), GET/DELETE /jobs/{id}, GET /jobs/{id}/events (SSE),",
        "POST /check, GET /health, GET /engines, GET /metrics (Prometheus), GET /openapi.yaml.",
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

  @Option(names = "--token", paramLabel = "TOKEN",
      description = "Require Authorization: Bearer TOKEN on every route but /health (default: $LEANPROVE_TOKEN; none: no auth).")
  String token;

  @Option(names = "--tokens-file", paramLabel = "FILE",
      description = "One client per line, NAME TOKEN (or NAME TOKEN admin); each client sees only its own jobs, "
          + "admins (and --token) see all.")
  Path tokensFile;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN", split = ",",
      description = "Browser origin allowed to call the API, e.g. http://localhost:3000 (repeatable). "
          + "Requests from other origins are refused.")
  List<String> corsOrigins = List.of();

  @Option(names = "--max-jobs", paramLabel = "N", defaultValue = "" + JobLimits.DEFAULT_MAX_RUNNING,
      description = "Proof jobs running at once; more wait in the queue (default: ${DEFAULT-VALUE}).")
  int maxJobs;

  @Option(names = "--queue-size", paramLabel = "N", defaultValue = "" + JobLimits.DEFAULT_QUEUE_SIZE,
      description = "Jobs waiting at most; beyond that POST /prove answers 429 with Retry-After (default: ${DEFAULT-VALUE}).")
  int queueSize;

  @Option(names = "--keep-raw-output", paramLabel = "KB", defaultValue = "" + JobLimits.DEFAULT_KEEP_RAW_OUTPUT_BYTES / 1024,
      description = "Raw model output a finished job keeps of its attempts that did not prove, in KB: each keeps "
          + "the beginning of its answer (at most 4 KB) with a note of what was dropped; what proved is kept whole "
          + "(default: ${DEFAULT-VALUE}). Batch logs always keep everything.")
  long keepRawOutputKb;

  @Option(names = "--keep-finished-mb", paramLabel = "MB", defaultValue = "" + JobLimits.DEFAULT_KEEP_FINISHED_BYTES / (1024 * 1024),
      description = "What all finished jobs together keep in memory at most, in MB of text; beyond it the oldest "
          + "finished jobs are forgotten first (default: ${DEFAULT-VALUE}).")
  long keepFinishedMb;

  @Option(names = "--allowed-host", paramLabel = "NAME", split = ",",
      description = "Host name clients may use to reach the server, e.g. prover.example.org (repeatable). "
          + "Requests naming another host in their Host header get 421 (DNS rebinding); IP addresses the server "
          + "listens on, and localhost when it listens on loopback, are always allowed.")
  List<String> allowedHosts = List.of();

  @Option(names = "--request-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "Time a client has to send a request's head, and then its body; slower connections are closed "
          + "(default: ${DEFAULT-VALUE}).")
  long requestTimeoutSeconds;

  @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Time a kept-alive connection may wait for its next request (default: ${DEFAULT-VALUE}).")
  long idleTimeoutSeconds;

  @Option(names = "--journal", paramLabel = "FILE|URL",
      description = "Where jobs are recorded so finished results survive a restart and unfinished jobs run again: "
          + "a file (default: .leanprove-jobs.jsonl in the workspace), or a PostgreSQL database several servers "
          + "share, postgresql://HOST[:PORT]/DB or jdbc:postgresql://... (user from the URL or $PGUSER, "
          + "password from $PGPASSWORD or --journal-password-file).")
  String journal;

  @Option(names = "--journal-password-file", paramLabel = "FILE",
      description = "The PostgreSQL journal's password, on the file's first line (instead of $PGPASSWORD).")
  Path journalPasswordFile;

  @Option(names = "--no-journal", description = "Keep jobs in memory only: a restart forgets them.")
  boolean noJournal;

  @Mixin
  LeanOptions lean;

  @Mixin
  EngineOptions engine;

  @Mixin
  ClusterOptions cluster;

  @Mixin
  LogOptions logs;

  /** How long a stop (SIGTERM, Ctrl-C) waits for jobs to be cancelled and their Lean processes to be gone. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(30);

  /** Check files older than this in the workspace are leftovers: no Lean run lives that long. */
  static final Duration STALE_CHECK_FILE_AGE = Duration.ofHours(6);

  /** Next to the workspace's other server-side state (its check files). */
  static final String DEFAULT_JOURNAL_NAME = ".leanprove-jobs.jsonl";

  private final CliEnvironment env;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);

  ServeCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    logs.install(env);
    ServerConfig config = serverConfig();
    PrintWriter out = spec.commandLine().getOut();
    // The service runs Lean on whatever clients send: never unconfined unless the operator says so.
    // A cluster coordinator runs no Lean itself; its workers are sandboxed where they run.
    if (!cluster.enabled) {
      lean.requireSandbox();
    }
    try {
      return serve(config, out);
    } finally {
      closed.countDown();
    }
  }

  /**
   * Serves until a stop signal. The JVM runs its shutdown hooks and then halts, whatever other
   * threads are doing, so the hook waits here (bounded) until the server has stopped accepting,
   * every job is cancelled and every Lean process tree is gone, as {@code BatchCommand}'s does.
   */
  private Integer serve(ServerConfig config, PrintWriter out) throws InterruptedException {
    try (Services services = Services.start(env, lean, engine, engine.budget(), cluster.config())) {
      if (services.bridge.isPresent() && !services.bridge.get().sandboxed()) {
        spec.commandLine().getErr().println("leanprove: warning: --no-sandbox: Lean runs unsandboxed on what clients send");
        spec.commandLine().getErr().flush();
      }
      JsonObject status = new JsonObject()
          .put("lean", services.leanVersion)
          .put("defaultEngine", services.engines.defaultName());
      services.bridge.ifPresent(b -> status.put("sandbox", b.sandboxed()).put("workspace", b.workspace().dir().toString()));
      cluster.config().ifPresent(c -> status.put("cluster", c.host() + ":" + c.port()));
      // Check files of a process that died mid-check; a live one's are younger than any Lean run.
      services.bridge.ifPresent(b -> b.workspace().sweepCheckFiles(STALE_CHECK_FILE_AGE));
      String deployment;
      ApiVerticle api = new ApiVerticle(config, services.verifier, services.prover, services.engines,
          engine.budget(), () -> status, Optional.of(services.metrics));
      try {
        deployment = services.vertx.deployVerticle(api).await();
      } catch (JournalUnavailableException e) {
        throw new ExitException(ExitCodes.ENVIRONMENT, e.getMessage());
      } catch (RuntimeException e) {
        throw new ExitException(ExitCodes.ENVIRONMENT, "cannot listen on " + host + ":" + port + ": " + e.getMessage());
      }
      out.printf("leanprove listening on http://%s:%d (Lean %s, engine %s, %s)%n", host, api.actualPort(),
          services.leanVersion, services.engines.defaultName(),
          config.token().isPresent() || !config.clients().isEmpty() ? "bearer token required" : "no token");
      out.flush();
      Runtime.getRuntime().addShutdownHook(new Thread(this::stopAndWait, "leanprove-serve-stop"));
      stopped.await();
      PrintWriter err = spec.commandLine().getErr();
      err.printf("leanprove: stopping: %d running and %d queued jobs are cancelled%n", api.jobs().runningCount(),
          api.jobs().queuedCount());
      err.flush();
      // Stop accepting and cancel every job (killing its Lean processes) before the runner closes.
      services.vertx.undeploy(deployment)
          .await(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      spec.commandLine().getErr().println("leanprove: jobs did not stop within " + SHUTDOWN_GRACE.toSeconds()
          + " s; their Lean processes are killed now");
    }
    return ExitCodes.OK;
  }

  private void stopAndWait() {
    stopped.countDown();
    try {
      closed.await(SHUTDOWN_GRACE.toMillis() + 15_000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ServerConfig serverConfig() {
    // An empty LEANPROVE_TOKEN means unset; an explicit blank --token is a mistake the config reports.
    Optional<String> bearer = token != null
        ? Optional.of(token)
        : Optional.ofNullable(env.get("LEANPROVE_TOKEN")).filter(t -> !t.isBlank());
    try {
      JobLimits jobs = JobLimits.DEFAULT.withMaxRunning(maxJobs).withQueueSize(queueSize)
          .withKeepRawOutputBytes(keepRawOutputKb * 1024).withKeepFinishedBytes(keepFinishedMb * 1024 * 1024);
      Connections connections = new Connections(Duration.ofSeconds(requestTimeoutSeconds),
          Duration.ofSeconds(idleTimeoutSeconds), allowedHosts);
      List<ClientToken> clients = tokensFile == null ? List.of() : ClientToken.readFile(tokensFile);
      return new ServerConfig(host, port, maxBodyKb * 1024L, bearer, corsOrigins, jobs, connections, clients, journalTarget());
    } catch (IllegalArgumentException e) {
      throw new ExitException(ExitCodes.USAGE, e.getMessage());
    } catch (IOException e) {
      throw new ExitException(ExitCodes.USAGE, "cannot read the tokens file " + tokensFile + ": " + e);
    }
  }

  private Optional<JournalTarget> journalTarget() {
    boolean database = journal != null && PostgresTarget.isUrl(journal);
    if (journalPasswordFile != null && !database) {
      throw new IllegalArgumentException("--journal-password-file is for a PostgreSQL journal (--journal postgresql://...)");
    }
    if (noJournal) {
      return Optional.empty();
    }
    if (!database) {
      return Optional.of(JournalTarget.file(journal != null ? Path.of(journal) : lean.workspaceDir(env).resolve(DEFAULT_JOURNAL_NAME)));
    }
    Optional<String> password = Optional.ofNullable(env.get("PGPASSWORD"));
    if (journalPasswordFile != null) {
      try {
        password = Files.readAllLines(journalPasswordFile, StandardCharsets.UTF_8).stream().findFirst().map(String::strip);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the journal password file " + journalPasswordFile + ": " + e);
      }
    }
    return Optional.of(PostgresTarget.parse(journal, Optional.ofNullable(env.get("PGUSER")), password));
  }
}
