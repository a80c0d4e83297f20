package dev.leanprove.orchestrator.prompt;

import java.util.Objects;
import java.util.Optional;

/**
 * Why no proof was taken from a model's answer.
 *
 * @param detail what was found, for the attempt trace (e.g. the forbidden word and its line)
 */
public record ExtractionFailure(Reason reason, String detail) implements Extraction {

  /** The kinds of answer that are rejected before Lean sees them. */
  public enum Reason {
    /** No code block that looks like Lean. */
    NO_CODE_BLOCK,
    /** A code block, but no theorem with a proof (or no tactics) in it. */
    NO_PROOF
  }

  public ExtractionFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public Optional<ExtractedProof> proof() {
    return Optional.empty();
  }
}
