package dev.leanprove.orchestrator.job;

import java.util.Locale;

/** Where a job is in its life; the last three are final. */
public enum JobState {
  /** Waiting for a free slot. */
  QUEUED,
  /** The search runs. */
  RUNNING,
  /** The search ended and every target theorem is proved in the final file. */
  SUCCEEDED,
  /** The search ended without proving everything (the result says why), or an error stopped it. */
  FAILED,
  /** Someone cancelled it; model answers were abandoned and its Lean processes killed. */
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /** The name on the wire, e.g. {@code running}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
