package dev.leanprove.orchestrator.cluster;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.Verifier;
import dev.leanprove.orchestrator.metrics.Metrics;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The coordinator's verifier: sends every check to a cluster worker with free capacity, waits in a
 * queue while all are busy (back-pressure), gives each request a deadline, and sends it again to
 * another worker when its worker leaves or stops answering. A check is answered once, whatever
 * happens to the workers, so a batch counts every attempt exactly once.
 */
public final class ClusterVerifier implements Verifier, AutoCloseable {

  /** A worker silent for this long is gone: its checks go to the others. */
  public static final Duration FORGET_AFTER = VerifierWorker.HEARTBEAT.multipliedBy(3);

  /** A check is sent to at most this many workers before it is given up as a system error. */
  public static final int MAX_DISPATCHES = 3;

  /** Time on top of Lean's own limit for the worker to kill Lean and answer. */
  static final Duration REPLY_GRACE = Duration.ofSeconds(30);

  private static final Logger LOG = Logger.getLogger(ClusterVerifier.class.getName());

  private final Vertx vertx;
  private final Context context;
  private final Duration leanTimeout;
  private final Metrics metrics;
  private final AtomicLong ids = new AtomicLong();

  // Touched only on `context`: no locks, and an answer and a re-dispatch never race.
  private final Map<String, Worker> workers = new LinkedHashMap<>();
  private final Deque<Pending> queue = new ArrayDeque<>();
  private final Map<String, Pending> inFlight = new HashMap<>();
  private final List<Promise<String>> waitingForWorker = new ArrayList<>();
  private volatile int queued;
  private MessageConsumer<JsonObject> heartbeats;
  private long sweeper = -1;

