package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.AxiomReport;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The {@code #print axioms} report that counts for one target, and anything in Lean's output that
 * imitates it.
 *
 * <p>Anything the checked code prints to stdout reads like a Lean message, so a report counts only
 * when it is where only our command puts it: an information message at our command's line, column 0,
 * in our check file, about the target's fully qualified name, and the only one there. A report about
 * the target anywhere else is an imitation, unless it sits at a {@code #print axioms} command the
 * file itself has. Plain output gives information messages no position, so there the reports about
 * the target must be no more than the commands that can print one, and all alike.
 *
 * <p>Printed text can still copy a whole message, position included; these checks only make a
 * forgery detectable when it differs from or adds to Lean's own report. Kernel replay (stage 2) is
 * what makes a verdict independent of printed text.
 *
 * @param report the report that counts, if there is one
 * @param problem why no report counts, "" when one does
 * @param code the verdict when no report counts: {@link ReasonCode#FORBIDDEN} for an imitation,
 *     {@link ReasonCode#SYSTEM_ERROR} when Lean printed none
 */
record AxiomEvidence(Optional<AxiomReport> report, String problem, ReasonCode code) {

  static AxiomEvidence of(CheckPlan plan, Target target, LeanOutcome outcome) {
    String file = outcome.fileName();
    List<AxiomReport> atOurs = new ArrayList<>();
    List<AxiomReport> bare = new ArrayList<>();
    List<String> imitations = new ArrayList<>();
    for (LeanMessage m : outcome.messages()) {
      Optional<AxiomReport> parsed = AxiomReport.parse(m.data());
      if (parsed.isEmpty()) {
        continue;
      }
      boolean aboutTarget = CheckPlan.names(parsed.get().declName(), target.qualifiedName());
      Optional<Position> at = m.position().map(p -> plan.toUser(m).pos());
      if (at.isPresent() && at.get().line() == target.axiomsLine()) {
        if (isOurs(m, at.get(), target, file) && aboutTarget) {
          atOurs.add(parsed.get());
        } else {
          imitations.add(where(at) + oneLine(m));
        }
      } else if (aboutTarget) {
        if (at.isEmpty() && file.isEmpty()) {
          bare.add(parsed.get());
        } else if (at.isEmpty() || !fromFile(m, file) || m.severity() != Severity.INFORMATION
            || !plan.isUserAxiomCommand(at.get())) {
          imitations.add(where(at) + oneLine(m));
        }
      }
    }
    String name = target.qualifiedName();
    if (!imitations.isEmpty()) {
      return refused(ReasonCode.FORBIDDEN, "Lean's output has a message imitating the #print axioms report for " + name
          + " (" + imitations.get(0) + "); only the report at our own command counts");
    }
    if (!file.isEmpty()) {
      if (atOurs.size() > 1) {
        return refused(ReasonCode.FORBIDDEN, "Lean's output has " + atOurs.size() + " #print axioms reports for " + name
            + " at our command, which prints one");
      }
      return atOurs.isEmpty() ? missing(name) : new AxiomEvidence(Optional.of(atOurs.get(0)), "", ReasonCode.PROVED);
    }
    List<AxiomReport> all = new ArrayList<>(atOurs);
    all.addAll(bare);
    if (all.isEmpty()) {
      return missing(name);
    }
    int possible = plan.possibleReports(name);
    if (all.size() > possible) {
      return refused(ReasonCode.FORBIDDEN, "Lean's output has " + all.size() + " #print axioms reports for " + name
          + " where at most " + possible + " can come from Lean");
    }
    if (all.stream().map(r -> new HashSet<>(r.axioms())).distinct().count() > 1) {
      return refused(ReasonCode.FORBIDDEN, "Lean's output has #print axioms reports for " + name + " that disagree");
    }
    // Our command is the file's last, so Lean's own report for it comes last.
    return new AxiomEvidence(Optional.of(all.get(all.size() - 1)), "", ReasonCode.PROVED);
  }

  /** Whether {@code m} is the report our command prints for some target of {@code plan}. */
  static boolean isOurs(CheckPlan plan, LeanOutcome outcome, LeanMessage m) {
    Optional<AxiomReport> parsed = AxiomReport.parse(m.data());
    if (parsed.isEmpty()) {
      return false;
    }
    for (Target t : plan.targets()) {
      if (t.axiomsLine() == 0 || !CheckPlan.names(parsed.get().declName(), t.qualifiedName())) {
        continue;
      }
      if (m.position().isEmpty() ? outcome.fileName().isEmpty() : isOurs(m, m.position().get(), t, outcome.fileName())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOurs(LeanMessage m, Position at, Target target, String file) {
    return at.line() == target.axiomsLine() && at.column() == 0 && m.severity() == Severity.INFORMATION
        && fromFile(m, file);
  }

  private static boolean fromFile(LeanMessage m, String file) {
    return file.isEmpty() || m.fileName().equals(file);
  }

  private static AxiomEvidence missing(String name) {
    return refused(ReasonCode.SYSTEM_ERROR, "Lean printed no #print axioms result for " + name);
  }

  private static AxiomEvidence refused(ReasonCode code, String problem) {
    return new AxiomEvidence(Optional.empty(), problem, code);
  }

  private static String where(Optional<Position> at) {
    return at.map(p -> "at " + p + ": ").orElse("without a position: ");
  }

  private static String oneLine(LeanMessage m) {
    return m.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + TheoremJudge.oneLine(m.data());
  }
}
