package dev.leanprove.leanbridge.toolchain;

/** No usable Lean toolchain was found; the message says what to install and how. */
public final class ToolchainMissingException extends Exception {

  private static final long serialVersionUID = 1L;

  public ToolchainMissingException(String message) {
    super(message);
  }

  public ToolchainMissingException(String message, Throwable cause) {
    super(message, cause);
  }
}
