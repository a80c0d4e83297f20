package dev.leanprove.orchestrator.search;

import java.util.Objects;
import java.util.Optional;

/**
 * What to prove: a Lean file, optionally one theorem in it, with which engine and budget.
 *
 * @param theorem the theorem to prove; empty for every theorem whose proof contains {@code sorry}
 * @param engine an engine name from the registry; "" for the default
 * @param budget per theorem
 */
public record ProveRequest(String code, Optional<String> theorem, String engine, Budget budget) {

  public ProveRequest {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(theorem, "theorem");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(budget, "budget");
  }
}
