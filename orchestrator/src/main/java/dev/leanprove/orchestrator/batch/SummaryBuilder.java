package dev.leanprove.orchestrator.batch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Computes a {@link Summary} from the selected problems and what the log recorded for them. */
final class SummaryBuilder {

  static final String UNFINISHED = "UNFINISHED";

  private SummaryBuilder() {}

  static Summary build(List<Problem> selected, RecordedRun log, RunSettings current, List<InputIssue> inputIssues,
      long elapsedMs) {
    RunSettings settings = log.settings().orElse(current);
    List<Integer> ks = settings.hasModel() && !settings.firstProof() ? PassAtK.ks(settings.samples()) : List.of();
    double[] passSums = new double[ks.size()];
    int measured = 0;
    int proved = 0;
    int notProved = 0;
    int invalid = 0;
    int unfinished = 0;
    int portfolioSolved = 0;
    long samples = 0;
    long attempts = 0;
    long promptTokens = 0;
    long completionTokens = 0;
    long wall = 0;
    Map<String, int[]> categories = new LinkedHashMap<>();
    Map<String, Integer> failures = new TreeMap<>();
    Map<String, Integer> verdicts = new TreeMap<>();
    List<Summary.ProblemLine> lines = new ArrayList<>();
    for (Problem p : selected) {
      List<AttemptRecord> list = log.attempts(p.name());
      Optional<ProblemRecord> done = log.finished(p.name());
      int n = 0;
      int c = 0;
      boolean portfolioProof = false;
      long tokens = 0;
      for (AttemptRecord a : list) {
        attempts++;
        verdicts.merge(a.verdict().name(), 1, Integer::sum);
        promptTokens += a.promptTokens();
        completionTokens += a.completionTokens();
        tokens += a.completionTokens();
        if (a.countsForPassAtK()) {
          n++;
          c += a.proved() ? 1 : 0;
        }
        portfolioProof |= a.portfolio() && a.proved();
      }
      samples += n;
      int[] category = categories.computeIfAbsent(p.category(), k -> new int[2]);
      category[0]++;
      String outcome;
      String status;
      String detail;
      boolean byPortfolio = false;
      if (done.isEmpty()) {
        unfinished++;
        outcome = UNFINISHED;
        status = UNFINISHED;
        detail = list.isEmpty() ? "not started" : "stopped after " + list.size() + " attempts";
      } else {
        ProblemRecord r = done.get();
        outcome = r.outcome().name();
        status = r.status();
        detail = r.detail();
        wall += r.wallMs();
        if (r.proved()) {
          proved++;
          category[1]++;
          byPortfolio = portfolioProof && c == 0;
          portfolioSolved += byPortfolio ? 1 : 0;
        } else {
          failures.merge(r.status(), 1, Integer::sum);
          if (r.outcome() == ProblemRecord.Outcome.INVALID) {
            invalid++;
          } else {
            notProved++;
          }
        }
        if (r.outcome() != ProblemRecord.Outcome.INVALID && !ks.isEmpty() && (byPortfolio || n > 0)) {
          measured++;
          for (int i = 0; i < ks.size(); i++) {
            passSums[i] += byPortfolio ? 1.0 : PassAtK.forProblem(n, c, ks.get(i));
          }
        }
      }
      lines.add(new Summary.ProblemLine(p.name(), p.category(), outcome, status, n, c, byPortfolio, tokens, detail));
    }
    List<Summary.PassAtKValue> passAtK = new ArrayList<>();
    for (int i = 0; i < ks.size() && measured > 0; i++) {
      passAtK.add(new Summary.PassAtKValue(ks.get(i), passSums[i] / measured));
    }
    return new Summary(settings, Math.max(1, log.sessions()), selected.size(), proved, notProved, invalid, unfinished,
        portfolioSolved, passAtK, measured, passAtKNote(settings, measured), categoryCounts(categories), counts(failures),
        counts(verdicts), lines, inputIssues, samples, attempts, promptTokens, completionTokens, wall, elapsedMs);
  }

  private static String passAtKNote(RunSettings settings, int measured) {
    if (!settings.hasModel()) {
      return "no model engine: only the portfolio ran, so there are no samples to estimate pass@k from";
    }
    if (settings.firstProof()) {
      return "--first-proof stops sampling at the first proof, so pass@k is not estimated";
    }
    if (settings.samples() == 0) {
      return "--samples 0: no model samples";
    }
    if (measured == 0) {
      return "no problem has a model sample judged on its merits yet";
    }
    return "";
  }

  private static List<Summary.CategoryCount> categoryCounts(Map<String, int[]> categories) {
    List<Summary.CategoryCount> list = new ArrayList<>();
    categories.forEach((name, counts) -> list.add(new Summary.CategoryCount(name, counts[0], counts[1])));
    list.sort(Comparator.comparingInt(Summary.CategoryCount::total).reversed().thenComparing(Summary.CategoryCount::category));
    return list;
  }

  private static List<Summary.ReasonCount> counts(Map<String, Integer> counts) {
    List<Summary.ReasonCount> list = new ArrayList<>();
    counts.forEach((reason, count) -> list.add(new Summary.ReasonCount(reason, count)));
    list.sort(Comparator.comparingInt(Summary.ReasonCount::count).reversed().thenComparing(Summary.ReasonCount::reason));
    return list;
  }
}
