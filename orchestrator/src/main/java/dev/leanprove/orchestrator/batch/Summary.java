package dev.leanprove.orchestrator.batch;

import java.util.List;
import java.util.Objects;

/**
 * A batch run's results, computed from {@code attempts.jsonl} alone, so a resumed run and an
 * uninterrupted one summarise the same way. Written as {@code summary.json}, {@code .md} and {@code .html}.
 *
 * @param sessions how many times the run was started (1 + resumes)
 * @param total the selected problems, invalid ones included
 * @param unfinished problems not finished (the run was stopped, or the model server went away)
 * @param portfolioSolved problems proved by the model-free portfolio, before any model sample
 * @param passAtK pass@k per k; empty when not measured (see {@code passAtKNote})
 * @param passAtKProblems the problems pass@k averages over: proved by the portfolio, or with at
 *     least one model sample that was judged on its merits (invalid and unfinished problems, and
 *     those whose every sample met a machine fault, are left out)
 * @param failures unproved finished problems by reason (reason codes, {@code NO_TARGET}, {@code UNREADABLE})
 * @param attemptVerdicts every counted attempt by verdict: the failure mix of the candidates
 * @param samples model samples judged
 * @param problemWallMs time spent on the finished problems, summed
 * @param elapsedMs this session's wall time
 */
public record Summary(
    RunSettings settings,
    int sessions,
    int total,
    int proved,
    int notProved,
    int invalid,
    int unfinished,
    int portfolioSolved,
    List<PassAtKValue> passAtK,
    int passAtKProblems,
    String passAtKNote,
    List<CategoryCount> categories,
    List<ReasonCount> failures,
    List<ReasonCount> attemptVerdicts,
    List<ProblemLine> problems,
    List<InputIssue> inputIssues,
    long samples,
    long attempts,
    long promptTokens,
    long completionTokens,
    long problemWallMs,
    long elapsedMs) {

  public Summary {
    Objects.requireNonNull(settings, "settings");
    passAtK = List.copyOf(passAtK);
    Objects.requireNonNull(passAtKNote, "passAtKNote");
    categories = List.copyOf(categories);
    failures = List.copyOf(failures);
    attemptVerdicts = List.copyOf(attemptVerdicts);
    problems = List.copyOf(problems);
    inputIssues = List.copyOf(inputIssues);
  }

  public boolean allProved() {
    return total > 0 && proved == total;
  }

  public double solvedRate() {
    return total == 0 ? 0 : (double) proved / total;
  }

  /** pass@k at one k. */
  public record PassAtKValue(int k, double value) {}

  /** Solved problems of one category prefix. */
  public record CategoryCount(String category, int total, int proved) {
    public double rate() {
      return total == 0 ? 0 : (double) proved / total;
    }
  }

  /** How many of something had this reason. */
  public record ReasonCount(String reason, int count) {}

  /**
   * One problem's line.
   *
   * @param outcome {@code PROVED}, {@code NOT_PROVED}, {@code INVALID} or {@code UNFINISHED}
   * @param samples model samples judged on their merits (pass@k's n)
   * @param correct of those, proved (pass@k's c)
   */
  public record ProblemLine(String name, String category, String outcome, String status, int samples, int correct,
      boolean portfolio, long tokens, String detail) {}
}
