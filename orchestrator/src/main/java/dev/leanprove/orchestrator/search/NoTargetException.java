package dev.leanprove.orchestrator.search;

/** The request names no theorem that exists, or the file has nothing to prove. */
public final class NoTargetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean unknownName;

  public NoTargetException(String message, boolean unknownName) {
    super(message);
    this.unknownName = unknownName;
  }

  /** Whether a named theorem was missing (as opposed to a file without any sorry). */
  public boolean unknownName() {
    return unknownName;
  }
}
