package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome for one theorem: proved or not, the proof, and every attempt made.
 *
 * @param name the theorem's fully qualified name ({@code B.foo} for {@code foo} in {@code namespace B})
 * @param status {@code PROVED} only when the final whole-file check accepts the proof, else the
 *     reason code that best explains the failure
 * @param proof the verified proof (text after {@code :=}), when proved
 * @param auxiliary helper declarations the proof needs before the theorem ("" for none)
 * @param detail one line on the outcome (e.g. "engine CONNECTION: ..." when the model was unreachable)
 * @param modelUnreachable whether the search stopped because the model server could not be used
 * @param decompositions the sketches tried and their subgoals' searches: the attempt tree below the theorem
 */
public record TheoremResult(
    String name,
    ReasonCode status,
    Optional<String> proof,
    String auxiliary,
    String detail,
    List<Attempt> attempts,
    int samples,
    long tokens,
    long wallMillis,
    boolean modelUnreachable,
    List<Decomposition> decompositions) {

  public TheoremResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(detail, "detail");
    attempts = List.copyOf(attempts);
    decompositions = List.copyOf(decompositions);
  }

  public boolean proved() {
    return status == ReasonCode.PROVED;
  }

  /** The same result with the final whole-file check's word on it. */
  TheoremResult withStatus(ReasonCode newStatus, String newDetail) {
    return new TheoremResult(name, newStatus, newStatus == ReasonCode.PROVED ? proof : Optional.empty(), auxiliary,
        newDetail, attempts, samples, tokens, wallMillis, modelUnreachable, decompositions);
  }
}
