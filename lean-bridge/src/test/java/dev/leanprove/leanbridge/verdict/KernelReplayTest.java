package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.work.ThreadWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The second stage with the stand-in toolchain's `lean -o` and kernel checker (its README states the contract). */
final class KernelReplayTest {

  static final String HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\n";

  static final String SIMPLE = HEADER + "theorem t : (2 : ℕ) + 2 = 4 := by\n  sorry\n";

  static final String SHADOWED =
      HEADER + "def f : ℕ := 2\n\nnamespace Foo\n\ntheorem t : f + 2 = 5 := by\n  sorry\n\nend Foo\n";

  @TempDir
  Path dir;

  StandInLean lean;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 2);
    lean.accept("t", "norm_num", "norm_num -- FAKE_LEAN: kernel-reject", "norm_num -- FAKE_LEAN: checker-crash",
        "norm_num -- FAKE_LEAN: checker-hang", "native_decide");
    lean.accept("Foo.t", "norm_num");
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  private Verdict verify(LakeVerifier verifier, String source, String name, String auxiliary, String proof)
      throws Exception {
    return verifier.verify(new ProofCandidate(LeanSource.parse(source), name, proof, auxiliary, Optional.empty()))
        .get(60, TimeUnit.SECONDS);
  }

  @Test
  void verify_honestProofWithChecker_isProvedByKernelReplay() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);

    Verdict v = verify(verifier, SIMPLE, "t", "", "by\n  norm_num");

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(v.trust()).isEqualTo(Trust.KERNEL_REPLAY);
    assertThat(lean.checkerRequests()).isEqualTo(1);
    // The candidate .olean came from the first-stage run: one lean for the candidate, one for the challenge.
    assertThat(lean.leanRuns()).isEqualTo(2);
  }

  @Test
  void verify_manyCandidates_oneWarmCheckerAndOneChallengeCompile() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);

    for (int i = 0; i < 3; i++) {
      assertThat(verify(verifier, SIMPLE, "t", "", "by\n  norm_num").trust()).isEqualTo(Trust.KERNEL_REPLAY);
    }

    assertThat(lean.checkerStarts()).isEqualTo(1);
    assertThat(lean.checkerRequests()).isEqualTo(3);
    assertThat(lean.leanRuns()).isEqualTo(4);
  }

  @Test
  void verify_checkerNotBuilt_isScreened() throws Exception {
    LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT);

    Verdict v = verify(verifier, SIMPLE, "t", "", "by\n  norm_num");

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(v.trust()).isEqualTo(Trust.SCREENED);
    assertThat(lean.checkerStarts()).isZero();
  }

  @Test
  void verify_checkerNotBuiltButRequired_isNotProved() throws Exception {
    LakeVerifier verifier = lean.verifier(VerifierConfig.DEFAULT.withRequireKernelReplay(true));

    Verdict v = verify(verifier, SIMPLE, "t", "", "by\n  norm_num");

    assertThat(v.code()).isEqualTo(ReasonCode.TOOLCHAIN_MISSING);
    assertThat(v.detail()).contains("--require-kernel-replay").contains("leanprove setup");
  }

  @Test
  void verify_auxiliaryDefinitionShadowsStatement_isStatementChanged() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);

    // `f` in the statement now means Foo.f = 3, which makes the false 2 + 2 = 5 "provable".
    Verdict v = verify(verifier, SHADOWED, "Foo.t", "def f : ℕ := 3", "by\n  norm_num");

    assertThat(v.code()).isEqualTo(ReasonCode.STATEMENT_CHANGED);
    assertThat(v.trust()).isEqualTo(Trust.KERNEL_REPLAY);
    assertThat(v.detail()).contains("type-mismatch");
  }

  @Test
  void verify_kernelRejectsCandidate_isForbidden() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);

    Verdict v = verify(verifier, SIMPLE, "t", "", "by\n  norm_num -- FAKE_LEAN: kernel-reject");

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("replay-failed");
  }

  @Test
  void check_theoremThroughSorryLemma_isSorryAlreadyInTheFirstStage() throws Exception {
    lean.accept("t2", "h");
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);
    String file = HEADER + "theorem h : (1 : ℕ) = 2 := by\n  sorry\n\ntheorem t2 : (1 : ℕ) = 2 := h\n";

    FileReport report = verifier.check(LeanSource.parse(file)).get(60, TimeUnit.SECONDS);

    TheoremVerdict t2 = report.theorems().get(1);
    // #print axioms follows h to sorryAx, as Lean's collectAxioms does: refused before the checker is asked.
    assertThat(t2.verdict().code()).isEqualTo(ReasonCode.SORRY);
    assertThat(t2.verdict().trust()).isEqualTo(Trust.SCREENED);
    assertThat(report.proved()).isFalse();
  }

  @Test
  void verify_nativeDecideAllowed_isProvedByKernelReplay() throws Exception {
    VerifierConfig allowing = new VerifierConfig(Duration.ofSeconds(60), 0, VerifierConfig.STANDARD_AXIOMS, true,
        Set.of(), VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
    LakeVerifier verifier = lean.buildChecker().verifier(allowing);

    Verdict v = verify(verifier, SIMPLE, "t", "", "by\n  native_decide");

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(v.trust()).isEqualTo(Trust.KERNEL_REPLAY);
  }

  @Test
  void confirm_nativeDecideNotAllowed_isBadAxiom() throws Exception {
    String checked = SIMPLE.replace("sorry", "native_decide");
    ReplayOutcome o = confirm(VerifierConfig.DEFAULT, SIMPLE, checked, List.of("t"));

    assertThat(o.results()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("bad-axiom"));
    assertThat(o.settle(proved(), "t", VerifierConfig.DEFAULT).code()).isEqualTo(ReasonCode.BAD_AXIOM);
  }

  @Test
  void confirm_targetIsAxiomOrDefinition_isForbidden() throws Exception {
    for (String cheat : List.of("axiom t : (2 : ℕ) + 2 = 4\n", "def t : (2 : ℕ) + 2 = 4 := by\n  norm_num\n")) {
      ReplayOutcome o = confirm(VerifierConfig.DEFAULT, SIMPLE, HEADER + cheat, List.of("t"));

      assertThat(o.results()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("not-a-theorem"));
      assertThat(o.settle(proved(), "t", VerifierConfig.DEFAULT).code()).isEqualTo(ReasonCode.FORBIDDEN);
    }
  }

  @Test
  void confirm_changedDefinitionTheStatementUses_isStatementChanged() throws Exception {
    String original = HEADER + "def f : ℕ := 2\n\ntheorem u : f + 2 = 4 := by\n  sorry\n";
    String checked = HEADER + "def f : ℕ := 3\n\ntheorem u : f + 2 = 4 := by\n  norm_num\n";
    lean.accept("u", "norm_num");

    ReplayOutcome o = confirm(VerifierConfig.DEFAULT, original, checked, List.of("u"));

    assertThat(o.results()).singleElement().satisfies(r -> assertThat(r.reason()).isEqualTo("dependency-changed"));
    assertThat(o.settle(proved(), "u", VerifierConfig.DEFAULT).code()).isEqualTo(ReasonCode.STATEMENT_CHANGED);
  }

  @Test
  void verify_checkerCrashes_isSystemErrorAndNextCheckRestartsIt() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT);

    Verdict crashed = verify(verifier, SIMPLE, "t", "", "by\n  norm_num -- FAKE_LEAN: checker-crash");
    Verdict next = verify(verifier, SIMPLE, "t", "", "by\n  norm_num");

    assertThat(crashed.code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
    assertThat(crashed.detail()).contains("ended twice without answering").contains("bad_alloc");
    assertThat(next.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(next.trust()).isEqualTo(Trust.KERNEL_REPLAY);
    assertThat(lean.checkerStarts()).isEqualTo(3);
  }

  @Test
  void verify_checkerHangs_isTimeoutAndNextCheckGetsAFreshChecker() throws Exception {
    LakeVerifier verifier = lean.buildChecker().verifier(VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(3)));

    Verdict hung = verify(verifier, SIMPLE, "t", "", "by\n  norm_num -- FAKE_LEAN: checker-hang");
    Verdict next = verify(verifier, SIMPLE, "t", "", "by\n  norm_num");

    assertThat(hung.code()).isEqualTo(ReasonCode.TIMEOUT);
    assertThat(hung.detail()).contains("kernel checker did not answer");
    assertThat(next.trust()).isEqualTo(Trust.KERNEL_REPLAY);
    assertThat(lean.checkerStarts()).isEqualTo(2);
  }

  @Test
  void challengeOf_everyProofBecomesSorry() {
    String file = HEADER + "theorem a : True := by\n  trivial\n\ndef d : ℕ := 2\n\nlemma b : d = 2 := rfl\n";

    assertThat(KernelReplay.challengeOf(LeanSource.parse(file)))
        .isEqualTo(HEADER + "theorem a : True := by sorry\n\ndef d : ℕ := 2\n\nlemma b : d = 2 := by sorry\n");
  }

  @Test
  void challengeOf_manyTheorems_allocatesInProportionToTheText() {
    // Re-parsing the text once per theorem (as challengeOf once did) allocates the whole text again for
    // every theorem: 2 000 times here. One pass allocates a small multiple of the text.
    StringBuilder file = new StringBuilder(HEADER);
    for (int i = 0; i < 2_000; i++) {
      file.append("theorem t").append(i).append(" : (").append(i).append(" : ℕ) + 0 = ").append(i)
          .append(" := by\n  simp\n\n");
    }
    LeanSource source = LeanSource.parse(file.toString());
    String[] challenge = new String[1];

    long allocated = ThreadWork.allocatedBytes(() -> challenge[0] = KernelReplay.challengeOf(source));

    assertThat(allocated).isLessThan(20L * Character.BYTES * file.length());
    assertThat(challenge[0]).contains("theorem t1999 : (1999 : ℕ) + 0 = 1999 := by sorry").doesNotContain("simp");
  }

  @Test
  void confirm_manyCandidatesOfOneSource_makeItsChallengeOnce() throws Exception {
    lean.buildChecker();
    String checked = SIMPLE.replace("sorry", "norm_num");
    try (KernelReplay replay = new KernelReplay(lean.toolchain(), lean.workspace(), lean.runner(),
        LeanEnvironment.from(lean.systemEnv()), VerifierConfig.DEFAULT, UnaryOperator.identity())) {
      LeanSource source = LeanSource.parse(SIMPLE);
      for (int i = 0; i < 3; i++) {
        assertThat(replay.confirm(source, checked, Optional.empty(), List.of("t")).get(60, TimeUnit.SECONDS).results())
            .singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
      }
      assertThat(replay.challengesMade()).isEqualTo(1);

      replay.confirm(LeanSource.parse(SIMPLE), checked, Optional.empty(), List.of("t")).get(60, TimeUnit.SECONDS);

      // Another source object with the same text makes the text again, but its .olean is the cached one:
      // one challenge compile and four candidate compiles in all.
      assertThat(replay.challengesMade()).isEqualTo(2);
      assertThat(lean.leanRuns()).isEqualTo(5);
    }
  }

  private ReplayOutcome confirm(VerifierConfig config, String original, String checked, List<String> targets)
      throws Exception {
    lean.buildChecker();
    try (KernelReplay replay = new KernelReplay(lean.toolchain(), lean.workspace(), lean.runner(),
        LeanEnvironment.from(lean.systemEnv()), config, UnaryOperator.identity())) {
      return replay.confirm(LeanSource.parse(original), checked, Optional.empty(), targets).get(60, TimeUnit.SECONDS);
    }
  }

  private static Verdict proved() {
    return new Verdict(ReasonCode.PROVED, List.of(), Duration.ZERO, "", "checked");
  }

  @Test
  void confirm_noCandidateOlean_compilesItItself() throws Exception {
    ReplayOutcome o = confirm(VerifierConfig.DEFAULT, SIMPLE, SIMPLE.replace("sorry", "norm_num"), List.of("t"));

    assertThat(o.results()).singleElement().satisfies(r -> assertThat(r.ok()).isTrue());
    try (var files = Files.list(lean.workspace().checksDir())) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("Candidate_"))).isEmpty();
    }
  }
}
