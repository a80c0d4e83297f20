package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.ProcessProbe;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import dev.leanprove.leanbridge.toolchain.Toolchain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LakeVerifierTest {

  static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";

  static final String NT48 =
      HEADER
          + "theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by\n"
          + "  sorry\n";

  static final String REAL_PROOF = "by\n  have h₂ : b = 4 := by\n    nlinarith [sq_nonneg (b : ℤ), h₀, h₁]\n  simp_all";

  @TempDir
  Path dir;

  StandInLean lean;
  LakeVerifier verifier;
  LeanSource source;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 2);
    lean.accept("mathd_numbertheory_48", REAL_PROOF, "native_decide", "omega");
    verifier = lean.verifier(VerifierConfig.DEFAULT);
    source = LeanSource.parse(NT48);
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  private Verdict verify(String proof) throws Exception {
    return verifier.verify(ProofCandidate.of(source, "mathd_numbertheory_48", proof)).get(30, TimeUnit.SECONDS);
  }

  private Verdict verifyWithAuxiliary(String auxiliary, String proof) throws Exception {
    return verifier
        .verify(new ProofCandidate(source, "mathd_numbertheory_48", proof, auxiliary, Optional.empty()))
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void verify_acceptedProof_isProvedWithCheckedText() throws Exception {
    Verdict v = verify(REAL_PROOF);

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(v.checkedText())
        .startsWith(HEADER)
        .contains("theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b = 4 := by\n  have h₂")
        .contains("#print axioms _root_.mathd_numbertheory_48")
        .doesNotContain("sorry");
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void verify_realMiniF2FFile_isProvedWithDeepSeekProof() throws Exception {
    Path file = Path.of(System.getProperty("leanprove.shared.dir"), "data/minif2f/Valid/mathd_numbertheory_48.lean");
    LeanSource real = LeanSource.parse(Files.readString(file));

    Verdict v = verifier.verify(ProofCandidate.of(real, "mathd_numbertheory_48", REAL_PROOF)).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_unlistedProof_isLeanErrorWithUnsolvedGoals() throws Exception {
    Verdict v = verify("by\n  linarith");

    assertThat(v.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(v.messages()).anySatisfy(m -> {
      assertThat(m.severity()).isEqualTo(Severity.ERROR);
      assertThat(m.data()).startsWith("unsolved goals");
    });
    assertThat(v.detail()).contains("unsolved goals");
  }

  @Test
  void verify_sorry_isSorryWithoutRunningLean() throws Exception {
    Verdict v = verify("by\n  sorry");

    assertThat(v.code()).isEqualTo(ReasonCode.SORRY);
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_admit_isSorry() throws Exception {
    assertThat(verify("by\n  admit").code()).isEqualTo(ReasonCode.SORRY);
  }

  @Test
  void verify_sorryOnlyInComment_isJudgedByLean() throws Exception {
    Verdict v = verify("by\n  -- no sorry needed here\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_proofEndingInAComment_isJudgedByLean() throws Exception {
    Verdict v = verify("by\n  omega -- closes it");

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void verify_claimedStatementDiffers_isStatementChanged() throws Exception {
    ProofCandidate weaker =
        new ProofCandidate(source, "mathd_numbertheory_48", "by\n  omega", "",
            Optional.of("theorem mathd_numbertheory_48 (b : ℕ) (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) : b ≤ 4 := by"));

    Verdict v = verifier.verify(weaker).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.STATEMENT_CHANGED);
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_claimedStatementSameButReformatted_isChecked() throws Exception {
    ProofCandidate same =
        new ProofCandidate(source, "mathd_numbertheory_48", "by\n  omega", "",
            Optional.of("theorem mathd_numbertheory_48 (b : ℕ)\n    (h₀ : 0 < b) (h₁ : 3 * b ^ 2 + 2 * b + 1 = 57) :\n    b = 4 := by"));

    assertThat(verifier.verify(same).get(30, TimeUnit.SECONDS).code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_axiomInAuxiliary_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("axiom cheat : ∀ b : ℕ, b = 4", "by\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("axiom");
  }

  @Test
  void verify_exitCommand_isForbidden() throws Exception {
    assertForbidden("by\n  omega\n#exit", "#exit");
  }

  @Test
  void verify_debugOption_isForbidden() throws Exception {
    assertForbidden("by\n  set_option debug.skipKernelTC true in\n  omega", "set_option debug");
  }

  @Test
  void verify_implementedBy_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("@[implemented_by fake] def f : ℕ := 4", "by\n  omega");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("implemented_by");
  }

  @Test
  void verify_extern_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("@[extern \"lean_four\"] opaque four : ℕ", "by\n  omega");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("extern");
  }

  @Test
  void verify_unsafe_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("unsafe def four : ℕ := 4", "by\n  omega");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("unsafe");
  }

  @Test
  void verify_runCmd_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("run_cmd IO.println \"hi\"", "by\n  omega");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("run_cmd");
  }

  @Test
  void verify_eval_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("#eval IO.Process.run {cmd := \"id\"}", "by\n  omega");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("#eval");
  }

  @Test
  void verify_applyQuestion_isForbidden() throws Exception {
    assertForbidden("by\n  apply?", "apply?");
  }

  @Test
  void verify_exactQuestion_isForbidden() throws Exception {
    assertForbidden("by\n  exact?", "exact?");
  }

  @Test
  void verify_localNotationShadowingGoal_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("local notation \"4\" => b", "by\n  rfl");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("notation");
  }

  @Test
  void verify_macro_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("macro \"solve\" : tactic => `(tactic| omega)", "by\n  solve");
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("macro");
  }

  @Test
  void verify_proofThatEndsTheTheoremEarly_isForbidden() throws Exception {
    Verdict v = verify("by\n  omega\n\ntheorem other : True := trivial");

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_scopeCommandInProof_isForbidden() throws Exception {
    assertForbidden("by\n  omega\nend", "end");
  }

  @Test
  void verify_nativeDecide_isBadAxiomUnlessAllowed() throws Exception {
    Verdict strict = verify("by\n  native_decide");
    assertThat(strict.code()).isEqualTo(ReasonCode.BAD_AXIOM);
    assertThat(strict.detail()).contains("Lean.ofReduceBool");

    VerifierConfig lenient = new VerifierConfig(dev.leanprove.leanbridge.process.LeanRunner.DEFAULT_TIMEOUT, 0, VerifierConfig.STANDARD_AXIOMS, true, Set.of(),
        VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
    Verdict allowed = lean.verifier(lenient).verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  native_decide"))
        .get(30, TimeUnit.SECONDS);
    assertThat(allowed.code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_dependsOnSorriedLemma_isSorryFromAxioms() throws Exception {
    // Real Lean reports sorryAx for a theorem that uses a sorried lemma; the oracle says so for the stand-in.
    lean.axioms("mathd_numbertheory_48", "propext", "sorryAx", "Classical.choice", "Quot.sound");

    Verdict v = verify("by\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.SORRY);
    assertThat(v.detail()).contains("sorryAx");
  }

  @Test
  void verify_unknownAxiom_isBadAxiom() throws Exception {
    lean.axioms("mathd_numbertheory_48", "propext", "myCheat");

    Verdict v = verify("by\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.BAD_AXIOM);
    assertThat(v.detail()).contains("myCheat");
  }

  @Test
  void verify_hangingLean_timesOutAndLeavesNoProcess() throws Exception {
    LakeVerifier quick = lean.verifier(VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(2)));

    Verdict v = quick.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  -- FAKE_LEAN: hang\n  omega"))
        .get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.TIMEOUT);
    assertThat(lean.startedPids()).isNotEmpty().allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).isFalse());
  }

  @Test
  void verify_ownTimeout_overridesTheConfiguredOne() throws Exception {
    Verdict v = verifier.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  -- FAKE_LEAN: hang\n  omega"),
        Duration.ofSeconds(1)).get(120, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.TIMEOUT);
    // The configured limit is 300 s; the detail names the limit that ended the run (the call's own),
    // not the wall time the kill added to it.
    assertThat(v.detail()).contains("within the 1 s limit");
  }

  @Test
  void verify_hangingGrandchild_isKilledToo() throws Exception {
    LakeVerifier quick = lean.verifier(VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(2)));

    Verdict v = quick.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  -- FAKE_LEAN: hang-child\n  omega"))
        .get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.TIMEOUT);
    assertThat(lean.startedPids()).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).isFalse());
  }

  @Test
  void verify_cancelled_killsLean() throws Exception {
    CompletableFuture<Verdict> running =
        verifier.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  -- FAKE_LEAN: hang\n  omega"));
    ProcessProbe.awaitCondition(() -> lean.leanRuns() > 0, Duration.ofSeconds(10));

    running.cancel(true);

    ProcessProbe.awaitCondition(
        () -> lean.startedPids().stream().noneMatch(ProcessProbe::isRunning), Duration.ofSeconds(10));
    assertThat(lean.startedPids()).allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).isFalse());
    Path checks = lean.workspace().dir().resolve(".leanprove-checks");
    ProcessProbe.awaitCondition(() -> checkFiles(checks).isEmpty(), Duration.ofSeconds(10));
    assertThat(checkFiles(checks)).as("the cancelled check's file is deleted").isEmpty();
  }

  @Test
  void sweepCheckFiles_leftoversOfADeadProcess_areDeletedButFreshOnesKept() throws Exception {
    Path old = lean.workspace().writeCheckFile("theorem left_behind : True := trivial");
    // A run's unit is its scratch directory: that is what ages and what goes.
    java.nio.file.Files.setLastModifiedTime(old.getParent(),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(Duration.ofHours(2))));
    Path fresh = lean.workspace().writeCheckFile("theorem in_use : True := trivial");

    int deleted = lean.workspace().sweepCheckFiles(Duration.ofHours(1));

    assertThat(deleted).isEqualTo(1);
    assertThat(old.getParent()).doesNotExist();
    assertThat(fresh).exists();
  }

  private static List<Path> checkFiles(Path checks) {
    if (!java.nio.file.Files.isDirectory(checks)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(checks)) {
      return files.toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void verify_crash_isSystemError() throws Exception {
    Verdict v = verify("by\n  -- FAKE_LEAN: crash\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
    assertThat(v.code().isInfrastructure()).isTrue();
    assertThat(v.detail()).contains("134");
  }

  @Test
  void verify_garbageOutput_isSystemError() throws Exception {
    Verdict v = verify("by\n  -- FAKE_LEAN: garbage\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
  }

  @Test
  void verify_hugeOutput_isNeverProved() throws Exception {
    Verdict v = verify("by\n  -- FAKE_LEAN: huge-output\n  omega");

    assertThat(v.code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
    assertThat(v.detail()).contains("capture limit");
  }

  @Test
  void verify_memoryHog_isOutOfMemory() throws Exception {
    VerifierConfig capped = new VerifierConfig(Duration.ofSeconds(60), 200L << 20, VerifierConfig.STANDARD_AXIOMS, false,
        Set.of(), VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);
    lean.env("FAKE_LEAN_EAT_MB", "1024");

    Verdict v = lean.verifier(capped).verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  -- FAKE_LEAN: eat-memory\n  omega"))
        .get(60, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.OUT_OF_MEMORY);
    assertThat(lean.startedPids()).allSatisfy(pid -> assertThat(ProcessProbe.isRunning(pid)).isFalse());
  }

  @Test
  void verify_missingLake_isToolchainMissing() throws Exception {
    Toolchain gone = new Toolchain(dir.resolve("no-such-lake"), "Lake version ?", LeanVersion.parse("4.24.0").orElseThrow());

    Verdict v = lean.verifier(VerifierConfig.DEFAULT, gone).verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  omega"))
        .get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.TOOLCHAIN_MISSING);
  }

  @Test
  void verify_oldLeanWithoutJson_usesPlainOutput() throws Exception {
    LakeVerifier plain = lean.verifier(VerifierConfig.DEFAULT, lean.toolchain(LeanVersion.parse("4.7.0").orElseThrow()));

    Verdict proved = plain.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  omega")).get(30, TimeUnit.SECONDS);
    Verdict failed = plain.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  simp")).get(30, TimeUnit.SECONDS);

    assertThat(proved.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(failed.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(failed.messages()).anySatisfy(m -> assertThat(m.position()).isPresent());
  }

  @Test
  void verify_unknownTheorem_isRefused() {
    assertThatThrownBy(() -> verifier.verify(ProofCandidate.of(source, "nope", "by\n  omega")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void verify_tenMegabyteSource_isRefusedBeforeLean() {
    String huge = NT48 + "-- " + "x".repeat(10_000_000) + "\n";
    LeanSource big = LeanSource.parse(huge);

    assertThatThrownBy(() -> verifier.verify(ProofCandidate.of(big, "mathd_numbertheory_48", "by\n  omega")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("limit");
    assertThat(lean.leanRuns()).isZero();
  }

  private Verdict verifySketch(String proof) throws Exception {
    return verifier.verifySketch(ProofCandidate.of(source, "mathd_numbertheory_48", proof)).get(30, TimeUnit.SECONDS);
  }

  @Test
  void verifySketch_onlySorriesLeft_isUsableSorryAfterRunningLean() throws Exception {
    lean.steps("mathd_numbertheory_48", "simp_all");

    Verdict v = verifySketch("by\n  have h₂ : b = 4 := by\n    sorry\n  simp_all");

    assertThat(v.code()).isEqualTo(ReasonCode.SORRY);
    assertThat(v.messages()).noneMatch(m -> m.isError());
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void verifySketch_wrongFinalStep_isLeanError() throws Exception {
    Verdict v = verifySketch("by\n  have h₂ : b = 4 := by\n    sorry\n  ring");

    assertThat(v.code()).isEqualTo(ReasonCode.LEAN_ERROR);
  }

  @Test
  void verifySketch_otherCheats_areStillForbidden() throws Exception {
    Verdict v = verifier.verifySketch(new ProofCandidate(source, "mathd_numbertheory_48", "by\n  have h : b = 4 := by sorry\n  exact h",
        "axiom cheat : False", Optional.empty())).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
  }

  @Test
  void verifySketch_noSorryAtAll_isProved() throws Exception {
    assertThat(verifySketch(REAL_PROOF).code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void check_fileWithProvedSorryAndFailedTheorems_judgesEach() throws Exception {
    lean.accept("two", "norm_num");
    String text = HEADER
        + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\n"
        + "theorem later (x : ℕ) (h : x = 2) : x + 2 = 4 := by\n  sorry\n\n"
        + "theorem wrong (x : ℕ) : x = x + 0 := by\n  simp\n";

    FileReport report = verifier.check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);

    assertThat(report.theorems()).extracting(TheoremVerdict::name).containsExactly("two", "later", "wrong");
    assertThat(report.theorems()).extracting(t -> t.verdict().code())
        .containsExactly(ReasonCode.PROVED, ReasonCode.SORRY, ReasonCode.LEAN_ERROR);
    assertThat(report.status()).isEqualTo(ReasonCode.SORRY);
    assertThat(report.messages()).noneMatch(m -> m.data().contains("depends on axioms"));
  }

  @Test
  void check_allProved_isProved() throws Exception {
    lean.accept("two", "norm_num");

    FileReport report = verifier.check(LeanSource.parse(HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n"))
        .get(30, TimeUnit.SECONDS);

    assertThat(report.proved()).isTrue();
  }

  @Test
  void check_fileThatRunsCode_isNotRun() throws Exception {
    String text = HEADER + "#eval IO.Process.run {cmd := \"touch\", args := #[\"/tmp/pwned\"]}\n\n"
        + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n";

    FileReport report = verifier.check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);

    assertThat(report.status()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.theorems()).allSatisfy(t -> assertThat(t.verdict().code()).isEqualTo(ReasonCode.FORBIDDEN));
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_namespacedTheorem_printsQualifiedAxioms() throws Exception {
    lean.accept("Foo.two", "norm_num");
    String text = HEADER + "namespace Foo\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\nend Foo\n";

    FileReport report = verifier.check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);

    assertThat(report.theorems()).singleElement().satisfies(t -> assertThat(t.verdict().code()).isEqualTo(ReasonCode.PROVED));
  }

  private FileReport checkText(String text) throws Exception {
    return verifier.check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);
  }

  private void assertFileNotRun(String text, String token) throws Exception {
    FileReport report = checkText(text);
    assertThat(report.status()).as(text).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(report.detail()).as(text).contains(token).contains("line ");
    assertThat(lean.leanRuns()).as(text).isZero();
  }

  @Test
  void check_indentedEvalAfterFinishedProof_isNotRun() throws Exception {
    lean.accept("two", "norm_num");
    String text = HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\n  #eval IO.println \"pwned\"\n";

    assertFileNotRun(text, "#eval");
  }

  @Test
  void check_forbiddenAtAnyColumnInsideAProof_isNotRun() throws Exception {
    String proved = HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n";
    assertFileNotRun(proved + "    set_option «debug».skipKernelTC true\n", "set_option debug.skipKernelTC");
    assertFileNotRun(proved + "  run_cmd IO.println 1\n", "run_cmd");
    assertFileNotRun(proved + "  #exit_now\n", "#exit");
  }

  @Test
  void check_escapedOrSpacedDebugOption_isNotRun() throws Exception {
    for (String option : java.util.List.of(
        "set_option «debug».skipKernelTC true", "set_option debug.«skipKernelTC» true",
        "set_option /- c -/\n  debug.skipKernelTC true")) {
      assertFileNotRun(HEADER + option + "\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n", "debug.skipKernelTC");
    }
  }

  @Test
  void check_commandsThatInstallOrRunCode_areNotRun() throws Exception {
    java.util.Map<String, String> cheats = new java.util.LinkedHashMap<>();
    cheats.put("@[command_elab Lean.Parser.Command.check] def e : Lean.Elab.Command.CommandElab := fun _ => pure ()",
        "command_elab");
    cheats.put("@[tactic Lean.Parser.Tactic.omega] def t : Lean.Elab.Tactic.Tactic := fun _ => pure ()", "tactic");
    cheats.put("@[term_elab Lean.Parser.Term.app] def a : Lean.Elab.Term.TermElab := fun _ _ => default", "term_elab");
    cheats.put("@[simp, macro Lean.Parser.Term.app] def m : Lean.Macro := fun _ => Lean.Macro.throwUnsupported", "macro");
    cheats.put("@[delab app] def d : Lean.PrettyPrinter.Delaborator.Delab := failure", "delab");
    cheats.put("@[init initFn] opaque x : Nat", "init");
    cheats.put("attribute [tactic Lean.Parser.Tactic.decide] myTactic", "tactic");
    cheats.put("simproc reduceFoo (Nat.add _ _) := fun _ => pure .continue", "simproc");
    cheats.put("dsimproc reduceBar (Nat.mul _ _) := fun _ => pure .continue", "dsimproc");
    cheats.put("initialize IO.println \"at import\"", "initialize");
    cheats.put("builtin_initialize IO.println \"at import\"", "builtin_initialize");
    cheats.put("def secret : String := include_str \"/etc/passwd\"", "include_str");
    cheats.put("#print \"'two' depends on axioms: [propext]\"", "#print");
    for (java.util.Map.Entry<String, String> cheat : cheats.entrySet()) {
      assertFileNotRun(HEADER + cheat.getKey() + "\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n", cheat.getValue());
    }
  }

  @Test
  void check_instanceVariableAndScopes_areTheFilesOwn() throws Exception {
    lean.accept("Foo.two", "norm_num");
    String text = HEADER + "universe u\n\nnamespace Foo\n\nsection\nvariable (n : ℕ)\nend\n\n"
        + "instance : Inhabited (Fin 3) := ⟨0⟩\n\n@[simp] theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\n"
        + "#print axioms two\n\nend Foo\n";

    FileReport report = checkText(text);

    assertThat(report.status()).as(report.detail()).isEqualTo(ReasonCode.PROVED);
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void check_codeHiddenInsideAnInterpolatedString_isNotRun() throws Exception {
    String text = HEADER + "def msg : String := s!\"{(by run_tac pure (); exact \"x\")}\"\n\n"
        + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n";

    assertFileNotRun(text, "run_tac");
  }

  @Test
  void check_charLiteralAfterDigitOrEscapedName_doesNotHideTheNextLine() throws Exception {
    // Lean reads `2'"'` as 2 and the char '"', so #eval is code; a looser lexer opens a string at the quote.
    assertFileNotRun(HEADER + "def c := (2'\"', 0)\n#eval IO.println 1 -- \"\n", "#eval");
    assertFileNotRun(HEADER + "def «c»'\"' := 0\n#eval IO.println 1 -- \"\n", "#eval");
  }

  @Test
  void check_textLeanCannotLex_isNotRun() throws Exception {
    assertFileNotRun(HEADER + "def s := \"open\n#eval IO.println 1\n", "unreadable");
    assertFileNotRun(HEADER + "def s := \"\\u{41}\" #eval IO.println 1\n", "unreadable");
    assertFileNotRun(HEADER + "theorem «two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n#eval 1\n", "unreadable");
  }

  @Test
  void verify_manyCandidatesOfOneSource_screenTheWholeFileOnce() throws Exception {
    for (String proof : List.of(REAL_PROOF, "by\n  omega", "by\n  exact?", "by\n  native_decide")) {
      verify(proof);
    }

    // Each candidate still screens its own proof: `exact?` is refused without the file being scanned again.
    assertThat(verify("by\n  exact?").code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(verifier.fileScans()).isEqualTo(1);
  }

  @Test
  void verify_challengeFileThatRunsCode_isForbiddenForEveryCandidateScreenedOnce() throws Exception {
    LeanSource evil = LeanSource.parse(NT48.replace("theorem", "#eval IO.println \"pwned\"\n\ntheorem"));

    for (String proof : List.of(REAL_PROOF, "by\n  omega")) {
      Verdict v = verifier.verify(ProofCandidate.of(evil, "mathd_numbertheory_48", proof)).get(30, TimeUnit.SECONDS);
      assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
      assertThat(v.detail()).contains("the file itself").contains("#eval");
    }
    assertThat(verifier.fileScans()).isEqualTo(1);
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_challengeFileThatRunsCode_isForbiddenForEveryCandidate() throws Exception {
    LeanSource evil = LeanSource.parse(NT48.replace("theorem", "#eval IO.println \"pwned\"\n\ntheorem"));

    Verdict v = verifier.verify(ProofCandidate.of(evil, "mathd_numbertheory_48", REAL_PROOF)).get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("the file itself").contains("#eval");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_instanceHelperChangingTheStatement_isForbidden() throws Exception {
    Verdict v = verifyWithAuxiliary("instance (priority := high) : Add ℕ := ⟨fun _ _ => 5⟩", "by\n  norm_num");

    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains("`instance` at line 1");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_auxiliaryOtherThanPlainTheoremLemmaOrDef_isForbidden() throws Exception {
    java.util.Map<String, String> cheats = new java.util.LinkedHashMap<>();
    cheats.put("abbrev four : ℕ := 5", "abbrev");
    cheats.put("structure S where\n  x : ℕ", "structure");
    cheats.put("class C (α : Type) where\n  x : α", "class");
    cheats.put("open Nat", "open");
    cheats.put("set_option maxRecDepth 100", "set_option");
    cheats.put("@[simp] theorem h : (4 : ℕ) = 4 := rfl", "@");
    cheats.put("private theorem h : (4 : ℕ) = 4 := rfl", "private");
    cheats.put("example : True := trivial", "example");
    cheats.put("attribute [local instance] Classical.propDecidable", "attribute");
    cheats.put("namespace Foo", "namespace");
    cheats.put("theorem h : True := trivial\n  instance : Add ℕ := ⟨fun _ _ => 5⟩", "instance");
    for (java.util.Map.Entry<String, String> cheat : cheats.entrySet()) {
      Verdict v = verifyWithAuxiliary(cheat.getKey(), "by\n  omega");
      assertThat(v.code()).as(cheat.getKey()).isEqualTo(ReasonCode.FORBIDDEN);
      assertThat(v.detail()).as(cheat.getKey()).contains("`" + cheat.getValue());
    }
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void verify_plainAuxiliaryTheoremLemmaAndDef_areChecked() throws Exception {
    String auxiliary = "/-- A helper. -/\ntheorem h₁ : (4 : ℕ) = 4 := rfl\n\nlemma h₂ : True := trivial\n\n"
        + "noncomputable def f (x : ℝ) : ℝ := x / 2\n\ndef g : ℕ → ℕ\n  | 0 => 1\n  | n + 1 => g n";
    lean.accept("h₁", "rfl");
    lean.accept("h₂", "trivial");

    Verdict v = verifyWithAuxiliary(auxiliary, "by\n  omega");

    assertThat(v.code()).as(v.detail()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void verify_commandsAtAnyColumnInProof_areForbidden() throws Exception {
    assertForbidden("by\n  omega\n  namespace Foo", "namespace");
    assertForbidden("by\n  omega\n    variable (x : ℕ)", "variable");
    assertForbidden("by\n  omega\n  #exit_foo", "#exit");
    assertForbidden("by\n  set_option «debug».skipKernelTC true in\n  omega", "set_option debug.skipKernelTC");
    assertForbidden("by\n  set_option backward.synthInstance.canonInstances false in\n  omega", "set_option backward");
    assertForbidden("by\n  have := s!\"{(by exact?)}\"\n  omega", "exact?");
    assertForbidden("by\n  omega\n  \"unterminated", "unreadable");
  }

  @Test
  void verify_allowedOptionInProof_isChecked() throws Exception {
    Verdict v = verify("by\n  set_option maxHeartbeats 400000 in\n  omega");

    assertThat(v.code()).as(v.detail()).isNotEqualTo(ReasonCode.FORBIDDEN);
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  @Test
  void verify_exactQuestionAllowedByConfig_isCheckedByLean() throws Exception {
    LakeVerifier allowing = lean.verifier(new VerifierConfig(VerifierConfig.DEFAULT.timeout(),
        VerifierConfig.DEFAULT.memoryLimitBytes(), VerifierConfig.STANDARD_AXIOMS, false, Set.of("exact?"),
        VerifierConfig.DEFAULT_MAX_SOURCE_CHARS));

    Verdict v = allowing.verify(ProofCandidate.of(source, "mathd_numbertheory_48", "by\n  exact?"))
        .get(30, TimeUnit.SECONDS);

    assertThat(v.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(lean.leanRuns()).isEqualTo(1);
  }

  private void assertForbidden(String proof, String token) throws Exception {
    Verdict v = verify(proof);
    assertThat(v.code()).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(v.detail()).contains(token);
    assertThat(lean.leanRuns()).isZero();
  }
}
