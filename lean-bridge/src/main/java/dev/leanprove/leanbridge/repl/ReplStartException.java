package dev.leanprove.leanbridge.repl;

/** A REPL process could not be made ready: it did not start, or its header command failed. */
public final class ReplStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean notStarted;

  ReplStartException(String message, boolean notStarted, Throwable cause) {
    super(message, cause);
    this.notStarted = notStarted;
  }

  /** True when no process started at all (a missing REPL binary or lake), false when it started and failed. */
  public boolean notStarted() {
    return notStarted;
  }
}
