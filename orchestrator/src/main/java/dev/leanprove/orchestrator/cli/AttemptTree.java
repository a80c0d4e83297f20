package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.Decomposition;
import dev.leanprove.orchestrator.search.SubgoalResult;
import dev.leanprove.orchestrator.search.TheoremResult;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a theorem's search as a tree: attempts, their repairs, sketches and their subgoals' own searches. */
final class AttemptTree {

  private final PrintWriter out;

  AttemptTree(PrintWriter out) {
    this.out = out;
  }

  void print(TheoremResult result, String indent) {
    Map<String, List<Attempt>> children = new LinkedHashMap<>();
    List<Attempt> roots = new ArrayList<>();
    for (Attempt a : result.attempts()) {
      if (a.parent().isEmpty() || result.attempts().stream().noneMatch(p -> p.id().equals(a.parent()))) {
        roots.add(a);
      } else {
        children.computeIfAbsent(a.parent(), k -> new ArrayList<>()).add(a);
      }
    }
    for (int i = 0; i < roots.size(); i++) {
      printAttempt(roots.get(i), children, result, indent, i == roots.size() - 1);
    }
  }

  private void printAttempt(Attempt a, Map<String, List<Attempt>> children, TheoremResult result, String indent, boolean last) {
    out.println(indent + (last ? "└─ " : "├─ ") + line(a));
    String inner = indent + (last ? "   " : "│  ");
    List<Attempt> kids = children.getOrDefault(a.id(), List.of());
    List<Decomposition> sketches = result.decompositions().stream().filter(d -> d.sketchAttempt().equals(a.id())).toList();
    int count = kids.size() + sketches.stream().mapToInt(d -> d.subgoals().size()).sum();
    int n = 0;
    for (Decomposition d : sketches) {
      for (SubgoalResult s : d.subgoals()) {
        n++;
        boolean lastChild = n == count;
        TheoremResult r = s.result();
        out.println(inner + (lastChild ? "└─ " : "├─ ") + "subgoal " + s.lemmaName() + " (depth " + s.depth() + ")  "
            + r.status() + "  " + r.detail());
        print(r, inner + (lastChild ? "   " : "│  "));
      }
    }
    for (Attempt k : kids) {
      n++;
      printAttempt(k, children, result, inner, n == count);
    }
  }

  private static String line(Attempt a) {
    String why = a.proved() ? "" : "  " + (a.firstError().isEmpty() ? a.detail() : a.firstError());
    return a.strategy() + " " + a.id() + "  " + a.verdict() + (a.cached() ? " (cached)" : "") + shorten(why);
  }

  private static String shorten(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= 110 ? oneLine : oneLine.substring(0, 110) + "…";
  }
}
