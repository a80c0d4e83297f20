package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * The outcome for a whole file.
 *
 * @param status {@code PROVED} when every target theorem is proved in the final file
 * @param code the final file: the input with every proved theorem's proof in place
 */
public record ProveResult(ReasonCode status, String code, List<TheoremResult> theorems, long wallMillis) {

  public ProveResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(code, "code");
    theorems = List.copyOf(theorems);
  }

  public boolean proved() {
    return status == ReasonCode.PROVED;
  }
}
