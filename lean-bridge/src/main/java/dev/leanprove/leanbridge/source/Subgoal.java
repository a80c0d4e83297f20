package dev.leanprove.leanbridge.source;

import java.util.List;
import java.util.Objects;

/**
 * One {@code sorry} of a sketch as a standalone lemma (DeepSeek-Prover-V2's "type (b)" subgoal): the
 * theorem's binders and hypotheses, every earlier have or obtain as a hypothesis, and the step's
 * proposition as conclusion.
 *
 * @param stepIndex the {@link SketchStep#index()} of the sorry step it fills
 * @param lemmaName the lemma's name, unique among the theorem's subgoals and stable for a given sketch
 * @param statement {@code theorem LEMMA binders : P}, without {@code :=}
 * @param proposition the conclusion {@code P}
 * @param arguments what the call passes for each of the lemma's parameters, in order: the theorem's
 *     binder names, then the earlier haves' names; for one the sorry cannot name (anonymous or
 *     shadowed), {@code _} when a later type mentions it or it is an instance, else {@code (by assumption)}
 * @param call the lemma applied to {@link #arguments()}, {@code @}-prefixed when the theorem has
 *     implicit or instance binders; a term proving {@code P} where the sorry is
 */
public record Subgoal(
    int stepIndex, String lemmaName, String statement, String proposition, List<String> arguments, String call) {

  public Subgoal {
    Objects.requireNonNull(lemmaName, "lemmaName");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(proposition, "proposition");
    arguments = List.copyOf(arguments);
    Objects.requireNonNull(call, "call");
  }
}
