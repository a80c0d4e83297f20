package dev.leanprove.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.VerifierKind;
import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.orchestrator.engine.BreakerPolicy;
import dev.leanprove.orchestrator.engine.EngineConfig;
import dev.leanprove.orchestrator.job.JobLimits;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.CandidateChecker;
import dev.leanprove.orchestrator.search.FileProver;
import dev.leanprove.orchestrator.search.SearchSettings;
import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.ProverFixture;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service under a bounded soak, on loopback only: 1 000 jobs posted over HTTP to the real API
 * (job registry, prover, engines over the stand-in model server, the sandboxed warm-REPL verifier
 * as {@code serve} builds it), a tenth of them with a model or Lean fault, some cancelled while they
 * run and some followed by event streams that drop. Every job must end as its kind says, and
 * afterwards nothing may be left: no Lean process but the pool's idle REPLs (none once the bridge
 * closes), no file in the workspace or the uploads folder, no thread beyond the named bounded pools,
 * no open connection on either server, no model request its client forgot.
 */
final class ServiceSoakTest {

  static final int JOBS = 1000;

  /** Lean's limit per check: a hang or a slow check ends as TIMEOUT after it, a clean check takes milliseconds. */
  static final Duration LEAN_TIMEOUT = Duration.ofSeconds(3);

  static final int LEAN_SLOTS = 4;

  static final String EASY = "(2 : ℝ) + 2 = 4";

  private static final Logger SERVICE_LOG = Logger.getLogger("dev.leanprove");

  /** What a job does, and so how it must end. One in every hundred jobs of each fault kind. */
  enum Kind {
    LEAN_HANG, LEAN_CRASH, LEAN_GARBAGE, LEAN_SLOW, CANCEL, MODEL_500, MODEL_STALL, MODEL_MALFORMED, MODEL_HUGE,
    MODEL_RESET, SSE_DROP, CLEAN_MODEL, CLEAN_UPLOAD, CLEAN;

    static Kind of(int i) {
      int k = i % 100;
      Kind[] faults = {LEAN_HANG, LEAN_CRASH, LEAN_GARBAGE, LEAN_SLOW, CANCEL, CANCEL, MODEL_500, MODEL_500, MODEL_500,
          MODEL_STALL, MODEL_MALFORMED, MODEL_MALFORMED, MODEL_MALFORMED, MODEL_HUGE, MODEL_HUGE, MODEL_RESET, MODEL_RESET,
          MODEL_RESET};
      if (k < faults.length) {
        return faults[k];
      }
      if (k < 24) {
        return SSE_DROP;
      }
      if (k < 30) {
        return CLEAN_MODEL;
      }
      if (k < 33) {
        return CLEAN_UPLOAD;
      }
      return CLEAN;
    }
  }

  @TempDir
  Path dir;

  ProverFixture f;
  LeanBridge bridge;
  ApiVerticle api;
  WebClient client;
  final List<SseClient> streams = new ArrayList<>();

  private final Level logLevel = SERVICE_LOG.getLevel();

  @BeforeEach
  void setUp() throws Exception {
    // A thousand "job accepted" lines say nothing here; failures still log.
    SERVICE_LOG.setLevel(Level.WARNING);
    Files.createDirectories(dir.resolve("fixture"));
    f = ProverFixture.start(dir.resolve("fixture"));
    f.lean.withRepl().proposition(EASY, "norm_num <;> done");
    f.model.ignoreMaxTokens();
  }

