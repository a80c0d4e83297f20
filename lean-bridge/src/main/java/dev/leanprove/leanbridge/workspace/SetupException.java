package dev.leanprove.leanbridge.workspace;

/** A setup step that failed; the message says what happened and what the user can do. */
public final class SetupException extends Exception {

  private static final long serialVersionUID = 1L;

  public SetupException(String message) {
    super(message);
  }

  public SetupException(String message, Throwable cause) {
    super(message, cause);
  }
}
