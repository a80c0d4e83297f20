package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the exact text Lean checks: a candidate spliced after its theorem's original statement, or
 * a whole file, each judged theorem followed by our {@code #print axioms} command.
 */
final class CheckPlanner {

  private CheckPlanner() {}

  static CheckPlan planCandidate(ProofCandidate candidate, Declaration decl) {
    String text = candidate.source().text();
    StringBuilder b = new StringBuilder(text.length() + candidate.proof().length() + 64);
    b.append(text, 0, decl.start());
    int start = b.length();
    if (!candidate.auxiliary().isBlank()) {
      b.append(candidate.auxiliary().strip()).append("\n\n");
    }
    b.append(text, decl.start(), decl.proofStart()).append(' ').append(candidate.proof().strip());
    int end = b.length();
    b.append("\n\n");
    int axiomsLine = LeanText.positionAt(b.toString(), b.length()).line();
    String name = candidate.source().qualifiedName(decl);
    b.append("#print axioms ").append(name).append('\n');
    Target target = new Target(decl.displayName(), name, start, end, axiomsLine);
    return new CheckPlan(b.toString(), List.of(target), candidate.source().header().end());
  }

  // The spliced proof must stay inside the declaration: text that ends it early (a command at
  // column 0) would let the "proof" close the theorem with something else. Comments after the
  // last tactic do not count: Lean's declaration ends before them anyway.
  static Optional<Verdict> confirmSplice(CheckPlan plan, ProofCandidate candidate, Declaration original) {
    LeanSource checked = LeanSource.parse(plan.text());
    Optional<Declaration> again = checked.theorem(candidate.theoremName());
    String proof = candidate.proof().strip();
    int proofStart = plan.targets().get(0).end() - proof.length();
    int proofCodeEnd = proofStart + LeanText.blankCommentsAndStrings(proof).stripTrailing().length();
    if (again.isPresent()
        && again.get().statement().equals(original.statement())
        && again.get().proofStart() <= proofStart
        && again.get().end() >= proofCodeEnd) {
      return Optional.empty();
    }
    return Optional.of(Verdict.withoutLean(ReasonCode.FORBIDDEN,
        "the proof does not stay inside the theorem: it contains a top-level command"));
  }

  // Linear in the file: the line of each appended command is counted as the text grows, never
  // recomputed from the whole text (which made 16k theorems take seconds).
  static CheckPlan planFile(LeanSource source) {
    StringBuilder b = new StringBuilder(source.text());
    if (!source.text().endsWith("\n")) {
      b.append('\n');
    }
    b.append('\n');
    int line = LeanText.positionAt(b.toString(), b.length()).line();
    List<Target> targets = new ArrayList<>();
    for (Declaration d : source.theorems()) {
      int axiomsLine = 0;
      String name = d.name().isEmpty() ? "" : source.qualifiedName(d);
      if (!name.isEmpty()) {
        axiomsLine = line;
        String command = "#print axioms " + name + "\n";
        b.append(command);
        line += newlines(command);
      }
      targets.add(new Target(d.displayName(), name, d.start(), d.end(), axiomsLine));
    }
    return new CheckPlan(b.toString(), targets, source.header().end());
  }

  private static int newlines(String text) {
    int n = 0;
    for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      n++;
    }
    return n;
  }
}
