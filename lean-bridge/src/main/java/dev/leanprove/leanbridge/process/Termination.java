package dev.leanprove.leanbridge.process;

/** How a Lean process ended: by itself, or killed by us for a reason we know. */
public enum Termination {
  EXITED,
  TIMED_OUT,
  CANCELLED,
  OUT_OF_MEMORY
}