  private void startService() throws Exception {
    // As `serve --verifier repl` builds it: warm REPLs in bubblewrap where it works, the stand-in's oracle and log mounted in.
    bridge = LeanBridge.start(f.lean.systemEnv(), f.lean.workspace().dir(), VerifierConfig.DEFAULT.withTimeout(LEAN_TIMEOUT),
        LEAN_SLOTS, VerifierKind.REPL);
    // One stand-in server plays the healthy model and the faulty ones, told apart by theorem; a breaker open
    // for the whole endpoint would fail clean jobs by timing. Its opening is ResilientEngineTest's business.
    EngineConfig model = f.openAi().withBreaker(new BreakerPolicy(Integer.MAX_VALUE, Duration.ofSeconds(30)));
    SearchSettings settings = new SearchSettings(2, 1024, 1.0, 0.95, SearchSettings.DEFAULT.style(),
        java.util.OptionalLong.empty(), true, LEAN_TIMEOUT, 1, 1, 1);
    FileProver prover = new FileProver(bridge.verifier(), new CandidateChecker(bridge.verifier(), 1000),
        PromptLibrary.packaged(), f.registry(Optional.of(model)), settings, new Budget(8, 1_000_000, Duration.ofMinutes(1)),
        VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
    ServerConfig config = ApiServer.config()
        .withJobs(JobLimits.DEFAULT.withMaxRunning(8).withQueueSize(JOBS + 100).withKeepFinished(JOBS + 100));
    api = new ApiVerticle(config, bridge.verifier(), prover, f.registry(Optional.of(model)), new Budget(4, 100_000, Duration.ofSeconds(20)),
        () -> new JsonObject().put("lean", "4.24.0"));
    f.vertx.deployVerticle(api).await();
    client = WebClient.create(f.vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(api.actualPort()),
        new PoolOptions().setHttp1MaxSize(32));
  }

  @AfterEach
  void tearDown() {
    SERVICE_LOG.setLevel(logLevel);
    streams.forEach(SseClient::close);
    if (client != null) {
      client.close();
    }
    if (bridge != null) {
      bridge.close();
    }
    f.close();
  }

  @Test
  void thousandJobsWithFaults_allEndAsTheirKindSaysAndNothingLeaks() throws Exception {
    Path uploads = dir.resolve("client-files");
    Files.createDirectories(uploads);
    for (Kind kind : Kind.values()) {
      prepare(JOBS + kind.ordinal(), kind);
    }
    for (int i = 0; i < JOBS; i++) {
      prepare(i, Kind.of(i));
    }
    startService();
    // Warm-up: one job of each kind, so every pool has started what it keeps before the baseline is taken.
    Map<String, Kind> warm = new HashMap<>();
    for (Kind kind : Kind.values()) {
      int i = JOBS + kind.ordinal();
      warm.put(submit(i, kind, uploads), kind);
    }
    Map<String, JsonObject> warmEnds = awaitAllEnded(warm);
    assertEndsAsTheirKindSays(warm, warmEnds);
    awaitQuiet();
    Map<String, Integer> baselineThreads = threadsByPool();
    Set<Path> baselineFiles = files(f.lean.workspace().dir());

    Map<String, Kind> jobs = new HashMap<>();
    List<Future<String>> sent = new ArrayList<>();
    List<Kind> kinds = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      kinds.add(Kind.of(i));
      sent.add(submitAsync(i, Kind.of(i), uploads));
    }
    List<String> ids = Future.all(sent).await().list();
    for (int i = 0; i < JOBS; i++) {
      jobs.put(ids.get(i), kinds.get(i));
      follow(ids.get(i), kinds.get(i));
    }
    Map<String, JsonObject> ends = awaitAllEnded(jobs);

    Map<Kind, Map<String, Integer>> outcomes = tally(jobs, ends);
    System.out.println("SOAK outcomes by kind: " + outcomes);
    assertEndsAsTheirKindSays(jobs, ends);
    assertThat(outcomes.keySet()).as("every kind of job ran").containsExactlyInAnyOrder(Kind.values());

    streams.forEach(SseClient::close);
    client.close();
    client = null;
    awaitQuiet();

    // Connections: every client is gone, and no model request outlived its job.
    assertThat(api.openConnections()).as("connections open on the API server").isZero();
    assertThat(f.model.requestsInFlight()).as("model requests nobody waits for").isZero();
    // Lean: only the pool's idle REPLs (and the lake that started each) are left; no check is running.
    await(() -> f.lean.runningPrograms().getOrDefault("repl", 0L) <= LEAN_SLOTS,
        "at most the pool's REPLs left: " + f.lean.runningPrograms());
    Map<String, Long> running = f.lean.runningPrograms();
    assertThat(running.keySet()).as("stand-in programs still running: %s", running).isSubsetOf(Set.of("lake", "repl"));
    assertThat(running.getOrDefault("repl", 0L)).isLessThanOrEqualTo(LEAN_SLOTS);
    // Files: the workspace holds what it held after the warm-up; no upload is left.
    assertThat(files(f.lean.workspace().dir())).as("files in the workspace").isEqualTo(baselineFiles);
    assertThat(files(LeanRequest.uploadsFolder())).as("uploads").isEmpty();
    // Threads: the same pools as after the warm-up, none larger than its bound.
    Map<String, Integer> threads = threadsByPool();
    System.out.println("SOAK threads after warm-up " + baselineThreads + ", after the soak " + threads);
    assertThreadsWithinPools(baselineThreads, threads);

    // Stopping the service and the bridge leaves no process and no connection at all.
    f.vertx.undeploy(f.vertx.deploymentIDs().iterator().next()).await();
    bridge.close();
    bridge = null;
    await(() -> f.lean.runningPrograms().isEmpty(), "no stand-in process after the bridge closed: " + f.lean.runningPrograms());
    f.factory.close().await();
    await(() -> f.model.openConnections() == 0, "no connection open on the model server");
  }

