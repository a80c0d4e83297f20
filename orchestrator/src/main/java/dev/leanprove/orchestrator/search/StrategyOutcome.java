package dev.leanprove.orchestrator.search;

import java.util.List;
import java.util.Optional;

/**
 * What one strategy found for one theorem.
 *
 * @param proof the attempt whose proof Lean accepted, if any
 * @param attempts every attempt made, in order
 * @param stopReason why the strategy gave up early ("" when it simply ran out of budget or proved it)
 * @param modelUnreachable whether it gave up because the model server could not be used at all
 *     (down, refused the key, unknown model): an environment problem, not a proof failure
 * @param decompositions the sketches tried, with their subgoal searches (the attempt tree)
 */
public record StrategyOutcome(Optional<Attempt> proof, List<Attempt> attempts, String stopReason, boolean modelUnreachable,
    List<Decomposition> decompositions) {

  public StrategyOutcome {
    attempts = List.copyOf(attempts);
    decompositions = List.copyOf(decompositions);
  }

  static StrategyOutcome of(List<Attempt> attempts, String stopReason) {
    return new StrategyOutcome(attempts.stream().filter(Attempt::proved).findFirst(), attempts, stopReason, false, List.of());
  }

  static StrategyOutcome unreachable(List<Attempt> attempts, String stopReason) {
    return new StrategyOutcome(attempts.stream().filter(Attempt::proved).findFirst(), attempts, stopReason, true, List.of());
  }

  static StrategyOutcome withDecompositions(List<Attempt> attempts, String stopReason, List<Decomposition> decompositions) {
    return new StrategyOutcome(attempts.stream().filter(Attempt::proved).findFirst(), attempts, stopReason, false,
        decompositions);
  }
}
