package dev.leanprove.leanbridge.repl;

/** No REPL process became free before the caller's deadline; the API edge turns this into 429/503. */
public final class ReplPoolBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  ReplPoolBusyException(String message) {
    super(message);
  }
}
