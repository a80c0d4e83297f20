package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.ParsedOutput;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.Termination;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which {@code #print axioms} report counts, from messages as a run would give them (no Lean started). */
final class AxiomEvidenceTest {

  static final String FILE = ".leanprove-checks/Check_1.lean";

  // Line 1: theorem, line 3: our #print axioms.
  static final CheckPlan PLAN = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n"));

  static final String CLEAN = "'t' depends on axioms: [propext]";

  private static LeanMessage info(String file, int line, int column, String data) {
    return new LeanMessage(file, new Position(line, column), new Position(line, column + 6), Severity.INFORMATION, "", data);
  }

  private static LeanMessage bare(String data) {
    return new LeanMessage("", null, null, Severity.INFORMATION, "", data);
  }

  private static AxiomEvidence evidence(CheckPlan plan, String file, LeanMessage... messages) {
    LeanRun run = new LeanRun(0, Termination.EXITED, "", "", Duration.ofMillis(5), false);
    return AxiomEvidence.of(plan, plan.targets().get(0), LeanOutcome.of(run, new ParsedOutput(List.of(messages), List.of()), Duration.ofSeconds(300), file));
  }

  @Test
  void plan_printsTheRootQualifiedNameAtColumnZero() {
    assertThat(PLAN.text()).endsWith("theorem t : True := trivial\n\n#print axioms _root_.t\n");
    assertThat(PLAN.targets()).singleElement().satisfies(t -> assertThat(t.axiomsLine()).isEqualTo(3));
  }

  @Test
  void of_reportAtOurCommand_counts() {
    AxiomEvidence e = evidence(PLAN, FILE, info(FILE, 3, 0, CLEAN));

    assertThat(e.report()).hasValueSatisfying(r -> assertThat(r.axioms()).containsExactly("propext"));
  }

  @Test
  void of_privateTheoremsMangledName_counts() {
    AxiomEvidence e = evidence(PLAN, FILE, info(FILE, 3, 0, "'_private.Check_1.0.t' depends on axioms: [propext]"));

    assertThat(e.report()).isPresent();
  }

  @Test
  void of_noReport_isSystemError() {
    AxiomEvidence e = evidence(PLAN, FILE);

    assertThat(e.code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
    assertThat(e.problem()).contains("no #print axioms result for t");
  }

  @Test
  void of_secondReportAtOurCommand_isForbidden() {
    AxiomEvidence e = evidence(PLAN, FILE, info(FILE, 3, 0, CLEAN), info(FILE, 3, 0, "'t' depends on axioms: [sorryAx]"));

    assertThat(e.report()).isEmpty();
    assertThat(e.code()).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_reportAtOurLineButAnotherColumn_isForbidden() {
    assertThat(evidence(PLAN, FILE, info(FILE, 3, 2, CLEAN)).code()).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_reportAtOurCommandFromAnotherFile_isForbidden() {
    assertThat(evidence(PLAN, FILE, info("Other.lean", 3, 0, CLEAN)).code()).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_warningAtOurCommand_isForbidden() {
    LeanMessage warning = new LeanMessage(FILE, new Position(3, 0), null, Severity.WARNING, "", CLEAN);

    assertThat(evidence(PLAN, FILE, warning).code()).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_reportAboutAnotherNameAtOurCommand_isForbidden() {
    assertThat(evidence(PLAN, FILE, info(FILE, 3, 0, "'Foo.t' depends on axioms: [propext]")).code())
        .isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_reportWithoutPositionInJsonOutput_isForbidden() {
    assertThat(evidence(PLAN, FILE, info(FILE, 3, 0, "'t' depends on axioms: [sorryAx]"), bare(CLEAN)).code())
        .isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void of_plainOutputOneReport_counts() {
    AxiomEvidence e = evidence(PLAN, "", bare(CLEAN));

    assertThat(e.report()).isPresent();
  }

  @Test
  void of_plainOutputTwoReports_isForbidden() {
    AxiomEvidence e = evidence(PLAN, "", bare(CLEAN), bare(CLEAN));

    assertThat(e.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(e.problem()).contains("2 #print axioms reports for t where at most 1");
  }

  @Test
  void of_plainOutputWithUsersOwnCommand_allowsTwoThatAgree() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n\n#print axioms t\n"));

    assertThat(evidence(plan, "", bare(CLEAN), bare(CLEAN)).report()).isPresent();
    assertThat(evidence(plan, "", bare("'t' depends on axioms: [sorryAx]"), bare(CLEAN)).problem()).contains("disagree");
  }

  @Test
  void of_reportAtUsersOwnCommand_isLeftToTheUser() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n\n#print axioms t\n"));
    Target t = plan.targets().get(0);

    AxiomEvidence e = evidence(plan, FILE, info(FILE, 3, 0, CLEAN), info(FILE, t.axiomsLine(), 0, CLEAN));

    assertThat(e.report()).isPresent();
  }

  @Test
  void confirmOwnCommands_stringLeftOpen_isAProblem() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n\ndef s := \"not closed\n"));

    assertThat(CheckPlanner.confirmOwnCommands(plan)).hasValueSatisfying(p -> assertThat(p).contains("string open"));
  }

  @Test
  void confirmOwnCommands_fileEndingInAWordEndingIn_in_isFine() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n\ndef m := Nat.min\n"));

    assertThat(CheckPlanner.confirmOwnCommands(plan)).isEmpty();
  }

  @Test
  void confirmOwnCommands_danglingOpenIn_isAProblem() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("theorem t : True := trivial\n\nopen Nat in -- then nothing\n"));

    assertThat(CheckPlanner.confirmOwnCommands(plan)).hasValueSatisfying(p -> assertThat(p).contains("dangling"));
  }

  @Test
  void toUser_mapsColumnsOfTwoRenamedExamplesOnOneLine() {
    // User line: `example` at columns 0 and 27; each renaming inserted 10 code points after its keyword.
    CheckPlan plan = new CheckPlan("", "", List.of(), 0,
        List.of(new CheckPlan.Insertion(1, 7, 10, 0), new CheckPlan.Insertion(1, 44, 10, 37)), List.of(), 0);

    assertThat(plan.toUser(at(1, 60)).pos()).isEqualTo(new Position(1, 40));
    assertThat(plan.toUser(at(1, 47)).pos()).isEqualTo(new Position(1, 27));
    assertThat(plan.toUser(at(1, 30)).pos()).isEqualTo(new Position(1, 20));
    assertThat(plan.toUser(at(1, 9)).pos()).isEqualTo(new Position(1, 0));
    assertThat(plan.toUser(at(1, 3)).pos()).isEqualTo(new Position(1, 3));
    assertThat(plan.toUser(at(2, 60)).pos()).isEqualTo(new Position(2, 60));
  }

  @Test
  void planFile_examplesOnSeparateLines_mapBackToTheirKeywords() {
    CheckPlan plan = CheckPlanner.planFile(LeanSource.parse("example : True := trivial\n\nexample : True := by simp\n"));
    String third = plan.text().lines().skip(2).findFirst().orElseThrow();

    assertThat(third).startsWith("theorem " + TheoremNames.EXAMPLE_PREFIX + "2_");
    assertThat(plan.toUser(at(3, third.indexOf("by simp"))).pos()).isEqualTo(new Position(3, "example : True := ".length()));
    assertThat(plan.toUser(at(3, 10)).pos()).isEqualTo(new Position(3, 0));
  }

  private static LeanMessage at(int line, int column) {
    return new LeanMessage(FILE, new Position(line, column), null, Severity.ERROR, "", "unsolved goals");
  }
}
