package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;

/**
 * How long a caller will wait for one {@link Engine#sample} call, and the signal that it gave up
 * early (the search was cancelled, or its time ran out). Engines abort their HTTP requests on that
 * signal, free their request slots and do not start a retry that could not finish in time.
 */
public final class Deadline {

  private final long atNanos;
  private final Promise<Void> abandoned = Promise.promise();

  private Deadline(long atNanos) {
    this.atNanos = atNanos;
  }

  /** No time limit and nobody who gives up: the answer is always wanted. */
  public static Deadline none() {
    return new Deadline(Long.MAX_VALUE);
  }

  /** The caller waits at most {@code wait} from now. */
  public static Deadline after(Duration wait) {
    long nanos = Math.max(0, Math.min(wait.toNanos(), Long.MAX_VALUE / 4));
    return new Deadline(System.nanoTime() + nanos);
  }

  /** Milliseconds until the deadline ({@link Long#MAX_VALUE} without one, 0 once passed). */
  public long remainingMillis() {
    if (atNanos == Long.MAX_VALUE) {
      return Long.MAX_VALUE;
    }
    return Math.max(0, (atNanos - System.nanoTime()) / 1_000_000);
  }

  /** Says the answer is no longer wanted; requests still open are aborted. Idempotent. */
  public void abandon() {
    abandoned.tryComplete();
  }

  public boolean isAbandoned() {
    return abandoned.future().isComplete();
  }

  /** Completes when the caller gives up; never fails. */
  public Future<Void> abandoned() {
    return abandoned.future();
  }
}
