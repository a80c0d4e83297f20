package dev.leanprove.leanbridge.process;

import java.io.IOException;

/** A process could not be started: missing or non-executable program, or missing working directory. */
public final class ProcessStartException extends IOException {

  private static final long serialVersionUID = 1L;

  ProcessStartException(LeanInvocation invocation, Exception cause) {
    super("cannot start " + invocation.argv() + " in " + invocation.workDir() + ": "
        + cause.getMessage(), cause);
  }
}