  private String submit(int i, Kind kind, Path uploads) {
    String id = submitAsync(i, kind, uploads).await();
    follow(id, kind);
    return id;
  }

  /** For an SSE_DROP job, a client that follows its events and goes away after the first. */
  private void follow(String id, Kind kind) {
    if (kind == Kind.SSE_DROP) {
      streams.add(SseClient.open(f.vertx, api.actualPort(), "/jobs/" + id + "/events", Map.of(), 1));
    }
  }

  static String name(int i, Kind kind) {
    return "job_" + i + "_" + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Tells the stand-ins about job {@code i}: its faults, what the model answers and what Lean
   * accepts. Before any REPL starts, since a REPL reads the oracle once.
   */
  private void prepare(int i, Kind kind) {
    String name = name(i, kind);
    switch (kind) {
      case LEAN_SLOW:
        f.lean.delay(name, 600_000);
        break;
      case CANCEL:
        // Lean until its timeout, then a model that never answers until the budget: on a loaded machine the
        // poller may see the job running only after Lean's 3 s, and the cancel must still find it running.
        f.lean.delay(name, 600_000);
        f.model.injectFor(name, Fault.stall());
        break;
      case MODEL_500:
        f.model.injectFor(name, new Fault.Status(500, "{\"error\":{\"message\":\"Internal Server Error\",\"code\":500}}", null));
        break;
      case MODEL_STALL:
        f.model.injectFor(name, Fault.stall());
        break;
      case MODEL_MALFORMED:
        f.model.injectFor(name, Fault.malformedJson());
        break;
      case MODEL_HUGE:
        f.model.script(name, "```lean4\n" + "-- so much to say\n".repeat(30_000) + "```");
        break;
      case MODEL_RESET:
        f.model.injectFor(name, Fault.reset());
        break;
      case CLEAN_MODEL:
        f.lean.accept(name, modelProof(i));
        f.model.script(name, "The sum is ten.\n\n```lean4\ntheorem " + name + " : " + statement(kind) + " := by\n  "
            + modelProof(i) + "\n```\n");
        break;
      default:
        break;
    }
  }

  private static String modelProof(int i) {
    return "nlinarith [sq_nonneg ((" + i + " : ℝ) - 5)]";
  }

  private static String statement(Kind kind) {
    switch (kind) {
      case CLEAN:
      case CLEAN_UPLOAD:
      case SSE_DROP:
        return EASY;
      case CLEAN_MODEL:
        return "(5 : ℝ) + 5 = 10";
      default:
        return "(3 : ℝ) + 3 = 7";
    }
  }

  /** Posts job {@code i}; its id, once accepted. */
  private Future<String> submitAsync(int i, Kind kind, Path uploads) {
    String name = name(i, kind);
    String marker = "";
    if (kind == Kind.LEAN_HANG || kind == Kind.LEAN_CRASH || kind == Kind.LEAN_GARBAGE) {
      // After a declaration, so that the marker is in the checked body, not in the header a REPL imports once.
      marker = "def " + name + "_before : ℕ := 0\n\n-- FAKE_LEAN: " + kind.name().substring(5).toLowerCase(java.util.Locale.ROOT) + "\n";
    }
    JsonObject body = new JsonObject();
    if (kind.name().startsWith("MODEL_") || kind == Kind.CLEAN_MODEL) {
      // The model engine (the server's default); the portfolio cannot prove these, so the model is asked.
      if (kind == Kind.MODEL_STALL) {
        body.put("budget", new JsonObject().put("seconds", 2));
      }
    } else {
      body.put("engine", "portfolio");
    }
    String code = "import Mathlib\n\n" + marker + "theorem " + name + " : " + statement(kind) + " := by\n  sorry\n";
    Future<HttpResponse<Buffer>> posted;
    if (kind == Kind.CLEAN_UPLOAD) {
      Path file = uploads.resolve(name + ".lean");
      try {
        Files.writeString(file, code);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      posted = client.post("/prove").addQueryParam("async", "true").sendMultipartForm(
          MultipartForm.create().textFileUpload("file", name + ".lean", file.toString(), "text/plain").attribute("engine", "portfolio"));
    } else {
      posted = client.post("/prove").addQueryParam("async", "true").sendJsonObject(body.put("code", code));
    }
    return posted.map(r -> {
      if (r.statusCode() != 202) {
        throw new AssertionError("job " + name + ": expected 202, got " + r.statusCode() + ": " + r.bodyAsString());
      }
      return r.bodyAsJsonObject().getString("jobId");
    });
  }

  /** Polls the job list until every job has ended, cancelling each CANCEL job once it runs. Bounded. */
  private Map<String, JsonObject> awaitAllEnded(Map<String, Kind> jobs) {
    Set<String> cancelled = new TreeSet<>();
    Map<String, JsonObject> ended = new HashMap<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (ended.size() < jobs.size()) {
      if (System.nanoTime() > deadline) {
        Map<String, String> left = new TreeMap<>();
        jobs.forEach((id, kind) -> {
          if (!ended.containsKey(id)) {
            left.put(id, kind + " " + client.get("/jobs/" + id).send().await().bodyAsString());
          }
        });
        throw new AssertionError(left.size() + " jobs still not ended after 5 minutes (a hang, not slowness): " + left);
      }
      for (Object o : client.get("/jobs").addQueryParam("limit", Integer.toString(JobRoutes.MAX_LIST_LIMIT)).send().await().bodyAsJsonObject().getJsonArray("jobs")) {
        JsonObject job = (JsonObject) o;
        String id = job.getString("id");
        Kind kind = jobs.get(id);
        if (kind == null || ended.containsKey(id)) {
          continue;
        }
        String state = job.getString("state");
        if (kind == Kind.CANCEL && state.equals("running") && cancelled.add(id)) {
          assertThat(client.delete("/jobs/" + id).send().await().statusCode()).isEqualTo(200);
        }
        if (Set.of("succeeded", "failed", "cancelled").contains(state)) {
          ended.put(id, client.get("/jobs/" + id).send().await().bodyAsJsonObject());
        }
      }
      ApiServer.sleep(200);
    }
    return ended;
  }

  private static Map<Kind, Map<String, Integer>> tally(Map<String, Kind> jobs, Map<String, JsonObject> ends) {
    Map<Kind, Map<String, Integer>> tally = new EnumMap<>(Kind.class);
    jobs.forEach((id, kind) -> tally.computeIfAbsent(kind, k -> new TreeMap<>()).merge(outcome(kind, ends.get(id)), 1, Integer::sum));
    return tally;
  }

  /**
   * {@code state/result status/error code}, e.g. {@code failed/TIMEOUT/-}, and for a model fault
   * the theorem's detail up to its first colon (what the search says went wrong). A cancelled job
   * is only its state: what it had found by then depends on when the cancel came.
   */
  private static String outcome(Kind kind, JsonObject job) {
    if (kind == Kind.CANCEL) {
      return job.getString("state");
    }
    JsonObject result = job.getJsonObject("result");
    JsonObject error = job.getJsonObject("error");
    String outcome = job.getString("state") + "/" + (result == null ? "-" : result.getString("status")) + "/"
        + (error == null ? "-" : error.getString("code"));
    if (kind.name().startsWith("MODEL_") && result != null) {
      String detail = result.getJsonArray("theorems").getJsonObject(0).getString("detail");
      // A stalled model ends the search at its budget: while the request hangs, or before it is sent when the
      // portfolio's check already took the budget on a loaded machine. Both say so; only that is held to.
      if (kind == Kind.MODEL_STALL && detail.contains("budget")) {
        detail = "budget spent";
      }
      outcome += "/" + (detail.contains(":") ? detail.substring(0, detail.indexOf(':')) : detail);
    }
    return outcome;
  }

  /** Every job of a kind ended the one way that kind must: compared as tallies, so a failure shows them all. */
  private static void assertEndsAsTheirKindSays(Map<String, Kind> jobs, Map<String, JsonObject> ends) {
    Map<Kind, Map<String, Integer>> expected = new EnumMap<>(Kind.class);
    jobs.values().forEach(kind -> expected.computeIfAbsent(kind, k -> new TreeMap<>()).merge(expected(kind), 1, Integer::sum));
    assertThat(tally(jobs, ends)).as("outcomes (state/result status/error code) by kind").isEqualTo(expected);
  }

  private static String expected(Kind kind) {
    switch (kind) {
      case LEAN_HANG:
      case LEAN_SLOW:
        return "failed/TIMEOUT/-";
      case LEAN_CRASH:
      case LEAN_GARBAGE:
        return "failed/SYSTEM_ERROR/-";
      case CANCEL:
        return "cancelled";
      case MODEL_500:
        // Still unavailable after the retries: the model could not be used, as with a refused connection.
        return "failed/LEAN_ERROR/engine_unavailable/engine UNAVAILABLE";
      case MODEL_RESET:
        return "failed/LEAN_ERROR/engine_unavailable/engine CONNECTION";
      case MODEL_STALL:
        return "failed/LEAN_ERROR/-/budget spent";
      case MODEL_MALFORMED:
      case MODEL_HUGE:
        // Unreadable and oversized answers are dropped; only the portfolio's attempt is left to count.
        return "failed/LEAN_ERROR/-/not proved within the budget (1 attempt)";
      default:
        return "succeeded/PROVED/-";
    }
  }

  /** Waits (bounded) until nothing runs: no job, no model request, no Lean check, no SSE stream held. */
  private void awaitQuiet() {
    await(() -> api.jobs().runningCount() == 0 && api.jobs().queuedCount() == 0, "no job running or queued");
    await(() -> f.model.requestsInFlight() == 0, "no model request in flight");
    await(() -> !f.lean.runningPrograms().containsKey("lean"), "no Lean check running");
    if (client == null) {
      await(() -> api.openConnections() == 0, "no connection open on the API server");
    }
  }

  /**
   * Live threads by pool: the name without its trailing number ({@code vert.x-worker-thread-7} is
   * {@code vert.x-worker-thread}). Threads of one process run ({@code lean-io-N}) count under their pool too.
   */
  private static Map<String, Integer> threadsByPool() {
    Map<String, Integer> pools = new TreeMap<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()) {
        pools.merge(t.getName().replaceAll(" \\(pid \\d+\\)$", "").replaceAll("[-#]?\\d+$", ""), 1, Integer::sum);
      }
    }
    return pools;
  }

