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
    String startFailure, Duration limit, String fileName) {

  static final int TAIL_CHARS = 600;

  static LeanOutcome notStarted(ReasonCode code, String why) {
    LeanRun none = new LeanRun(-1, Termination.EXITED, "", "", Duration.ZERO, false);
    return new LeanOutcome(none, List.of(), List.of(), Optional.of(code), why, Duration.ZERO, "");
  }

  /**
   * @param limit the run's configured time limit, which a timeout's summary names
   * @param fileName the checked file's name as Lean reports it
   */
  static LeanOutcome of(LeanRun run, ParsedOutput parsed, Duration limit, String fileName) {
    if (run.termination() == Termination.CANCELLED) {
      throw new CancellationException("the Lean run was cancelled");
    }
    return new LeanOutcome(run, parsed.messages(), parsed.unparsedLines(), Optional.empty(), "", limit, fileName);
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
        // The configured limit, not the wall time, which also counts the kill's grace period.
        b.append("Lean did not finish within the ").append(seconds(limit)).append(" limit and was killed after ")
            .append(seconds(run.wall()));
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

  /** {@code 6 s}, or {@code 0.5 s} below a second. */
  private static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
