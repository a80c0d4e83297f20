package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One model served from several endpoints: each request goes to the healthiest endpoint (not
 * cooling down after a failure, fewest requests in flight), and a request an endpoint could not
 * serve (down, overloaded, breaker open) is tried on the next one. Errors in the request itself
 * (bad request, context length) are the same everywhere and are returned at once.
 */
public final class BalancedEngine implements Engine {

  /** How long an endpoint that failed is passed over while others are healthy. */
  public static final Duration COOL_DOWN = Duration.ofSeconds(30);

  private final List<Member> members;

  /** Endpoints of the same model, each already wrapped with its own retries and breaker. */
  public BalancedEngine(List<Engine> endpoints) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("a balanced engine needs at least one endpoint");
    }
    this.members = endpoints.stream().map(Member::new).toList();
  }

  @Override
  public String name() {
    return members.get(0).engine.name();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  // Overridden so the caller's deadline reaches the endpoint's engine, which aborts its request.
  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    return sampleFrom(ranked(), 0, prompt, params, deadline);
  }

  private Future<List<Completion>> sampleFrom(List<Member> order, int index, Prompt prompt, SamplingParams params,
      Deadline deadline) {
    Member m = order.get(index);
    m.inFlight.incrementAndGet();
    return m.engine.sample(prompt, params, deadline)
        .andThen(ar -> m.inFlight.decrementAndGet())
        .onSuccess(r -> m.failedAt = 0)
        .recover(e -> {
          if (!endpointFault(e) || index + 1 >= order.size() || deadline.isAbandoned()) {
            if (endpointFault(e)) {
              m.failedAt = System.nanoTime();
            }
            return Future.failedFuture(e);
          }
          m.failedAt = System.nanoTime();
          return sampleFrom(order, index + 1, prompt, params, deadline);
        });
  }

  /** Healthy endpoints first (fewest in flight), then those cooling down (the longest ago failed first). */
  private List<Member> ranked() {
    long now = System.nanoTime();
    List<Member> order = new ArrayList<>(members);
    order.sort(Comparator.comparing((Member m) -> m.coolingDown(now))
        .thenComparingInt(m -> m.coolingDown(now) ? 0 : m.inFlight.get())
        .thenComparingLong(m -> m.failedAt));
    return order;
  }

  private static boolean endpointFault(Throwable e) {
    if (!(e instanceof EngineException)) {
      return false;
    }
    EngineException.Kind kind = ((EngineException) e).kind();
    return kind.isRetryable() || kind == EngineException.Kind.CIRCUIT_OPEN || kind == EngineException.Kind.MALFORMED_RESPONSE;
  }

  /** One endpoint and what the balancer knows of its health. */
  private static final class Member {
    final Engine engine;
    final AtomicInteger inFlight = new AtomicInteger();
    volatile long failedAt;

    Member(Engine engine) {
      this.engine = engine;
    }

    boolean coolingDown(long now) {
      return failedAt != 0 && now - failedAt < COOL_DOWN.toNanos();
    }
  }
}
