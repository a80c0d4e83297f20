package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Keeps at most a fixed number of an engine's requests open at once; the rest wait in order.
 * Shared by every call on the engine, so parallel proof searches and one call's fan-out draw
 * from the same bound.
 */
final class RequestLimiter {

  private final int maxInFlight;
  private final Queue<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  RequestLimiter(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  /** Runs the request when a slot is free; the slot is held until its future completes. */
  <T> Future<T> submit(Supplier<Future<T>> request) {
    return submit(request, Deadline.none());
  }

  /**
   * As {@link #submit(Supplier)}, but a request still waiting for a slot when {@code deadline} is
   * abandoned leaves the queue and fails with {@code ABANDONED} without being sent.
   */
  <T> Future<T> submit(Supplier<Future<T>> request, Deadline deadline) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> startNow(request).onComplete(outcome -> {
      release();
      result.handle(outcome);
    });
    boolean runNow;
    synchronized (this) {
      runNow = inFlight < maxInFlight;
      if (runNow) {
        inFlight++;
      } else {
        waiting.add(start);
      }
    }
    if (runNow) {
      start.run();
    } else {
      deadline.abandoned().onComplete(gone -> {
        boolean left;
        synchronized (this) {
          left = waiting.remove(start);
        }
        if (left) {
          result.tryFail(new EngineException(EngineException.Kind.ABANDONED,
              "request abandoned while it waited for a free request slot"));
        }
      });
    }
    return result.future();
  }

  /** Requests running or waiting; for tests that check that abandoned requests leave no trace. */
  synchronized int occupied() {
    return inFlight + waiting.size();
  }

  /**
   * Runs {@code count} requests through the limiter and collects their results in index order;
   * the first failure fails the whole, after every request has finished, so none is left running
   * unobserved.
   */
  <T> Future<List<T>> fanOut(int count, IntFunction<Future<T>> request) {
    return fanOut(count, request, Deadline.none());
  }

  /** As {@link #fanOut(int, IntFunction)}, every request abandoned with {@code deadline}. */
  <T> Future<List<T>> fanOut(int count, IntFunction<Future<T>> request, Deadline deadline) {
    List<Future<T>> all = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int index = i;
      all.add(submit(() -> request.apply(index), deadline));
    }
    return Future.join(all).map(done -> {
      List<T> results = new ArrayList<>(count);
      for (Future<T> one : all) {
        results.add(one.result());
      }
      return results;
    }).recover(failure -> Future.failedFuture(firstFailure(all, failure)));
  }

  private static <T> Future<T> startNow(Supplier<Future<T>> request) {
    try {
      return request.get();
    } catch (RuntimeException thrown) {
      return Future.failedFuture(thrown);
    }
  }

  private static Throwable firstFailure(List<? extends Future<?>> all, Throwable fallback) {
    return all.stream().filter(Future::failed).map(Future::cause).findFirst().orElse(fallback);
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
