package dev.leanprove.orchestrator.search;

import dev.leanprove.orchestrator.engine.Engine;
import dev.leanprove.orchestrator.prompt.PromptLibrary;
import io.vertx.core.Context;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything a strategy needs besides the target and the budget.
 *
 * @param vertxContext where futures complete; Lean runs come back onto it
 * @param engine the prover model (or the portfolio): whole proofs, repairs, subgoal proofs
 * @param planner the model that writes sketches (the prover unless one is configured)
 * @param events told of everything as it happens (progress streams, batch logs)
 * @param cancellation stops the search: no new model rounds, pending answers abandoned, Lean killed
 * @param ids numbers the attempts of one request
 */
public record SearchContext(
    Context vertxContext,
    CandidateChecker checker,
    PromptLibrary prompts,
    Engine engine,
    Engine planner,
    SearchSettings settings,
    Consumer<SearchEvent> events,
    Cancellation cancellation,
    AttemptIds ids) {

  public SearchContext {
    Objects.requireNonNull(vertxContext, "vertxContext");
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(planner, "planner");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(cancellation, "cancellation");
    Objects.requireNonNull(ids, "ids");
  }
}
