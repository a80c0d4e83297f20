package dev.leanprove.orchestrator.cluster;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A cluster worker: runs the verify requests sent to its own address on its local verifier (its
 * bounded Lean pool), and announces itself and its capacity once a second so coordinators can
 * dispatch to it and notice when it is gone.
 */
public final class VerifierWorker {

  /** Where workers announce themselves (published, so every coordinator hears). */
  public static final String HEARTBEATS = "leanprove.workers";

  /** How often a worker announces itself; a coordinator forgets a worker silent for three of these. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(VerifierWorker.class.getName());

  private final Vertx vertx;
  private final Verifier verifier;
  private final int capacity;
  private final String lean;
  private final String node = UUID.randomUUID().toString();
  private final Map<String, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();
  private MessageConsumer<JsonObject> requests;
  private MessageConsumer<String> cancels;
  private long timer = -1;

  /**
   * @param capacity how many checks this worker runs at once (its Lean pool's size)
   * @param lean the Lean version it runs, reported to coordinators
   */
  public VerifierWorker(Vertx vertx, Verifier verifier, int capacity, String lean) {
    if (capacity < 1) {
      throw new IllegalArgumentException("worker capacity must be at least 1: " + capacity);
    }
    this.vertx = vertx;
    this.verifier = verifier;
    this.capacity = capacity;
    this.lean = lean;
  }

  public String node() {
    return node;
  }

  /** How many checks this worker runs now. */
  int running() {
    return inFlight.size();
  }

  static String requestAddress(String node) {
    return "leanprove.verify." + node;
  }

  static String cancelAddress(String node) {
    return "leanprove.cancel." + node;
  }

  /** Registers the worker's addresses cluster-wide, then starts announcing it. */
  public Future<Void> start() {
    requests = vertx.eventBus().consumer(requestAddress(node), this::handle);
    cancels = vertx.eventBus().consumer(cancelAddress(node), m -> {
      CompletableFuture<?> running = inFlight.remove(m.body());
      if (running != null) {
        running.cancel(true);
      }
    });
    return Future.all(requests.completion(), cancels.completion()).map(all -> {
      announce();
      timer = vertx.setPeriodic(HEARTBEAT.toMillis(), id -> announce());
      return null;
    });
  }

  private void announce() {
    vertx.eventBus().publish(HEARTBEATS, new JsonObject().put("node", node).put("capacity", capacity)
        .put("lean", lean).put("busy", inFlight.size()));
  }

  private void handle(Message<JsonObject> message) {
    Context context = vertx.getOrCreateContext();
    VerifyRequest request;
    try {
      request = VerifyRequest.fromJson(message.body());
    } catch (RuntimeException e) {
      message.fail(400, "malformed verify request: " + e.getMessage());
      return;
    }
    CompletableFuture<?> check;
    try {
      check = start(request);
    } catch (RuntimeException e) {
      // The verifier refuses input the coordinator must not retry elsewhere (no such theorem, too large).
      message.fail(422, String.valueOf(e.getMessage()));
      return;
    }
    // The verifier's own future is what a cancel must reach: cancelling a derived stage would leave Lean running.
    inFlight.put(request.id(), check);
    Future.fromCompletionStage(check, context)
        .map(VerifierWorker::encode)
        .onComplete(ar -> {
          inFlight.remove(request.id());
          if (ar.succeeded()) {
            message.reply(ar.result());
          } else {
            LOG.fine(() -> "verify " + request.id() + " failed: " + ar.cause());
            message.fail(500, String.valueOf(ar.cause().getMessage()));
          }
        });
  }

  private CompletableFuture<?> start(VerifyRequest request) {
    switch (request.kind()) {
      case FILE:
        return verifier.check(LeanSource.parse(request.text()));
      case SKETCH:
        return verifier.verifySketch(request.candidate());
      default:
        return request.timeout().isPresent()
            ? verifier.verify(request.candidate(), request.timeout().get())
            : verifier.verify(request.candidate());
    }
  }

  private static JsonObject encode(Object result) {
    return result instanceof FileReport
        ? new JsonObject().put("report", VerdictWire.report((FileReport) result))
        : new JsonObject().put("verdict", VerdictWire.verdict((Verdict) result));
  }

  /** Stops announcing, unregisters, and cancels what still runs (killing its Lean processes). */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    vertx.eventBus().publish(HEARTBEATS, new JsonObject().put("node", node).put("leaving", true));
    inFlight.values().forEach(f -> f.cancel(true));
    inFlight.clear();
    return Future.all(requests.unregister(), cancels.unregister()).mapEmpty();
  }
}
