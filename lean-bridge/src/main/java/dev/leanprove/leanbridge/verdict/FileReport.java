package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking a whole file.
 *
 * @param status {@link ReasonCode#PROVED} only when every theorem is proved and the file has no error
 * @param messages every message Lean printed, in order (our {@code #print axioms} reports left out)
 */
public record FileReport(ReasonCode status, List<TheoremVerdict> theorems, List<LeanMessage> messages, Duration wall,
    String detail) {

  public FileReport {
    Objects.requireNonNull(status, "status");
    theorems = List.copyOf(theorems);
    messages = List.copyOf(messages);
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(detail, "detail");
  }

  public boolean proved() {
    return status == ReasonCode.PROVED;
  }

  /** The file's status from its theorems': an infrastructure fault first, else the first failure. */
  static ReasonCode summarize(List<TheoremVerdict> theorems, boolean fileHasErrors) {
    ReasonCode overall = ReasonCode.overall(theorems.stream().map(t -> t.verdict().code()).toList());
    return overall == ReasonCode.PROVED && fileHasErrors ? ReasonCode.LEAN_ERROR : overall;
  }
}
