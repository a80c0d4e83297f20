package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.process.LeanBusyException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that prepare checks (parse, screen, write the check file) off the callers' threads,
 * which are often event loops. Its queue is bounded: a flood of checks is refused with
 * {@link LeanBusyException} instead of piling up in memory.
 */
public final class PreparationPool implements AutoCloseable {

  /** Preparing is quick; two threads keep up with any number of Lean processes. */
  public static final int DEFAULT_THREADS = 2;

  /** Far more than the checks a server has in flight; reaching it means a flood. */
  public static final int DEFAULT_QUEUE_CAPACITY = 4096;

  private final ThreadPoolExecutor pool;
  private final int queueCapacity;

  public PreparationPool(int threads, int queueCapacity) {
    if (threads < 1) {
      throw new IllegalArgumentException("preparation threads must be positive: " + threads);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("preparation queue capacity must be positive: " + queueCapacity);
    }
    AtomicInteger ids = new AtomicInteger();
    this.queueCapacity = queueCapacity;
    this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
      Thread t = new Thread(r, "lean-prepare-" + ids.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.allowCoreThreadTimeOut(true);
  }

  public static PreparationPool withDefaults() {
    return new PreparationPool(DEFAULT_THREADS, DEFAULT_QUEUE_CAPACITY);
  }

  /**
   * Runs {@code work} on a pool thread.
   *
   * @throws LeanBusyException when the queue is full
   * @throws IllegalStateException once the pool is closed
   */
  public void execute(Runnable work) {
    try {
      pool.execute(work);
    } catch (RejectedExecutionException e) {
      if (pool.isShutdown()) {
        throw new IllegalStateException("the verifier is closed", e);
      }
      throw new LeanBusyException(queueCapacity + " checks are waiting to be prepared, the most this server takes; try again later");
    }
  }

  /** Stops taking work; what is queued still runs, so no caller waits forever. */
  @Override
  public void close() {
    pool.shutdown();
  }
}
