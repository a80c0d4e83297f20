package dev.leanprove.leanbridge.process;

/** The sandbox is required, but bubblewrap is missing or cannot build a sandbox on this machine. */
public final class SandboxUnavailableException extends Exception {

  private static final long serialVersionUID = 1L;

  public SandboxUnavailableException(String problem) {
    super(problem);
  }
}
