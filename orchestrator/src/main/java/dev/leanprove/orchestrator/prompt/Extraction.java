package dev.leanprove.orchestrator.prompt;

import java.util.Optional;

/** What {@link ProofExtractor} made of one model output: an {@link ExtractedProof} or an {@link ExtractionFailure}. */
public sealed interface Extraction permits ExtractedProof, ExtractionFailure {

  /** The proof, or empty when the output gave none that may be checked. */
  Optional<ExtractedProof> proof();
}
