package dev.leanprove.orchestrator.job;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the job registry takes on and how long it remembers.
 *
 * @param maxRunning jobs searching at once; more wait in the queue
 * @param queueSize jobs waiting at most; beyond that, submissions are refused
 * @param keepFinished finished jobs (with their events) kept at most; the oldest go first
 * @param keepFor how long a finished job is kept at most
 */
public record JobLimits(int maxRunning, int queueSize, int keepFinished, Duration keepFor) {

  /** Searches mostly wait on the model and on Lean, whose own pool bounds the machine's load. */
  public static final int DEFAULT_MAX_RUNNING = 4;

  public static final int DEFAULT_QUEUE_SIZE = 64;

  public static final int DEFAULT_KEEP_FINISHED = 256;

  public static final Duration DEFAULT_KEEP_FOR = Duration.ofHours(1);

  public static final JobLimits DEFAULT =
      new JobLimits(DEFAULT_MAX_RUNNING, DEFAULT_QUEUE_SIZE, DEFAULT_KEEP_FINISHED, DEFAULT_KEEP_FOR);

  public JobLimits {
    if (maxRunning < 1) {
      throw new IllegalArgumentException("running jobs must be at least 1: " + maxRunning);
    }
    if (queueSize < 0) {
      throw new IllegalArgumentException("queue size must not be negative: " + queueSize);
    }
    if (keepFinished < 0) {
      throw new IllegalArgumentException("finished jobs kept must not be negative: " + keepFinished);
    }
    Objects.requireNonNull(keepFor, "keepFor");
    if (keepFor.isNegative()) {
      throw new IllegalArgumentException("keep time must not be negative: " + keepFor);
    }
  }

  public JobLimits withMaxRunning(int n) {
    return new JobLimits(n, queueSize, keepFinished, keepFor);
  }

  public JobLimits withQueueSize(int n) {
    return new JobLimits(maxRunning, n, keepFinished, keepFor);
  }

  public JobLimits withKeepFinished(int n) {
    return new JobLimits(maxRunning, queueSize, n, keepFor);
  }

  public JobLimits withKeepFor(Duration d) {
    return new JobLimits(maxRunning, queueSize, keepFinished, d);
  }
}
