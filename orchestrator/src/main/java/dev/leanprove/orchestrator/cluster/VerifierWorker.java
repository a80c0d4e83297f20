package dev.leanprove.orchestrator.cluster;

import dev.leanprove.leanbridge.source.LeanSource;
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
    CompletableFuture<JsonObject> reply;
    try {
      reply = run(request);
    } catch (RuntimeException e) {
      // The verifier refuses input the coordinator must not retry elsewhere (no such theorem, too large).
      message.fail(422, String.valueOf(e.getMessage()));
      return;
    }
    inFlight.put(request.id(), reply);
    Future.fromCompletionStage(reply, context)
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

  private CompletableFuture<JsonObject> run(VerifyRequest request) {
    switch (request.kind()) {
      case FILE:
        return verifier.check(LeanSource.parse(request.text()))
            .thenApply(r -> new JsonObject().put("report", VerdictWire.report(r)));
      case SKETCH:
        return verifier.verifySketch(request.candidate()).thenApply(v -> new JsonObject().put("verdict", VerdictWire.verdict(v)));
      default:
        return (request.timeout().isPresent()
            ? verifier.verify(request.candidate(), request.timeout().get())
            : verifier.verify(request.candidate()))
            .thenApply(v -> new JsonObject().put("verdict", VerdictWire.verdict(v)));
    }
  }

  /** Stops announcing, unregisters, and cancels what still runs (killing its Lean processes). */
  public Future<Void> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    inFlight.values().forEach(f -> f.cancel(true));
    inFlight.clear();
    return Future.all(requests.unregister(), cancels.unregister()).mapEmpty();
  }
}