  private ClusterVerifier(Vertx vertx, Duration leanTimeout, Metrics metrics) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.leanTimeout = leanTimeout;
    this.metrics = metrics;
  }

  /**
   * Starts listening for workers on a clustered Vert.x.
   *
   * @param leanTimeout the workers' Lean limit, so a request's deadline outlasts it
   */
  public static Future<ClusterVerifier> start(Vertx vertx, Duration leanTimeout, Metrics metrics) {
    ClusterVerifier verifier = new ClusterVerifier(vertx, leanTimeout, metrics);
    Promise<ClusterVerifier> started = Promise.promise();
    verifier.context.runOnContext(v -> {
      verifier.heartbeats = vertx.eventBus().consumer(VerifierWorker.HEARTBEATS, m -> verifier.heard(m.body()));
      verifier.sweeper = vertx.setPeriodic(VerifierWorker.HEARTBEAT.toMillis(), id -> verifier.forgetSilentWorkers());
      metrics.gauge("leanprove_cluster_queue", "Checks waiting for a free worker slot", verifier, c -> c.queued);
      verifier.heartbeats.completion().map(x -> verifier).onComplete(started);
    });
    return started.future();
  }

  /** The Lean version of the first worker to join, once one has (within {@code wait}). */
  public Future<String> firstWorker(Duration wait) {
    Promise<String> lean = Promise.promise();
    context.runOnContext(v -> {
      Optional<Worker> any = workers.values().stream().findFirst();
      if (any.isPresent()) {
        lean.complete(any.get().lean);
        return;
      }
      waitingForWorker.add(lean);
      vertx.setTimer(wait.toMillis(), id -> lean.tryFail("no worker joined the cluster within " + wait.toSeconds()
          + " s; start one with `leanprove worker --cluster-members …`"));
    });
    return lean.future();
  }

  /** How many workers the coordinator currently knows. */
  public Future<Integer> workerCount() {
    Promise<Integer> count = Promise.promise();
    context.runOnContext(v -> count.complete(workers.size()));
    return count.future();
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate) {
    return verdict(VerifyRequest.Kind.PROOF, candidate, Optional.empty());
  }

  @Override
  public CompletableFuture<Verdict> verify(ProofCandidate candidate, Duration timeout) {
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return verdict(VerifyRequest.Kind.PROOF, candidate, Optional.of(timeout));
  }

  @Override
  public CompletableFuture<Verdict> verifySketch(ProofCandidate candidate) {
    return verdict(VerifyRequest.Kind.SKETCH, candidate, Optional.empty());
  }

  @Override
  public CompletableFuture<FileReport> check(LeanSource source) {
    CompletableFuture<JsonObject> reply = submit(VerifyRequest.file(nextId(), source));
    CompletableFuture<FileReport> report = reply.handle((json, error) -> {
      if (error != null) {
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
          throw (CancellationException) cause;
        }
        return new FileReport(ReasonCode.SYSTEM_ERROR, List.of(), List.of(), Duration.ZERO, cause.getMessage());
      }
      return VerdictWire.report(json.getJsonObject("report"));
    });
    cancelsUpstream(report, reply);
    return report;
  }

  private CompletableFuture<Verdict> verdict(VerifyRequest.Kind kind, ProofCandidate candidate, Optional<Duration> timeout) {
    // The same contract as the local verifier: a missing theorem is the caller's mistake, said at once.
    candidate.source().theorem(candidate.theoremName())
        .orElseThrow(() -> new IllegalArgumentException("no theorem named " + candidate.theoremName()));
    CompletableFuture<JsonObject> reply = submit(VerifyRequest.of(nextId(), kind, candidate, timeout));
    CompletableFuture<Verdict> verdict = reply.handle((json, error) -> {
      if (error != null) {
        Throwable cause = unwrap(error);
        if (cause instanceof CancellationException) {
          throw (CancellationException) cause;
        }
        return Verdict.withoutLean(ReasonCode.SYSTEM_ERROR, cause.getMessage());
      }
      return VerdictWire.verdict(json.getJsonObject("verdict"));
    });
    cancelsUpstream(verdict, reply);
    return verdict;
  }

  private static void cancelsUpstream(CompletableFuture<?> downstream, CompletableFuture<?> upstream) {
    // CompletableFuture does not pass cancellation upstream; the worker's Lean run must die with the caller's request.
    downstream.whenComplete((r, e) -> {
      if (downstream.isCancelled()) {
        upstream.cancel(true);
      }
    });
  }

  private String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  private CompletableFuture<JsonObject> submit(VerifyRequest request) {
    Pending p = new Pending(request);
    p.result.whenComplete((r, e) -> {
      if (p.result.isCancelled()) {
        context.runOnContext(v -> cancel(p));
      }
    });
    context.runOnContext(v -> {
      queue.addLast(p);
      pump();
    });
    return p.result;
  }

  private void heard(JsonObject heartbeat) {
    String node = heartbeat.getString("node");
    if (heartbeat.getBoolean("leaving", false)) {
      forget(node, "stopped");
      return;
    }
    Worker w = workers.get(node);
    if (w == null) {
      w = new Worker(node, heartbeat.getInteger("capacity", 1), heartbeat.getString("lean", "?"));
      workers.put(node, w);
      Worker added = w;
      metrics.gauge("leanprove_cluster_worker_busy", "Checks a cluster worker runs for this coordinator",
          added, x -> x.busy, "worker", node);
      LOG.info(() -> "worker " + node + " joined (capacity " + added.capacity + ", Lean " + added.lean + ")");
      List<Promise<String>> waiting = List.copyOf(waitingForWorker);
      waitingForWorker.clear();
      waiting.forEach(pr -> pr.tryComplete(added.lean));
    }
    w.lastSeen = System.nanoTime();
    pump();
  }

  private void forgetSilentWorkers() {
    long now = System.nanoTime();
    workers.values().stream().filter(w -> now - w.lastSeen > FORGET_AFTER.toNanos()).map(w -> w.node).toList()
        .forEach(node -> forget(node, "left or stopped answering"));
  }

  /** Drops a worker until it announces itself again; its checks go to the others. */
  private void forget(String node, String why) {
    if (workers.remove(node) == null) {
      return;
    }
    LOG.warning(() -> "worker " + node + " " + why + "; its checks go to the others");
    List<Pending> orphans = inFlight.values().stream().filter(p -> node.equals(p.worker)).toList();
    for (Pending p : orphans) {
      inFlight.remove(p.request.id());
      p.worker = null;
      metrics.redispatched(node);
      redispatch(p, "worker " + node + " " + why);
    }
    pump();
  }

  private void pump() {
    while (!queue.isEmpty()) {
      Optional<Worker> free = workers.values().stream()
          .filter(w -> w.busy < w.capacity)
          .max(Comparator.comparingInt(w -> w.capacity - w.busy));
      if (free.isEmpty()) {
        break;
      }
      Pending p = queue.pollFirst();
      if (!p.result.isDone()) {
        send(p, free.get());
      }
    }
    queued = queue.size();
  }

  private void send(Pending p, Worker w) {
    w.busy++;
    p.worker = w.node;
    p.dispatches++;
    inFlight.put(p.request.id(), p);
    long started = System.nanoTime();
    Duration deadline = p.request.timeout().orElse(leanTimeout).plus(REPLY_GRACE);
    vertx.eventBus().<JsonObject>request(VerifierWorker.requestAddress(w.node), p.request.toJson(),
            new DeliveryOptions().setSendTimeout(deadline.toMillis()))
        .onComplete(ar -> {
          if (inFlight.get(p.request.id()) != p || !w.node.equals(p.worker)) {
            return; // superseded: the check was already sent elsewhere or cancelled
          }
          inFlight.remove(p.request.id());
          w.busy--;
          if (ar.succeeded()) {
            JsonObject body = ar.result().body();
            recordVerdict(w, body, Duration.ofNanos(System.nanoTime() - started));
            p.result.complete(body);
          } else if (ar.cause() instanceof ReplyException && ((ReplyException) ar.cause()).failureCode() == 422) {
            p.result.completeExceptionally(new IllegalArgumentException(ar.cause().getMessage()));
          } else {
            // A worker that failed a request is not trusted with the next until it announces itself again.
            metrics.redispatched(w.node);
            redispatch(p, "worker " + w.node + ": " + describe(ar.cause()));
            forget(w.node, "failed a check (" + describe(ar.cause()) + ")");
          }
          pump();
        });
  }

  private void recordVerdict(Worker w, JsonObject body, Duration wall) {
    JsonObject verdict = body.getJsonObject("verdict");
    String code = verdict != null ? verdict.getString("code") : body.getJsonObject("report").getString("status");
    metrics.verifiedBy(w.node, ReasonCode.valueOf(code), wall);
  }

  private void redispatch(Pending p, String why) {
    if (p.result.isDone()) {
      return;
    }
    if (p.dispatches >= MAX_DISPATCHES) {
      p.result.completeExceptionally(new IllegalStateException(
          "no cluster worker finished this check after " + p.dispatches + " tries; last: " + why));
      return;
    }
    queue.addFirst(p);
  }

  private void cancel(Pending p) {
    queue.remove(p);
    if (inFlight.remove(p.request.id(), p) && p.worker != null) {
      Worker w = workers.get(p.worker);
      if (w != null) {
        w.busy--;
      }
      vertx.eventBus().send(VerifierWorker.cancelAddress(p.worker), p.request.id());
      p.worker = null;
    }
    pump();
  }

  private static String describe(Throwable e) {
    if (e instanceof ReplyException) {
      ReplyFailure type = ((ReplyException) e).failureType();
      return type.name().toLowerCase() + " (" + e.getMessage() + ")";
    }
    return String.valueOf(e.getMessage());
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** Stops listening for workers and cancels every check still waiting or running. */
  @Override
  public void close() {
    context.runOnContext(v -> {
      if (sweeper >= 0) {
        vertx.cancelTimer(sweeper);
      }
      if (heartbeats != null) {
        heartbeats.unregister();
      }
      List<Pending> all = new ArrayList<>(queue);
      all.addAll(inFlight.values());
      all.forEach(p -> p.result.cancel(true));
    });
  }

  /** A worker as the coordinator sees it. */
  private static final class Worker {
    final String node;
    final int capacity;
    final String lean;
    volatile int busy;
    long lastSeen = System.nanoTime();

    Worker(String node, int capacity, String lean) {
      this.node = node;
      this.capacity = capacity;
      this.lean = lean;
    }
  }

  /** A check and where it is. */
  private static final class Pending {
    final VerifyRequest request;
    final CompletableFuture<JsonObject> result = new CompletableFuture<>();
    String worker;
    int dispatches;

    Pending(VerifyRequest request) {
      this.request = request;
    }
  }
}
