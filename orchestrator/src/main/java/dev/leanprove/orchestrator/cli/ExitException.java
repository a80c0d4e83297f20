package dev.leanprove.orchestrator.cli;

/** Ends a command with an exit code and a message for the user, without a stack trace. */
public final class ExitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public ExitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
