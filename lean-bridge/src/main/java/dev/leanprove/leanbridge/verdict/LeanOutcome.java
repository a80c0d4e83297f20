package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.Termination;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * What one Lean run gave back, before any theorem is judged.
 *
 * @param fileName the checked file's name as Lean puts it in every message it reports with a
 *     position ({@code --json}); "" when the output format carries none for information messages (plain)
 */
record LeanOutcome(LeanRun run, List<LeanMessage> messages, List<String> unparsedLines, Optional<ReasonCode> notStarted,
    String startFailure, String fileName) {

  static final int TAIL_CHARS = 600;

  static LeanOutcome notStarted(ReasonCode code, String why) {
    LeanRun none = new LeanRun(-1, Termination.EXITED, "", "", Duration.ZERO, false);
    return new LeanOutcome(none, List.of(), List.of(), Optional.of(code), why, "");
  }

  static LeanOutcome of(LeanRun run, ParsedOutput parsed) {
    return of(run, parsed, "");
  }

  static LeanOutcome of(LeanRun run, ParsedOutput parsed, String fileName) {
    if (run.termination() == Termination.CANCELLED) {
      throw new CancellationException("the Lean run was cancelled");
    }
    return new LeanOutcome(run, parsed.messages(), parsed.unparsedLines(), Optional.empty(), "", fileName);
  }

  /** A fault of the run itself, which decides every theorem's verdict: the runner knows it, no text is read. */
  Optional<ReasonCode> runFault() {
    if (notStarted.isPresent()) {
      return notStarted;
    }
    switch (run.termination()) {
      case TIMED_OUT:
        return Optional.of(ReasonCode.TIMEOUT);
      case OUT_OF_MEMORY:
        return Optional.of(ReasonCode.OUT_OF_MEMORY);
      default:
        return Optional.empty();
    }
  }

  /** One paragraph for a person: how the run ended and the tail of anything Lean printed that is not a message. */
  String summary() {
    if (notStarted.isPresent()) {
      return startFailure;
    }
    StringBuilder b = new StringBuilder();
    switch (run.termination()) {
      case TIMED_OUT:
        b.append("Lean did not finish within ").append(run.wall().toSeconds()).append(" s and was killed");
        break;
      case OUT_OF_MEMORY:
        b.append("Lean went over the memory cap and was killed after ").append(run.wall().toSeconds()).append(" s");
        break;
      default:
        b.append("Lean exited with ").append(run.exitCode()).append(" after ").append(run.wall().toMillis()).append(" ms");
    }
    String other = (String.join("\n", unparsedLines) + "\n" + run.stderr()).strip();
    if (!other.isEmpty()) {
      b.append("; other output: ").append(other.length() <= TAIL_CHARS ? other : "…" + other.substring(other.length() - TAIL_CHARS));
    }
    return b.toString();
  }
}
