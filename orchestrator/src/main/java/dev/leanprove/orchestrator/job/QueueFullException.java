package dev.leanprove.orchestrator.job;

import java.time.Duration;

/** The registry refuses a job: as many run as allowed and the queue is full. */
public final class QueueFullException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;

  public QueueFullException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** When trying again is worth it. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
