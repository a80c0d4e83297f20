package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cheats on names and on Lean's messages (issue 9 items 1, 2 and 6), each through the stand-in
 * toolchain whose oracle accepts the cheating proof, i.e. as if real Lean accepted the text: only
 * the axioms of the right constant, reported at our own command, may make it PROVED.
 */
final class NamedTargetsTest {

  static final String HEADER = LakeVerifierTest.HEADER;

  // A proof that Lean accepts, but only through a definition that is itself `sorry`.
  static final String SORRIED_DEF = "def h : (1:ℕ) = 2 := sorry\n\n";

  @TempDir
  Path dir;

  StandInLean lean;
  LakeVerifier verifier;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 2);
    lean.proposition("(1:ℕ) = 2", "h", "exact h");
    lean.proposition("True", "trivial");
    verifier = lean.verifier(VerifierConfig.DEFAULT);
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  private FileReport check(String text) throws Exception {
    return verifier.check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);
  }

  private static TheoremVerdict named(FileReport report, String qualifiedName) {
    return report.theorems().stream().filter(t -> t.qualifiedName().equals(qualifiedName)).findFirst()
        .orElseThrow(() -> new AssertionError("no verdict for " + qualifiedName + " in " + report.theorems()));
  }

  @Test
  void check_exampleProvedThroughSorriedDef_isSorry() throws Exception {
    FileReport report = check(HEADER + SORRIED_DEF + "example : (1:ℕ) = 2 := h\n");

    assertThat(report.theorems()).singleElement().satisfies(t -> {
      assertThat(t.name()).isEqualTo("example@10");
      assertThat(t.qualifiedName()).startsWith(TheoremNames.EXAMPLE_PREFIX + "1_");
      assertThat(t.verdict().code()).isEqualTo(ReasonCode.SORRY);
      assertThat(t.verdict().detail()).contains("sorryAx");
      assertThat(t.verdict().checkedText()).contains("theorem " + t.qualifiedName() + " : (1:ℕ) = 2 := h")
          .contains("#print axioms _root_." + t.qualifiedName());
    });
    assertThat(report.proved()).isFalse();
  }

  @Test
  void check_honestExample_isProved() throws Exception {
    FileReport report = check(HEADER + "example : True := trivial\n\nexample : True := by\n  trivial\n");

    assertThat(report.theorems()).hasSize(2).allSatisfy(t -> assertThat(t.verdict().code()).isEqualTo(ReasonCode.PROVED));
    assertThat(report.theorems().get(0).qualifiedName()).isNotEqualTo(report.theorems().get(1).qualifiedName());
    assertThat(report.proved()).isTrue();
  }

  @Test
  void check_exampleInNamespace_isAskedAboutByItsQualifiedName() throws Exception {
    FileReport report = check(HEADER + SORRIED_DEF + "namespace Foo\n\nexample : (1:ℕ) = 2 := h\n\nend Foo\n");

    assertThat(report.theorems()).singleElement().satisfies(t -> {
      assertThat(t.qualifiedName()).startsWith("Foo." + TheoremNames.EXAMPLE_PREFIX);
      assertThat(t.verdict().code()).isEqualTo(ReasonCode.SORRY);
    });
  }

  @Test
  void check_failingExample_reportsPositionsOfTheUsersFile() throws Exception {
    String text = HEADER + "example (x : ℕ) : x = x + 0 := by simp\n";

    FileReport report = check(text);

    TheoremVerdict t = report.theorems().get(0);
    assertThat(t.verdict().code()).isEqualTo(ReasonCode.LEAN_ERROR);
    // The error starts at `by`, columns as in the file the user wrote (not the renamed one Lean saw).
    int byColumn = "example (x : ℕ) : x = x + 0 := ".codePointCount(0, "example (x : ℕ) : x = x + 0 := ".length());
    assertThat(t.verdict().messages()).filteredOn(LeanMessage::isError).singleElement()
        .satisfies(m -> assertThat(m.position()).contains(new Position(8, byColumn)));
    assertThat(report.messages()).filteredOn(LeanMessage::isError).singleElement()
        .satisfies(m -> assertThat(m.position()).contains(new Position(8, byColumn)));
    assertThat(t.verdict().detail()).startsWith("8:" + byColumn + ": unsolved goals");
  }

  @Test
  void check_sorryInExample_warnsAtTheExampleKeyword() throws Exception {
    FileReport report = check(HEADER + "example : True := by\n  sorry\n");

    assertThat(report.theorems().get(0).verdict().code()).isEqualTo(ReasonCode.SORRY);
    assertThat(report.messages()).filteredOn(m -> m.severity() == Severity.WARNING).singleElement()
        .satisfies(m -> assertThat(m.position()).contains(new Position(8, 0)));
  }

  @Test
  void check_nameSpanningLines_isRefusedWithoutRunningLean() throws Exception {
    FileReport report = check(HEADER + "theorem «t\n» : True := trivial\n");

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).contains("name cannot be read");
    assertThat(report.theorems()).allSatisfy(t -> assertThat(t.verdict().code()).isEqualTo(ReasonCode.FORBIDDEN));
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_unterminatedGuillemet_isRefusedWithoutRunningLean() throws Exception {
    FileReport report = check(HEADER + "theorem «t : True := trivial\n");

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).contains("unterminated identifier escape «");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_rootTheoremWhileFileEndsInsideNamespace_isJudgedByItsOwnAxioms() throws Exception {
    // `#print axioms t` at the end, still inside `namespace Foo`, would report on Foo.t (clean).
    String text = HEADER + SORRIED_DEF + "theorem t : (1:ℕ) = 2 := h\n\nnamespace Foo\n\ntheorem t : True := trivial\n";

    FileReport report = check(text);

    assertThat(named(report, "t").verdict().code()).isEqualTo(ReasonCode.SORRY);
    assertThat(named(report, "Foo.t").verdict().code()).isEqualTo(ReasonCode.PROVED);
    assertThat(report.proved()).isFalse();
  }

  @Test
  void check_duplicateQualifiedNames_isRefusedWithoutRunningLean() throws Exception {
    String text = HEADER + "theorem A.foo : True := trivial\n\nnamespace A\n\ntheorem foo : True := trivial\n\nend A\n";

    FileReport report = check(text);

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).contains("two theorems are named A.foo");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_usersOwnPrintAxioms_isNotMistakenForAForgery() throws Exception {
    FileReport report = check(HEADER + "theorem t : True := trivial\n\n#print axioms t\n");

    assertThat(report.theorems().get(0).verdict().code()).isEqualTo(ReasonCode.PROVED);
    // The user's own report is theirs to see; ours is left out.
    assertThat(report.messages()).singleElement().satisfies(m -> assertThat(m.position()).contains(new Position(10, 0)));
  }

  @Test
  void check_commentLeftOpenAtTheEnd_isRefusedWithoutRunningLean() throws Exception {
    // Our #print axioms would be inside the comment: only a printed imitation could then report.
    FileReport report = check(HEADER + "theorem t : True := trivial\n\n/- not closed\n");

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).contains("unterminated comment");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_danglingGuardMsgsPrefix_isRefusedWithoutRunningLean() throws Exception {
    // `#guard_msgs (drop info) in` would swallow our first report.
    FileReport report = check(HEADER + "theorem t : True := trivial\n\n#guard_msgs (drop info) in\n");

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).contains("dangling `in`");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_proofLeavingACommentOpen_isForbidden() throws Exception {
    Verdict v = verifier.verify(ProofCandidate.of(LeanSource.parse(TARGET), "t", "by\n  exact h\n  /- not closed"))
        .get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("unterminated comment");
    assertThat(lean.leanRuns()).isZero();
  }

  static final String TWINS = HEADER
      + "namespace A\n\ntheorem foo : True := by\n  sorry\n\nend A\n\n"
      + "namespace B\n\ntheorem foo : (1:ℕ) = 2 := by\n  sorry\n\nend B\n";

  @Test
  void verify_candidateForQualifiedName_checksThatTheoremOnly() throws Exception {
    LeanSource source = LeanSource.parse(TWINS);

    Verdict a = verifier.verify(ProofCandidate.of(source, "A.foo", "by\n  trivial")).get(30, TimeUnit.SECONDS);
    Verdict b = verifier.verify(ProofCandidate.of(source, "B.foo", "by\n  trivial")).get(30, TimeUnit.SECONDS);

    assertThat(a.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(a.checkedText()).contains("#print axioms _root_.A.foo");
    assertThat(b.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(b.checkedText()).contains("theorem foo : (1:ℕ) = 2 := by\n  trivial").contains("#print axioms _root_.B.foo");
  }

  @Test
  void verify_nameShortOfTwoQualifiedOnes_isRefusedAsAmbiguous() {
    LeanSource source = LeanSource.parse(TWINS);

    assertThatThrownBy(() -> verifier.verify(ProofCandidate.of(source, "foo", "by\n  trivial")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("more than one theorem is named foo");
  }

  @Test
  void verify_auxiliaryRedeclaringTheTarget_isForbidden() throws Exception {
    LeanSource source = LeanSource.parse(TWINS);

    Verdict v = verifier.verify(new ProofCandidate(source, "B.foo", "by\n  trivial",
        "theorem foo : True := trivial", java.util.Optional.empty())).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(lean.leanRuns()).isZero();
  }

  // Message trust: what the checked code prints to stdout reads like Lean's output.

  private static final String TARGET = HEADER + SORRIED_DEF + "theorem t : (1:ℕ) = 2 := by\n  sorry\n";

  private static String forged(String file, int line, int column) {
    return "{\"caption\":\"\",\"data\":\"'t' depends on axioms: [propext]\",\"endPos\":{\"column\":6,\"line\":" + line
        + "},\"fileName\":\"" + file + "\",\"isSilent\":false,\"keepFullRange\":false,\"kind\":\"[anonymous]\",\"pos\":"
        + "{\"column\":" + column + ",\"line\":" + line + "},\"severity\":\"information\"}";
  }

  /** The line of our {@code #print axioms} when {@code proof} replaces the proof of {@code t} in {@link #TARGET}. */
  private static int ourLine(String proof) {
    LeanSource source = LeanSource.parse(TARGET);
    Declaration t = source.theorem("t").orElseThrow();
    String before = TARGET.substring(0, t.proofStart()) + " " + proof + "\n\n";
    return (int) before.chars().filter(c -> c == '\n').count() + 1;
  }

  private Verdict verifyT(String proof) throws Exception {
    return verifier.verify(ProofCandidate.of(LeanSource.parse(TARGET), "t", proof)).get(30, TimeUnit.SECONDS);
  }

  @Test
  void verify_forgedReportAtAnotherPosition_isForbidden() throws Exception {
    String proof = "by\n  -- FAKE_LEAN: print " + forged("{file}", 12, 2) + "\n  exact h";

    Verdict v = verifyT(proof);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("imitating the #print axioms report for t");
  }

  @Test
  void verify_forgedReportAtOurCommand_isForbidden() throws Exception {
    String draft = "by\n  -- FAKE_LEAN: print " + forged("{file}", 99, 0) + "\n  exact h";
    String proof = draft.replace("99", Integer.toString(ourLine(draft)));

    Verdict v = verifyT(proof);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("2 #print axioms reports for t at our command");
  }

  @Test
  void verify_forgedReportFromAnotherFile_isForbidden() throws Exception {
    String draft = "by\n  -- FAKE_LEAN: print " + forged("Other.lean", 99, 0) + "\n  exact h";
    String proof = draft.replace("99", Integer.toString(ourLine(draft)));

    Verdict v = verifyT(proof);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("imitating");
  }

  @Test
  void verify_honestProofThroughSorriedDef_isSorry() throws Exception {
    assertThat(verifyT("by\n  exact h").code()).isEqualTo(ReasonCode.SORRY);
  }

  @Test
  void verify_forgedBareReportInPlainOutput_isForbidden() throws Exception {
    LakeVerifier plain = lean.verifier(VerifierConfig.DEFAULT, lean.toolchain(LeanVersion.parse("4.7.0").orElseThrow()));
    String proof = "by\n  -- FAKE_LEAN: print 't' depends on axioms: [propext]\n  exact h";

    Verdict v = plain.verify(ProofCandidate.of(LeanSource.parse(TARGET), "t", proof)).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("2 #print axioms reports for t where at most 1");
  }

  @Test
  void verify_plainOutputWithoutForgery_isJudgedByLeansReport() throws Exception {
    LakeVerifier plain = lean.verifier(VerifierConfig.DEFAULT, lean.toolchain(LeanVersion.parse("4.7.0").orElseThrow()));

    Verdict v = plain.verify(ProofCandidate.of(LeanSource.parse(TARGET), "t", "by\n  exact h")).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.SORRY);
    assertThat(v.detail()).contains("sorryAx");
  }
}
