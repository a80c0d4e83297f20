package dev.leanprove.orchestrator.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntConsumer;

/**
 * The server's run slots: at most {@code maxRunning} tasks (jobs and file checks alike) at once,
 * at most {@code queueSize} more waiting, first come first served. Thread-safe.
 */
final class RunSlots {

  private final int maxRunning;
  private final int queueSize;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int running;

  RunSlots(int maxRunning, int queueSize) {
    this.maxRunning = maxRunning;
    this.queueSize = queueSize;
  }

  /**
   * Takes a task in. {@code admitted} hears its queue position (0: it starts now) before anything
   * can start it; {@code start} runs once it holds a slot, on this thread when one is free.
   *
   * @throws QueueFullException when every slot is busy and the queue is full
   */
  void admit(IntConsumer admitted, Runnable start) {
    boolean now;
    synchronized (this) {
      now = running < maxRunning;
      if (!now && waiting.size() >= queueSize) {
        throw new QueueFullException(running + " jobs and checks are running and " + waiting.size()
            + " are waiting, the most this server takes; try again later", JobRegistry.RETRY_AFTER);
      }
      if (now) {
        running++;
      } else {
        waiting.addLast(start);
      }
      admitted.accept(now ? 0 : waiting.size());
    }
    if (now) {
      start.run();
    }
  }

  /** Takes a waiting task out of the queue; false when it is not waiting (it started, or was never admitted). */
  synchronized boolean withdraw(Runnable start) {
    return waiting.remove(start);
  }

  /** A task that held a slot has ended: the oldest waiting one gets the slot, unless {@code startNext} is false. */
  void release(boolean startNext) {
    Runnable next;
    synchronized (this) {
      running--;
      next = startNext ? waiting.pollFirst() : null;
      if (next != null) {
        running++;
      }
    }
    if (next != null) {
      next.run();
    }
  }

  synchronized int running() {
    return running;
  }

  synchronized int waiting() {
    return waiting.size();
  }
}
