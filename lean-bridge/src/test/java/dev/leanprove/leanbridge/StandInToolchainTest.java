package dev.leanprove.leanbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in toolchain of src/test/standin, run as real processes the way LeanRunner runs Lean. */
final class StandInToolchainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration RUN_LIMIT = Duration.ofSeconds(20);

  private static final String ORACLE = """
      {
        "theorems": {
          "amgm": {
            "accept": ["nlinarith [sq_nonneg (a - b)]"],
            "steps": ["nlinarith [h1, h2]"],
            "goal": "a b : ℝ\\n⊢ a * b ≤ (a ^ 2 + b ^ 2) / 2"
          },
          "triv": {"accept": ["rfl"], "axioms": []},
          "big": {"accept": ["native_decide"]}
        },
        "propositions": {"0 ≤ (a - b) ^ 2": ["positivity"], "0 ≤ (a + b) ^ 2": ["positivity"]}
      }
      """;

  private static final String AMGM = "theorem amgm (a b : ℝ) : a * b ≤ (a ^ 2 + b ^ 2) / 2 := by\n";

  @TempDir Path dir;

  private Path oracle;
  private Path log;
  private final List<ProcessHandle> started = new ArrayList<>();

  @BeforeEach
  void writeOracle() throws IOException {
    oracle = write("oracle.json", ORACLE);
    log = dir.resolve("invocations.jsonl");
  }

  @AfterEach
  void killLeftovers() {
    for (ProcessHandle handle : started) {
      handle.descendants().forEach(ProcessHandle::destroyForcibly);
      handle.destroyForcibly();
    }
  }

  // ---- versions ----

  @Test
  void leanVersion_default_printsRealFormatFor4_24() {
    Run run = run(Map.of(), "lean", "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .matches("Lean \\(version 4\\.24\\.0, [a-z0-9_]+-[a-z]+-[a-z]+(-[a-z0-9.]+)?, "
            + "commit [0-9a-f]{40}, Release\\)\n");
  }

  @Test
  void lakeVersion_versionKnob_namesThatLeanAndTheSameCommit() {
    Map<String, String> env = Map.of("FAKE_LEAN_VERSION", "4.29.0");
    Run lake = run(env, "lake", "--version");
    Run lean = run(env, "lean", "--version");

    assertThat(lake.stdout()).matches("Lake version 5\\.0\\.0-src\\+[0-9a-f]{7} \\(Lean version 4\\.29\\.0\\)\n");
    assertThat(lean.stdout()).startsWith("Lean (version 4.29.0, ");
    String shortCommit = lake.stdout().substring("Lake version 5.0.0-src+".length()).substring(0, 7);
    assertThat(lean.stdout()).contains("commit " + shortCommit);
  }

  // ---- checking proofs ----

  @Test
  void lakeEnvLeanJson_acceptedBody_printsNothingAndExitsZero() {
    write("A.lean", AMGM + "  nlinarith [sq_nonneg (a - b)]  -- the oracle lists this body\n");

    Run run = check("--json", "A.lean");

    assertThat(run.stdout()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lean_listedBodyWithComments_matchesTheSameProofWhateverItsComments() throws IOException {
    // Oracle bodies are real proofs, comments and all; the comparison ignores comments on both sides.
    write("commented.json", "{\"theorems\": {\"amgm\": {\"accept\": "
        + "[\"by\\n  -- squares are nonnegative\\n  nlinarith [sq_nonneg (a + b)] /- done -/\"]}}}");
    write("A.lean", AMGM + "  -- a different comment\n  nlinarith [sq_nonneg (a + b)]\n");

    Run run = run(Map.of("FAKE_LEAN_ORACLE", dir.resolve("commented.json").toString()), "lean", "--json", "A.lean");

    assertThat(run.stdout()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lakeEnvLeanJson_unlistedBody_unsolvedGoalsFromByToProofEnd() {
    write("A.lean", AMGM + "  linarith\n");

    Run run = check("--json", "A.lean");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEqualTo("{\"caption\":\"\",\"data\":\"unsolved goals\\na b : ℝ\\n"
        + "⊢ a * b ≤ (a ^ 2 + b ^ 2) / 2\",\"endPos\":{\"column\":10,\"line\":2},"
        + "\"fileName\":\"A.lean\",\"isSilent\":false,\"keepFullRange\":false,"
        + "\"kind\":\"Tactic.unsolvedGoals\",\"pos\":{\"column\":56,\"line\":1},\"severity\":\"error\"}\n");
  }

  @Test
  void lakeEnvLeanPlain_unlistedBody_headerWithEndPosOnlyWhenAsked() {
    write("A.lean", AMGM + "  linarith\n");
    String goal = "a b : ℝ\n⊢ a * b ≤ (a ^ 2 + b ^ 2) / 2\n";

    Run withEnd = check("-DprintMessageEndPos=true", "A.lean");
    Run withoutEnd = check("A.lean");

    assertThat(withEnd.stdout()).isEqualTo("A.lean:1:56-2:10: error: unsolved goals\n" + goal);
    assertThat(withoutEnd.stdout()).isEqualTo("A.lean:1:56: error: unsolved goals\n" + goal);
    assertThat(withEnd.exitCode()).isEqualTo(1);
  }

  @Test
  void lean_theoremMissingFromOracle_goalBuiltFromStatement() {
    write("U.lean", "theorem u (x y : ℕ) (h : x = y) : y = x := by\n  simp\n");

    Run run = run(Map.of("FAKE_LEAN_ORACLE", oracle.toString()), "lean", "-DprintMessageEndPos=true", "U.lean");

    assertThat(run.stdout()).isEqualTo("U.lean:1:43-2:6: error: unsolved goals\nx y : ℕ\nh : x = y\n⊢ y = x\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lean_noOracle_acceptsNothing() {
    write("A.lean", AMGM + "  nlinarith [sq_nonneg (a - b)]\n");

    Run run = run(Map.of(), "lean", "--json", "A.lean");

    assertThat(messages(run)).extracting(m -> m.get("kind").asText()).containsExactly("Tactic.unsolvedGoals");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lean_sorryBefore4_28_straightQuotesAtTheNameExitZero() {
    write("S.lean", "-- sorry in a comment does not count\ntheorem lazy (x : ℕ) : x = x := by\n  sorry\n");

    Run run = run(oracleAnd("FAKE_LEAN_VERSION", "4.27.0"), "lean", "--json", "S.lean");

    assertThat(run.exitCode()).isZero();
    List<JsonNode> messages = messages(run);
    assertThat(messages).hasSize(1);
    JsonNode warning = messages.get(0);
    assertThat(warning.get("data").asText()).isEqualTo("declaration uses 'sorry'");
    assertThat(warning.get("kind").asText()).isEqualTo("hasSorry");
    assertThat(warning.get("severity").asText()).isEqualTo("warning");
    assertThat(position(warning, "pos")).isEqualTo("2:8");
    assertThat(position(warning, "endPos")).isEqualTo("2:12");
  }

  @Test
  void lean_sorryFrom4_28_backticksInPlainHeader() {
    write("S.lean", "theorem lazy (x : ℕ) : x = x := by\n  sorry\n");

    Run run = run(oracleAnd("FAKE_LEAN_VERSION", "4.28.0"), "lean", "-DprintMessageEndPos=true", "S.lean");

    assertThat(run.stdout()).isEqualTo("S.lean:1:8-1:12: warning: declaration uses `sorry`\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lean_firstWithOneListedAlternative_proved() {
    write("F.lean", AMGM + "  first\n  | linarith\n  | (nlinarith [sq_nonneg (a - b)])\n  | simp\n");

    Run run = check("--json", "F.lean");

    assertThat(run.stdout()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lean_firstWithNoListedAlternative_unsolvedGoals() {
    write("F.lean", AMGM + "  first | linarith | simp | norm_num\n");

    Run run = check("--json", "F.lean");

    assertThat(messages(run)).extracting(m -> m.get("kind").asText()).containsExactly("Tactic.unsolvedGoals");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lean_sketchOfSorryHavesAndListedFinalStep_onlySorryWarning() {
    write("K.lean", AMGM
        + "  have h1 : 0 ≤ (a - b) ^ 2 := by sorry\n"
        + "  have h2 : 0 ≤ (a + b) ^ 2 := by\n"
        + "    sorry\n"
        + "  nlinarith [h1, h2]\n");

    Run run = check("--json", "K.lean");

    assertThat(messages(run)).extracting(m -> m.get("kind").asText()).containsExactly("hasSorry");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lean_sketchWithUnlistedFinalStep_errorThenSorryWarning() {
    write("K.lean", AMGM + "  have h1 : 0 ≤ (a - b) ^ 2 := by sorry\n  linarith [h1]\n");

    Run run = check("--json", "K.lean");

    assertThat(messages(run)).extracting(m -> m.get("kind").asText())
        .containsExactly("Tactic.unsolvedGoals", "hasSorry");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lean_composedProofWithListedHaves_provedWithoutMessages() {
    write("K.lean", AMGM
        + "  have h1 : 0 ≤ (a - b) ^ 2 := by positivity\n"
        + "  have h2 : 0 ≤ (a + b) ^ 2 := by\n"
        + "    first | linarith | positivity\n"
        + "  nlinarith [h1, h2]\n");

    Run run = check("--json", "K.lean");

    assertThat(run.stdout()).isEmpty();
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void lean_composedProofWithUnlistedHaveBody_unsolvedGoals() {
    write("K.lean", AMGM
        + "  have h1 : 0 ≤ (a - b) ^ 2 := by linarith\n"
        + "  have h2 : 0 ≤ (a + b) ^ 2 := by positivity\n"
        + "  nlinarith [h1, h2]\n");

    Run run = check("--json", "K.lean");

    List<JsonNode> messages = messages(run);
    assertThat(messages).extracting(m -> m.get("kind").asText()).containsExactly("Tactic.unsolvedGoals");
    assertThat(position(messages.get(0), "pos")).isEqualTo("1:56");
    assertThat(position(messages.get(0), "endPos")).isEqualTo("4:20");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  // ---- #print axioms ----

  @Test
  void printAxioms_provedSorryAndUnlisted_standardAxiomsAndSorryAx() {
    write("P.lean", AMGM + "  nlinarith [sq_nonneg (a - b)]\n"
        + "theorem lazy : 1 = 1 := by\n  sorry\n"
        + "theorem wrong : 2 = 2 := by\n  simp\n"
        + "#print axioms amgm\n#print axioms lazy\n#print axioms wrong\n");

    Run run = check("P.lean");

    assertThat(run.stdout()).endsWith("'amgm' depends on axioms: [propext, Classical.choice, Quot.sound]\n"
        + "'lazy' depends on axioms: [sorryAx]\n"
        + "'wrong' depends on axioms: [propext, sorryAx, Classical.choice, Quot.sound]\n");
  }

  @Test
  void printAxiomsJson_informationAtThePrintKeyword() {
    write("P.lean", "theorem triv : 1 = 1 := by rfl\n\n#print axioms triv\n");

    Run run = check("--json", "P.lean");

    assertThat(run.stdout()).isEqualTo("{\"caption\":\"\",\"data\":\"'triv' does not depend on any axioms\","
        + "\"endPos\":{\"column\":6,\"line\":3},\"fileName\":\"P.lean\",\"isSilent\":false,"
        + "\"keepFullRange\":false,\"kind\":\"[anonymous]\",\"pos\":{\"column\":0,\"line\":3},"
        + "\"severity\":\"information\"}\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void printAxioms_nativeDecide_oldAxiomsUpTo4_28AndPerUseAxiomFrom4_29() {
    write("N.lean", "theorem big : (List.range 1001).sum = 500500 := by native_decide\n#print axioms big\n");

    Run old = run(oracleAnd("FAKE_LEAN_VERSION", "4.28.0"), "lean", "N.lean");
    Run current = run(oracleAnd("FAKE_LEAN_VERSION", "4.29.0"), "lean", "N.lean");

    assertThat(old.stdout()).isEqualTo("'big' depends on axioms: [Lean.ofReduceBool, Lean.trustCompiler]\n");
    assertThat(current.stdout()).isEqualTo("'big' depends on axioms: [big._native.native_decide.ax_1]\n");
  }

  @Test
  void printAxioms_undeclaredName_unknownConstantError() {
    write("P.lean", "#print axioms nowhere\n");

    Run run = check("-DprintMessageEndPos=true", "P.lean");

    assertThat(run.stdout()).isEqualTo("P.lean:1:14-1:21: error(lean.unknownConstant): Unknown constant `nowhere`\n");
    assertThat(run.exitCode()).isEqualTo(1);
  }

  // ---- positions ----

  @Test
  void lean_unicodeBeforeBy_columnsCountCodePoints() {
    String header = "theorem uni (s : Set 𝔽) (h₁ : 0 ∈ s) (x : ℝ) : x ≤ |x| := by\n";
    write("U.lean", header + "  simp\n");
    int byCodePoints = header.codePointCount(0, header.indexOf(":= by") + 3);

    Run run = check("--json", "U.lean");

    JsonNode error = messages(run).get(0);
    assertThat(error.get("pos").get("column").asInt()).isEqualTo(byCodePoints);
    assertThat(byCodePoints).isNotEqualTo(header.indexOf(":= by") + 3); // 𝔽 is two UTF-16 units
    assertThat(error.get("data").asText()).isEqualTo("unsolved goals\ns : Set 𝔽\nh₁ : 0 ∈ s\nx : ℝ\n⊢ x ≤ |x|");
  }

  // ---- processes, knobs and faults ----

  @Test
  void lakeEnvLean_startsLeanAsChildOfLake_andRelaysItsExitCode() throws IOException {
    write("A.lean", AMGM + "  linarith\n");

    Run run = run(oracleAnd("FAKE_LEAN_LOG", log.toString()), "lake", "env", "lean", "--json", "A.lean");

    List<JsonNode> lines = logLines();
    assertThat(lines).extracting(l -> l.get("prog").asText()).containsExactly("lake", "lean");
    assertThat(lines.get(1).get("ppid").asLong()).isEqualTo(lines.get(0).get("pid").asLong());
    assertThat(lines.get(1).get("pid").asLong()).isNotEqualTo(lines.get(0).get("pid").asLong());
    assertThat(run.exitCode()).isEqualTo(1);
  }

  @Test
  void lakeEnv_otherCommand_runsItWithLakeVariables() throws IOException {
    Run present = run(Map.of(), "lake", "env", "printenv", "LEAN_PATH");
    Run absent = run(Map.of(), "lake", "env", "printenv", "FAKE_LEAN_NOT_SET");

    assertThat(present.stdout()).isEqualTo(dir.toRealPath().resolve(".lake/build/lib/lean") + "\n");
    assertThat(present.exitCode()).isZero();
    assertThat(absent.exitCode()).isEqualTo(1);
  }

  @Test
  void lakeBuildAndCacheGet_knobsTurnThemIntoFailures() {
    assertThat(run(Map.of(), "lake", "build").stdout()).contains("Build completed successfully");
    assertThat(run(Map.of("FAKE_LAKE_BUILD_FAIL", "1"), "lake", "build").exitCode()).isEqualTo(1);
    assertThat(run(Map.of(), "lake", "exe", "cache", "get").exitCode()).isZero();
    Run offline = run(Map.of("FAKE_LAKE_OFFLINE", "1"), "lake", "exe", "cache", "get");
    assertThat(offline.exitCode()).isEqualTo(1);
    assertThat(offline.stderr()).contains("Could not resolve host");
  }

  @Test
  void lean_missingFileOrBadOracle_failsWithAMessage() throws IOException {
    Path badOracle = write("bad.json", "{\"theorem\": {}}");
    write("A.lean", AMGM + "  linarith\n");

    Run missing = run(Map.of(), "lean", "Nope.lean");
    Run bad = run(Map.of("FAKE_LEAN_ORACLE", badOracle.toString()), "lean", "A.lean");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("Nope.lean");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("bad.json").contains("'theorem'");
  }

  @Test
  void lean_delayKnobs_sleepAtLeastThatLong() {
    write("A.lean", AMGM + "  nlinarith [sq_nonneg (a - b)]\n");
    Map<String, String> env = new HashMap<>(oracleAnd("FAKE_LEAN_DELAY_MS", "150"));
    env.put("FAKE_LEAN_IMPORT_MS", "150");

    long startNanos = System.nanoTime();
    Run run = run(env, "lean", "A.lean");
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);

    assertThat(run.exitCode()).isZero();
    assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  // Counted in CPU time, which waiting for a core on a loaded machine does not add to: the stand-in's
  // own cost (interpreter start, imports, oracle) must stay far below a real Lean's seconds.
  @Test
  void lean_startup_medianCpuWellUnderTwoHundredMillis() {
    write("A.lean", AMGM + "  nlinarith [sq_nonneg (a - b)]\n");
    long[] millis = new long[5];
    for (int i = 0; i < millis.length; i++) {
      // bash's `times` prints the CPU time of the children it waited for: lake and the lean it ran.
      Run run = run(Map.of("FAKE_LEAN_ORACLE", oracle.toString()), "/bin/bash", "-c",
          "lake env lean --json A.lean >/dev/null || echo failed >&2; times");
      assertThat(run.stderr()).isEmpty();
      millis[i] = childrenCpuMillis(new String(run.stdoutBytes(), StandardCharsets.UTF_8));
    }
    Arrays.sort(millis);

    assertThat(millis[0]).as("CPU time of a check").isPositive();
    assertThat(millis[millis.length / 2]).isLessThan(200);
  }

  /** The user plus system time of {@code times}' second line ("0m0.031s 0m0.012s"), in milliseconds. */
  private static long childrenCpuMillis(String times) {
    String[] lines = times.strip().split("\n");
    assertThat(lines).as("output of times: %s", times).hasSize(2);
    long total = 0;
    for (String field : lines[1].trim().split("\\s+")) {
      int m = field.indexOf('m');
      total += Long.parseLong(field.substring(0, m)) * 60_000
          + Math.round(Double.parseDouble(field.substring(m + 1, field.length() - 1)) * 1000);
    }
    return total;
  }

  @Test
  void hangMarker_sigtermIgnoredByLean_onlySigkillEndsIt() throws Exception {
    write("H.lean", "-- FAKE_LEAN: hang\ntheorem t : True := by\n  trivial\n");
    Process lake = start(Map.of("FAKE_LEAN_LOG", log.toString()), "lake", "env", "lean", "H.lean");
    ProcessHandle lean = ProcessHandle.of(awaitLogLine("lean").get("pid").asLong()).orElseThrow();

    lake.toHandle().destroy();
    lean.destroy();

    assertThat(lake.waitFor(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300);
    assertThat(lean.isAlive()).as("lean after SIGTERM").isTrue();
    lean.destroyForcibly();
    assertThat(awaitExit(lean)).as("lean after SIGKILL").isTrue();
  }

  @Test
  void hangChildMarker_killingLeanAloneLeavesTheGrandchild() throws Exception {
    write("H.lean", "-- FAKE_LEAN: hang-child\n");
    Process lean = start(Map.of("FAKE_LEAN_LOG", log.toString()), "lean", "H.lean");
    ProcessHandle sleep = ProcessHandle.of(awaitLogLine("sleep").get("pid").asLong()).orElseThrow();
    started.add(sleep);
    assertThat(lean.toHandle().descendants()).contains(sleep);

    lean.destroy();

    assertThat(lean.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sleep.isAlive()).isTrue();
  }

  @Test
  void crashMarker_abortsWithExitCode134ThroughLake() {
    write("C.lean", "theorem t : True := by\n  trivial -- FAKE_LEAN: crash\n");

    Run run = check("--json", "C.lean");

    assertThat(run.exitCode()).isEqualTo(134);
    assertThat(run.stderr()).contains("std::bad_alloc");
    assertThat(run.stdout()).isEmpty();
  }

  @Test
  void garbageMarker_printsBytesThatAreNotUtf8AndExitsOne() {
    write("G.lean", "-- FAKE_LEAN: garbage\n");

    Run run = check("--json", "G.lean");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdoutBytes()).isNotEmpty();
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(run.stdoutBytes()));
      fail("garbage output decoded as UTF-8");
    } catch (CharacterCodingException expected) {
      assertThat(expected).isNotNull();
    }
  }

  @Test
  void hugeOutputMarker_printsAboutTwentyMegabytesThenTheRealMessages() {
    write("B.lean", "-- FAKE_LEAN: huge-output\ntheorem lazy : True := by\n  sorry\n");

    Run run = check("--json", "B.lean");

    assertThat(run.stdoutBytes().length).isGreaterThan(19_000_000);
    assertThat(run.stdout()).endsWith("\"kind\":\"hasSorry\",\"pos\":{\"column\":8,\"line\":2},\"severity\":\"warning\"}\n");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void eatMemoryMarker_residentMemoryGrowsPastTheTarget() throws Exception {
    write("M.lean", "-- FAKE_LEAN: eat-memory\n");
    Process lean = start(Map.of("FAKE_LEAN_EAT_MB", "128"), "lean", "M.lean");
    Path status = Paths.get("/proc", Long.toString(lean.pid()), "status");

    long residentKb = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (residentKb < 120 * 1024 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      residentKb = Files.readAllLines(status).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
          .findFirst().orElse(0);
    }

    assertThat(residentKb).isGreaterThanOrEqualTo(120 * 1024);
    assertThat(lean.isAlive()).isTrue();
  }

  // ---- helpers ----

  private record Run(int exitCode, byte[] stdoutBytes, String stderr) {
    String stdout() {
      return new String(stdoutBytes, StandardCharsets.UTF_8);
    }
  }

  /** `lake env lean ARGS` with the test oracle. */
  private Run check(String... leanArgs) {
    List<String> argv = new ArrayList<>(List.of("lake", "env", "lean"));
    argv.addAll(List.of(leanArgs));
    return run(Map.of("FAKE_LEAN_ORACLE", oracle.toString()), argv.toArray(new String[0]));
  }

  private Map<String, String> oracleAnd(String name, String value) {
    return Map.of("FAKE_LEAN_ORACLE", oracle.toString(), name, value);
  }

  private Run run(Map<String, String> env, String... argv) {
    try {
      Path out = Files.createTempFile(dir, "stdout", ".bin");
      Path err = Files.createTempFile(dir, "stderr", ".txt");
      Process process = builder(env, argv).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      started.add(process.toHandle());
      if (!process.waitFor(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
        fail("%s did not finish within %s", List.of(argv), RUN_LIMIT);
      }
      return new Run(process.exitValue(), Files.readAllBytes(out), Files.readString(err));
    } catch (IOException e) {
      throw new AssertionError("could not run " + List.of(argv), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + List.of(argv), e);
    }
  }

  private Process start(Map<String, String> env, String... argv) throws IOException {
    Process process = builder(env, argv)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    started.add(process.toHandle());
    return process;
  }

  /** The stand-in's bin folder: the surefire property, else the module's own copy (surefire's basedir). */
  private static String standInBin() {
    String bin = System.getProperty("leanprove.standin.bin");
    if (bin == null || bin.isBlank()) {
      bin = Paths.get(System.getProperty("basedir", "."), "src", "test", "standin", "bin").toString();
    }
    assertThat(Paths.get(bin, "lake")).as("stand-in lake (property leanprove.standin.bin)").isExecutable();
    return bin;
  }

  private ProcessBuilder builder(Map<String, String> env, String... argv) {
    String bin = standInBin();
    List<String> command = new ArrayList<>(List.of(argv));
    if (!Paths.get(argv[0]).isAbsolute()) {
      command.set(0, Paths.get(bin, argv[0]).toString());
    }
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("FAKE_L"));
    environment.put("PATH", bin + ":" + environment.getOrDefault("PATH", "/usr/bin:/bin"));
    environment.putAll(env);
    return builder;
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new AssertionError("could not write " + name, e);
    }
  }

  private List<JsonNode> messages(Run run) {
    List<JsonNode> messages = new ArrayList<>();
    for (String line : run.stdout().split("\n")) {
      if (!line.isEmpty()) {
        try {
          messages.add(JSON.readTree(line));
        } catch (IOException e) {
          throw new AssertionError("not a JSON line: " + line, e);
        }
      }
    }
    return messages;
  }

  private static String position(JsonNode message, String field) {
    return message.get(field).get("line").asInt() + ":" + message.get(field).get("column").asInt();
  }

  private List<JsonNode> logLines() throws IOException {
    List<JsonNode> lines = new ArrayList<>();
    if (Files.exists(log)) {
      for (String line : Files.readAllLines(log)) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  /** Polls, because onExit() of a process that is not our child is only checked about once a second. */
  private static boolean awaitExit(ProcessHandle handle) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (handle.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return !handle.isAlive();
  }

  private JsonNode awaitLogLine(String prog) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonNode line : logLines()) {
        if (line.get("prog").asText().equals(prog)) {
          return line;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + prog + " line in " + log);
  }
}
