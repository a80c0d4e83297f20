package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.AxiomReport;
import dev.leanprove.leanbridge.message.ErrorCategory;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import dev.leanprove.leanbridge.verdict.ForbiddenScan.Finding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides one theorem's verdict from what Lean said about the checked text (DESIGN §3): the run's
 * own faults first, then forbidden text, errors, a crash, sorry, and last the axioms it depends on.
 */
final class TheoremJudge {

  private final VerifierConfig config;

  TheoremJudge(VerifierConfig config) {
    this.config = config;
  }

  Verdict judge(CheckPlan plan, Target target, LeanOutcome outcome, List<Finding> preFindings) {
    String text = plan.text();
    String userText = plan.userText();
    if (outcome.notStarted().isPresent()) {
      return Verdict.withoutLean(outcome.notStarted().get(), outcome.summary());
    }
    LeanRun run = outcome.run();
    Duration wall = run.wall();
    List<LeanMessage> own = new ArrayList<>();
    List<LeanMessage> fileWide = new ArrayList<>();
    for (LeanMessage m : outcome.messages()) {
      if (AxiomEvidence.isOurs(plan, outcome, m)) {
        continue;
      }
      LeanMessage shown = plan.toUser(m);
      if (shown.position().isEmpty()) {
        if (AxiomReport.parse(m.data()).isEmpty()) {
          fileWide.add(shown);
        }
        continue;
      }
      int offset = LeanText.offsetOf(userText, shown.position().get());
      if (target.contains(offset) || (target.axiomsLine() > 0 && shown.position().get().line() == target.axiomsLine())) {
        own.add(shown);
      } else if (offset < plan.headerEnd()) {
        fileWide.add(shown);
      }
    }
    List<LeanMessage> relevant = new ArrayList<>(fileWide);
    relevant.addAll(own);
    Optional<ReasonCode> fault = outcome.runFault();
    if (fault.isPresent()) {
      return new Verdict(fault.get(), relevant, wall, outcome.summary(), text);
    }
    Optional<Finding> forbidden = preFindings.stream().filter(f -> f.code() == ReasonCode.FORBIDDEN).findFirst();
    if (forbidden.isPresent()) {
      return new Verdict(ReasonCode.FORBIDDEN, relevant, wall, describe(forbidden.get(), userText.substring(target.start())), text);
    }
    AxiomEvidence axioms = AxiomEvidence.of(plan, target, outcome);
    if (axioms.code() == ReasonCode.FORBIDDEN) {
      return new Verdict(ReasonCode.FORBIDDEN, relevant, wall, axioms.problem(), text);
    }
    Optional<LeanMessage> error = relevant.stream().filter(LeanMessage::isError).findFirst();
    if (error.isPresent()) {
      return new Verdict(ReasonCode.LEAN_ERROR, relevant, wall, firstLine(error.get()), text);
    }
    // Lean exits 1 when any declaration has an error; only an exit without any error message is a crash.
    if (run.exitCode() != 0 && outcome.messages().stream().noneMatch(LeanMessage::isError)) {
      return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
          "lean exited with " + run.exitCode() + " without an error message; " + outcome.summary(), text);
    }
    if (!preFindings.isEmpty() || own.stream().anyMatch(ErrorCategory::isSorryWarning)) {
      return new Verdict(ReasonCode.SORRY, relevant, wall, "the proof uses sorry", text);
    }
    if (run.outputTruncated()) {
      return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
          "Lean's output was larger than the capture limit, so messages may be missing", text);
    }
    if (target.axiomsLine() == 0) {
      return new Verdict(ReasonCode.SYSTEM_ERROR, relevant, wall,
          "the theorem has no name to ask Lean about its axioms", text);
    }
    if (axioms.report().isEmpty()) {
      return new Verdict(axioms.code(), relevant, wall, axioms.problem(), text);
    }
    if (axioms.report().get().usesSorry()) {
      return new Verdict(ReasonCode.SORRY, relevant, wall, "depends on sorryAx (through a lemma that uses sorry)", text);
    }
    List<String> bad = axioms.report().get().axioms().stream().filter(a -> !config.accepts(a)).toList();
    if (!bad.isEmpty()) {
      return new Verdict(ReasonCode.BAD_AXIOM, relevant, wall, "depends on axioms outside the allowed set: " + bad, text);
    }
    return new Verdict(ReasonCode.PROVED, relevant, wall, "", text);
  }

  static String describe(Finding f, String text) {
    int line = LeanText.positionAt(text, f.offset()).line();
    return "`" + f.token() + "` at line " + line + ": " + f.why();
  }

  private static String firstLine(LeanMessage m) {
    String pos = m.position().map(p -> p + ": ").orElse("");
    return pos + oneLine(m.data());
  }

  static String oneLine(String text) {
    String first = text.strip().lines().findFirst().orElse("");
    return first.length() > 200 ? first.substring(0, 200) + "…" : first;
  }
}
