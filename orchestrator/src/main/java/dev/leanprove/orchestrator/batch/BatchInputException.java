package dev.leanprove.orchestrator.batch;

/** The batch cannot start from this input or output folder: the user must fix something. */
public final class BatchInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BatchInputException(String message) {
    super(message);
  }
}
