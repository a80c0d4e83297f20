package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * One sketch tried for a theorem: the sketch attempt, its subgoals' searches, and how composing
 * them back into the theorem went.
 *
 * @param sketchAttempt the id of the attempt that checked the sketch
 * @param sketch the sketch proof ({@code have … := by sorry} steps and the final step)
 * @param sketchVerdict {@code SORRY} for a usable sketch, else why it was discarded
 * @param outcome what came of it, in one line
 */
public record Decomposition(String sketchAttempt, String sketch, ReasonCode sketchVerdict, List<SubgoalResult> subgoals,
    String outcome) {

  public Decomposition {
    Objects.requireNonNull(sketchAttempt, "sketchAttempt");
    Objects.requireNonNull(sketch, "sketch");
    Objects.requireNonNull(sketchVerdict, "sketchVerdict");
    subgoals = List.copyOf(subgoals);
    Objects.requireNonNull(outcome, "outcome");
  }
}
