package dev.leanprove.orchestrator.batch;

import java.util.Locale;
import java.util.stream.Collectors;

/** The words of a progress report, shared by the terminal bar and the log lines. */
final class ProgressText {

  /** Reasons shown; the rest are summed as "other". */
  private static final int REASONS_SHOWN = 3;

  private ProgressText() {}

  /** What the terminal bar shows beside its own count and ETA. */
  static String extra(ProgressSnapshot s) {
    return String.format(Locale.ROOT, "proved %d, failed %s, in flight %d", s.proved(), failureMix(s), s.inFlight());
  }

  static String line(ProgressSnapshot s) {
    return "batch: " + counts(s) + ", elapsed " + SummaryMarkdown.duration(s.elapsedMs());
  }

  private static String counts(ProgressSnapshot s) {
    int percent = s.total() == 0 ? 100 : (int) (100L * s.done() / s.total());
    return String.format(Locale.ROOT, "%d/%d %d%%, proved %d, failed %s, in flight %d, ETA %s", s.done(), s.total(), percent,
        s.proved(), failureMix(s), s.inFlight(),
        s.etaMs().isPresent() ? SummaryMarkdown.duration(s.etaMs().getAsLong()) : "?");
  }

  private static String failureMix(ProgressSnapshot s) {
    if (s.failures().isEmpty()) {
      return "0";
    }
    String shown = s.failures().stream().limit(REASONS_SHOWN).map(r -> r.reason() + " " + r.count())
        .collect(Collectors.joining(" "));
    int other = s.failures().stream().skip(REASONS_SHOWN).mapToInt(Summary.ReasonCount::count).sum();
    return "(" + shown + (other > 0 ? " other " + other : "") + ")";
  }
}
