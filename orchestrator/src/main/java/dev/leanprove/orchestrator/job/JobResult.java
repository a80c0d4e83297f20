package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.ProveResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What a finished search produced.
 *
 * @param edit for requests that want one, the edit from the posted file to the proved one; empty
 *     when nothing was proved
 */
public record JobResult(ProveResult result, Optional<ProofEdit> edit) {

  public JobResult {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(edit, "edit");
  }

  /** The result for {@code request}, with the edit when it wants one. */
  public static JobResult of(JobRequest request, ProveResult result) {
    Optional<ProofEdit> edit =
        request.wantsEdit() ? ProofEdit.between(request.prove().code(), result.code()) : Optional.empty();
    return new JobResult(result, edit);
  }
}
