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
 * @param engine the prover model (or the portfolio)
 * @param onAttempt told of every attempt as soon as it is judged (progress events, batch logs)
 */
public record SearchContext(
    Context vertxContext,
    CandidateChecker checker,
    PromptLibrary prompts,
    Engine engine,
    SearchSettings settings,
    Consumer<Attempt> onAttempt) {

  public SearchContext {
    Objects.requireNonNull(vertxContext, "vertxContext");
    Objects.requireNonNull(checker, "checker");
    Objects.requireNonNull(prompts, "prompts");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(onAttempt, "onAttempt");
  }
}
