package dev.leanprove.leanbridge.source;

import java.util.List;
import java.util.Objects;

/**
 * The subgoals of a sketch: a lemma for every {@code sorry} that can be stated faithfully, and the
 * reason for every one that cannot.
 */
public record SubgoalExtraction(List<Subgoal> subgoals, List<Unsupported> unsupported) {

  /** A sketch step holding a {@code sorry} that no lemma can stand for, and why. */
  public record Unsupported(int stepIndex, String reason) {
    public Unsupported {
      Objects.requireNonNull(reason, "reason");
    }
  }

  public SubgoalExtraction {
    subgoals = List.copyOf(subgoals);
    unsupported = List.copyOf(unsupported);
  }

  /** Whether every {@code sorry} of the sketch has a lemma. */
  public boolean complete() {
    return unsupported.isEmpty();
  }
}