  /**
   * The pools that may grow past what the warm-up started, each to its bound: Vert.x's (its defaults),
   * the Lean pools (one thread per slot), one stderr reader per live REPL, and the JDK's process
   * reapers and the REPL pool's killers, cached pools whose idle threads end after a minute. Every
   * other thread must be one the warm-up already had; a pool the warm-up did not have is a leak.
   */
  private void assertThreadsWithinPools(Map<String, Integer> baseline, Map<String, Integer> after) {
    Map<String, Integer> bounds = Map.of(
        "vert.x-worker-thread", VertxOptions.DEFAULT_WORKER_POOL_SIZE,
        "vert.x-internal-blocking", VertxOptions.DEFAULT_INTERNAL_BLOCKING_POOL_SIZE,
        "vert.x-eventloop-thread", VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE,
        "lean-repl", LEAN_SLOTS,
        "lean-run", LEAN_SLOTS,
        "lean-repl-err", f.lean.runningPrograms().getOrDefault("repl", 0L).intValue(),
        "process reaper", 2 * LEAN_SLOTS,
        "lean-repl-kill", LEAN_SLOTS);
    assertThat(after.keySet()).as("thread pools after the soak, against those after the warm-up").isSubsetOf(baseline.keySet());
    after.forEach((pool, count) -> assertThat(count).as("threads of pool %s (after the warm-up: %s)", pool, baseline.get(pool))
        .isLessThanOrEqualTo(Math.max(baseline.get(pool), bounds.getOrDefault(pool, 0))));
  }

  private static Set<Path> files(Path root) throws IOException {
    if (!Files.exists(root)) {
      return Set.of();
    }
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(p -> !p.equals(root)).map(root::relativize).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static void await(BooleanSupplier condition, String what) {
    try {
      ProcessProbe.awaitCondition(condition, Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
    assertThat(condition.getAsBoolean()).as(what + " within 30 s").isTrue();
  }
}
