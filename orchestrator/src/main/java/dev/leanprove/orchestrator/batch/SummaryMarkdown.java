package dev.leanprove.orchestrator.batch;

import java.util.Locale;

/** {@code summary.md}: the summary as a human reads it in a terminal or a pull request. */
final class SummaryMarkdown {

  private SummaryMarkdown() {}

  static String of(Summary s) {
    StringBuilder b = new StringBuilder();
    RunSettings r = s.settings();
    b.append("# Batch summary\n\n");
    b.append(String.format(Locale.ROOT, "**Solved %d / %d (%s)**", s.proved(), s.total(), percent(s.solvedRate())));
    b.append(String.format(Locale.ROOT, " · portfolio %d · not proved %d · invalid %d · unfinished %d%n%n",
        s.portfolioSolved(), s.notProved(), s.invalid(), s.unfinished()));
    b.append(String.format(Locale.ROOT, "Engine `%s`%s, Lean %s, %d samples per problem%s%s, %d session%s.%n%n", r.engine(),
        r.model().isEmpty() ? "" : " model `" + r.model() + "`", r.toolchain(), r.samples(),
        r.portfolio() ? ", portfolio first" : "", r.firstProof() ? ", stop at first proof" : "",
        s.sessions(), s.sessions() == 1 ? "" : "s"));
    b.append("## pass@k\n\n");
    if (s.passAtK().isEmpty()) {
      b.append(s.passAtKNote()).append(".\n\n");
    } else {
      b.append("| k | pass@k |\n|---:|---:|\n");
      s.passAtK().forEach(v -> b.append(String.format(Locale.ROOT, "| %d | %s |%n", v.k(), percent(v.value()))));
      b.append(String.format(Locale.ROOT,
          "%nOver %d problems: unbiased estimator 1 - C(n-c,k)/C(n,k) on each problem's n judged model samples "
              + "(c proved); a portfolio proof counts as solved at every k; machine faults are not samples.%n%n",
          s.passAtKProblems()));
    }
    b.append("## By category\n\n| category | solved | total | rate |\n|---|---:|---:|---:|\n");
    s.categories().forEach(c -> b.append(String.format(Locale.ROOT, "| %s | %d | %d | %s |%n", c.category(), c.proved(),
        c.total(), percent(c.rate()))));
    b.append("\n## Failures\n\n");
    if (s.failures().isEmpty()) {
      b.append("None.\n");
    } else {
      b.append("| reason | problems |\n|---|---:|\n");
      s.failures().forEach(f -> b.append("| ").append(f.reason()).append(" | ").append(f.count()).append(" |\n"));
    }
    b.append("\nAttempt verdicts: ");
    s.attemptVerdicts().forEach(v -> b.append(v.reason()).append(' ').append(v.count()).append(", "));
    b.append(String.format(Locale.ROOT, "%d attempts, %d model samples.%n", s.attempts(), s.samples()));
    b.append(String.format(Locale.ROOT, "%nTokens: %,d prompt, %,d completion. Wall time: %s on problems, %s this session.%n",
        s.promptTokens(), s.completionTokens(), duration(s.problemWallMs()), duration(s.elapsedMs())));
    boolean invalidOrIssues = s.invalid() > 0 || !s.inputIssues().isEmpty();
    if (invalidOrIssues) {
      b.append("\n## Input problems\n\n");
      s.problems().stream().filter(p -> p.outcome().equals(ProblemRecord.Outcome.INVALID.name()))
          .forEach(p -> b.append("- `").append(p.name()).append("`: ").append(p.status()).append(" — ")
              .append(oneLine(p.detail())).append('\n'));
      s.inputIssues().forEach(i -> b.append("- ").append(i.origin()).append(": ").append(i.message()).append('\n'));
    }
    b.append("\n## Problems\n\n| problem | outcome | status | samples | proved samples |\n|---|---|---|---:|---:|\n");
    s.problems().forEach(p -> b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d |%n", p.name(),
        p.portfolio() ? "PROVED (portfolio)" : p.outcome(), p.status(), p.samples(), p.correct())));
    return b.toString();
  }

  static String percent(double rate) {
    return String.format(Locale.ROOT, "%.1f%%", rate * 100);
  }

  static String duration(long millis) {
    long seconds = millis / 1000;
    if (seconds < 60) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds / 60 % 60);
  }

  private static String oneLine(String text) {
    return text.replace('\n', ' ').replace("|", "\\|");
  }
}
