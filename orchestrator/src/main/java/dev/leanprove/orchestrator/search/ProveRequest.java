package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.source.LeanSource;
import java.util.Objects;
import java.util.Optional;

/**
 * What to prove: a Lean file, optionally one theorem in it, with which engine and budget.
 *
 * @param source the file, parsed once by whoever built the request (the API does it off the event loop)
 * @param theorem the theorem to prove; empty for every theorem whose proof contains {@code sorry}
 * @param engine an engine name from the registry; "" for the default
 * @param budget per theorem
 */
public record ProveRequest(LeanSource source, Optional<String> theorem, String engine, Budget budget) {

  public ProveRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(theorem, "theorem");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(budget, "budget");
  }

  /** A request for {@code code}, parsed here. */
  public ProveRequest(String code, Optional<String> theorem, String engine, Budget budget) {
    this(LeanSource.parse(Objects.requireNonNull(code, "code")), theorem, engine, budget);
  }

  /** The file's text. */
  public String code() {
    return source.text();
  }
}
