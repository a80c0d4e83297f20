package dev.leanprove.orchestrator.job;

/** The job store named at startup cannot be opened or read: the server must not start without it. */
public final class JournalUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JournalUnavailableException(String store, Throwable cause) {
    super("cannot open the job journal " + store + ": " + reason(cause), cause);
  }

  private static String reason(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
