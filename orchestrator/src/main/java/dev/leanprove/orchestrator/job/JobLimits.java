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
 * @param keepRawOutputBytes raw model output a finished job keeps of its attempts that did not
 *     prove (UTF-8 bytes, shared by all of them); what proved is kept whole
 * @param keepFinishedBytes what all finished jobs together keep at most (UTF-8 bytes of their
 *     text); beyond it the oldest go first
 */
public record JobLimits(int maxRunning, int queueSize, int keepFinished, Duration keepFor, long keepRawOutputBytes,
    long keepFinishedBytes) {

  /** Searches mostly wait on the model and on Lean, whose own pool bounds the machine's load. */
  public static final int DEFAULT_MAX_RUNNING = 4;

  public static final int DEFAULT_QUEUE_SIZE = 64;

  public static final int DEFAULT_KEEP_FINISHED = 256;

  public static final Duration DEFAULT_KEEP_FOR = Duration.ofHours(1);

  /** The beginnings of 64 failed answers: enough to see how the model went wrong, far from a full CoT run's megabytes. */
  public static final long DEFAULT_KEEP_RAW_OUTPUT_BYTES = 256L * 1024;

  /** 256 finished jobs at their raw-output cap with 1 MB files would be 320 MB; this keeps the heap's share bounded. */
  public static final long DEFAULT_KEEP_FINISHED_BYTES = 256L * 1024 * 1024;

  public static final JobLimits DEFAULT = new JobLimits(DEFAULT_MAX_RUNNING, DEFAULT_QUEUE_SIZE, DEFAULT_KEEP_FINISHED,
      DEFAULT_KEEP_FOR, DEFAULT_KEEP_RAW_OUTPUT_BYTES, DEFAULT_KEEP_FINISHED_BYTES);

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
    if (keepRawOutputBytes < 0) {
      throw new IllegalArgumentException("raw output kept per job must not be negative: " + keepRawOutputBytes);
    }
    if (keepFinishedBytes < 0) {
      throw new IllegalArgumentException("bytes kept of finished jobs must not be negative: " + keepFinishedBytes);
    }
  }

  public JobLimits withMaxRunning(int n) {
    return new JobLimits(n, queueSize, keepFinished, keepFor, keepRawOutputBytes, keepFinishedBytes);
  }

  public JobLimits withQueueSize(int n) {
    return new JobLimits(maxRunning, n, keepFinished, keepFor, keepRawOutputBytes, keepFinishedBytes);
  }

  public JobLimits withKeepFinished(int n) {
    return new JobLimits(maxRunning, queueSize, n, keepFor, keepRawOutputBytes, keepFinishedBytes);
  }

  public JobLimits withKeepFor(Duration d) {
    return new JobLimits(maxRunning, queueSize, keepFinished, d, keepRawOutputBytes, keepFinishedBytes);
  }

  public JobLimits withKeepRawOutputBytes(long bytes) {
    return new JobLimits(maxRunning, queueSize, keepFinished, keepFor, bytes, keepFinishedBytes);
  }

  public JobLimits withKeepFinishedBytes(long bytes) {
    return new JobLimits(maxRunning, queueSize, keepFinished, keepFor, keepRawOutputBytes, bytes);
  }
}
