package dev.leanprove.leanbridge.process;

/**
 * Lean work was refused because a bounded queue in front of Lean is full. The caller should try
 * again later (an HTTP edge answers 503 with {@code Retry-After}); nothing was started.
 */
public final class LeanBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public LeanBusyException(String message) {
    super(message);
  }
}
