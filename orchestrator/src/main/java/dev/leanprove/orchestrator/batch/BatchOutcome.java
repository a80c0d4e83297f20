package dev.leanprove.orchestrator.batch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a batch session leaves: the summary (also written to the output folder), why it stopped
 * early if it did (then {@code --resume} continues it), and warnings about the log.
 */
public record BatchOutcome(Summary summary, Optional<String> stopReason, List<String> warnings) {

  public BatchOutcome {
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(stopReason, "stopReason");
    warnings = List.copyOf(warnings);
  }
}
