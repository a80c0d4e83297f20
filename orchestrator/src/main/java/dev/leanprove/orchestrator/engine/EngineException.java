package dev.leanprove.orchestrator.engine;

import java.util.OptionalInt;

/** A model request that failed, with what is known about why and whether a retry may help. */
public final class EngineException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of failure this was; decides retries. */
  public enum Kind {
    BAD_REQUEST,
    UNAUTHORIZED,
    NOT_FOUND,
    CONTEXT_LENGTH,
    RATE_LIMITED,
    UNAVAILABLE,
    CONNECTION,
    MALFORMED_RESPONSE,
    CIRCUIT_OPEN,
    TIMEOUT,
    /** The caller gave up (cancelled, or out of time) and the request was aborted; says nothing about the server. */
    ABANDONED;

    /** Whether the same request may succeed later. */
    public boolean isRetryable() {
      return this == RATE_LIMITED || this == UNAVAILABLE || this == CONNECTION || this == TIMEOUT;
    }
  }

  private final Kind kind;
  private final int httpStatus;
  private final long retryAfterMillis;

  public EngineException(Kind kind, int httpStatus, long retryAfterMillis, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfterMillis = retryAfterMillis;
  }

  public EngineException(Kind kind, String message) {
    this(kind, 0, -1, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status the server answered, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The server's Retry-After in milliseconds, if it sent one. */
  public OptionalInt retryAfterMillis() {
    return retryAfterMillis < 0 ? OptionalInt.empty() : OptionalInt.of((int) Math.min(Integer.MAX_VALUE, retryAfterMillis));
  }
}
