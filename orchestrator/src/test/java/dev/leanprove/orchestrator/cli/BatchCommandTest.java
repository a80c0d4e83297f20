package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.orchestrator.standin.Fault;
import dev.leanprove.orchestrator.standin.MiniF2F;
import dev.leanprove.orchestrator.standin.StandInModelServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class BatchCommandTest {

  /** Problems the stand-in lets the portfolio prove (its `linarith` alternative is accepted). */
  static final List<String> PORTFOLIO_PROVABLE = List.of(
      "aime_1983_p9", "amc12a_2002_p1", "amc12b_2002_p3", "imo_1961_p1", "mathd_algebra_10", "mathd_numbertheory_48");

  /**
   * The model answers these with DeepSeek-Prover-V2's real proof, which the stand-in accepts. (Of
   * the 221 published solutions, these are among the few whose statement matches miniF2F-lean4's
   * and whose extracted body the stand-in's oracle matches.)
   */
  static final List<String> SCRIPTED = List.of("mathd_algebra_159", "mathd_numbertheory_48", "amc12a_2021_p7", "aime_1983_p9");

  /** Answered with the real proof once and a wrong proof three times, in turn. */
  static final String ONE_IN_FOUR = "imo_1977_p5";

  /** Its real proof would be accepted, but the model is never scripted for it. */
  static final String UNSCRIPTED = "amc12b_2003_p17";

  /** The model answers it with another problem's proof. */
  static final String WRONG_PROBLEM = "amc12a_2003_p25";

  @TempDir
  Path dir;

  StandInLean lean;
  Vertx vertx;
  StandInModelServer model;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("lean"), 4);
  }

  @AfterEach
  void tearDown() {
    if (model != null) {
      model.close().await();
      vertx.close().await();
    }
    lean.close();
  }

  @Test
  void batch_wholeValidSplitWithPortfolio_summaryMatchesHandCount() throws Exception {
    for (String name : PORTFOLIO_PROVABLE) {
      lean.accept(name, "linarith");
    }
    Path out = dir.resolve("out");

    CliRun run = batch(valid().toString(), "--out", out.toString(), "--concurrency", "4", "--lean-jobs", "4");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject summary = summary(out);
    JsonObject problems = summary.getJsonObject("problems");
    assertThat(problems.getInteger("total")).isEqualTo(244);
    assertThat(problems.getInteger("proved")).isEqualTo(6);
    assertThat(problems.getInteger("portfolioSolved")).isEqualTo(6);
    assertThat(problems.getInteger("notProved")).isEqualTo(238);
    assertThat(problems.getInteger("invalid")).isZero();
    assertThat(problems.getInteger("unfinished")).isZero();
    // Hand count of the 244 valid files by prefix, and of the six proved ones.
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("mathd_algebra", "1/70");
    expected.put("mathd_numbertheory", "1/60");
    expected.put("amc12", "2/45");
    expected.put("imo", "1/20");
    expected.put("algebra", "0/18");
    expected.put("aime", "1/15");
    expected.put("induction", "0/8");
    expected.put("numbertheory", "0/8");
    assertThat(categories(summary)).isEqualTo(expected);
    assertThat(reasons(summary.getJsonArray("failures"))).isEqualTo(Map.of("LEAN_ERROR", 238));
    assertThat(reasons(summary.getJsonArray("attemptVerdicts"))).isEqualTo(Map.of("PROVED", 6, "LEAN_ERROR", 238));
    assertThat(summary.getJsonArray("passAtK")).isEmpty();
    assertThat(summary.getString("passAtKNote")).contains("no model engine");
    assertThat(summary.getDouble("solvedRate")).isCloseTo(6 / 244.0, within(1e-9));
    assertThat(attemptLines(out)).hasSize(244);
    try (var files = Files.list(out.resolve("proofs"))) {
      Set<String> names = files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
      assertThat(names).isEqualTo(PORTFOLIO_PROVABLE.stream().map(n -> n + ".lean").collect(Collectors.toCollection(TreeSet::new)));
    }
    assertThat(Files.readString(out.resolve("proofs/imo_1961_p1.lean"))).contains("linarith").doesNotContain("sorry");
    assertThat(Files.readString(out.resolve("summary.md"))).contains("**Solved 6 / 244 (2.5%)**").contains("| amc12 | 2 | 45 | 4.4% |");
    assertThat(run.out()).contains("Solved 6 / 244 (2.5%)");
    // Not a terminal: plain lines, the last one at the end.
    assertThat(run.err()).contains("batch: 244/244 100%, proved 6, failed (LEAN_ERROR 238)");
  }

  @Test
  void batch_scriptedModel_provesExactlyTheScriptedProblems() throws Exception {
    startModel();
    for (String name : SCRIPTED) {
      model.script(key(name), MiniF2F.cotAnswerFor(name));
      lean.accept(name, MiniF2F.realProof(name));
    }
    model.script(key(ONE_IN_FOUR), MiniF2F.cotAnswerFor(ONE_IN_FOUR), wrongAnswer(ONE_IN_FOUR), wrongAnswer(ONE_IN_FOUR),
        wrongAnswer(ONE_IN_FOUR));
    lean.accept(ONE_IN_FOUR, MiniF2F.realProof(ONE_IN_FOUR));
    lean.accept(UNSCRIPTED, MiniF2F.realProof(UNSCRIPTED));
    model.script(key(WRONG_PROBLEM), MiniF2F.cotAnswerFor("mathd_algebra_159"));
    lean.accept(WRONG_PROBLEM, MiniF2F.realProof(WRONG_PROBLEM));
    Path out = dir.resolve("out");

    CliRun run = batch(valid().toString(), "--out", out.toString(), "--filter", "{" + String.join(",", seven()) + "}",
        "--endpoint", model.endpoint().toString(), "--samples", "4", "--samples-per-round", "2",
        // Whole proofs only, so every sample is one scripted answer and the hand count below holds.
        "--repair-rounds", "0", "--max-depth", "0");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject summary = summary(out);
    Set<String> proved = new TreeSet<>();
    Map<String, JsonObject> lines = new HashMap<>();
    for (Object o : summary.getJsonArray("problemList")) {
      JsonObject p = (JsonObject) o;
      lines.put(p.getString("name"), p);
      if (p.getString("outcome").equals("PROVED")) {
        proved.add(p.getString("name"));
      }
    }
    Set<String> intended = new TreeSet<>(SCRIPTED);
    intended.add(ONE_IN_FOUR);
    assertThat(proved).as(summary.getJsonArray("problemList").encodePrettily()).isEqualTo(intended);
    assertThat(summary.getJsonObject("problems").getInteger("total")).isEqualTo(7);
    assertThat(summary.getJsonObject("problems").getInteger("portfolioSolved")).isZero();
    // Every problem got all four samples; the one-in-four problem has one correct of four.
    for (String name : seven()) {
      assertThat(lines.get(name).getInteger("samples")).as(name).isEqualTo(4);
    }
    assertThat(lines.get(ONE_IN_FOUR).getInteger("correct")).isEqualTo(1);
    assertThat(lines.get("mathd_algebra_159").getInteger("correct")).isEqualTo(4);
    assertThat(lines.get(UNSCRIPTED).getInteger("correct")).isZero();
    assertThat(lines.get(WRONG_PROBLEM).getInteger("correct")).isZero();
    // Hand count: pass@1 = (4 x 1 + (1 - C(3,1)/C(4,1)) + 0 + 0) / 7 = 4.25 / 7; pass@4 = 5 / 7.
    JsonArray passAtK = summary.getJsonArray("passAtK");
    assertThat(passAtK).hasSize(2);
    assertThat(passAtK.getJsonObject(0).getInteger("k")).isEqualTo(1);
    assertThat(passAtK.getJsonObject(0).getDouble("value")).isCloseTo(4.25 / 7, within(1e-9));
    assertThat(passAtK.getJsonObject(1).getInteger("k")).isEqualTo(4);
    assertThat(passAtK.getJsonObject(1).getDouble("value")).isCloseTo(5 / 7.0, within(1e-9));
    assertThat(summary.getInteger("passAtKProblems")).isEqualTo(7);
    assertThat(summary.getInteger("samples")).isEqualTo(28);
    // 7 portfolio attempts and 28 model samples, each with its own sample index.
    List<JsonObject> attempts = attemptLines(out);
    assertThat(attempts).hasSize(35);
    for (String name : seven()) {
      Set<Integer> samples = attempts.stream().filter(a -> a.getString("problem").equals(name)).map(a -> a.getInteger("sample"))
          .collect(Collectors.toCollection(TreeSet::new));
      assertThat(samples).as(name).containsExactly(0, 1, 2, 3, 4);
    }
    JsonObject modelAttempt = attempts.stream().filter(a -> a.getInteger("sample") > 0).findFirst().orElseThrow();
    assertThat(modelAttempt.getString("engine")).isEqualTo("openai");
    // No --model: the server's first model, asked for once before the run.
    assertThat(modelAttempt.getString("model")).isEqualTo(StandInModelServer.SERVED_MODEL);
    assertThat(modelAttempt.getString("toolchain")).isEqualTo("4.24.0");
    assertThat(modelAttempt.getInteger("completionTokens")).isPositive();
    assertThat(Files.readString(out.resolve("proofs/" + ONE_IN_FOUR + ".lean"))).doesNotContain("sorry");
    assertThat(Files.exists(out.resolve("proofs/" + UNSCRIPTED + ".lean"))).isFalse();
  }

  @Test
  void batch_jsonlWithBadLinesAndAProblemWithoutSorry_reportsThemAndRunsTheRest() throws Exception {
    lean.accept("mathd_algebra_10", "linarith");
    List<String> rows = Files.readAllLines(MiniF2F.dataDir().resolve("minif2f-valid.jsonl")).stream()
        .filter(l -> l.contains("\"name\": \"mathd_algebra_10\"") || l.contains("\"name\": \"imo_1961_p1\""))
        .collect(Collectors.toCollection(ArrayList::new));
    assertThat(rows).hasSize(2);
    rows.add("{not json");
    rows.add("{\"split\": \"valid\", \"formal_statement\": \"theorem nameless : True := by\\n\"}");
    rows.add(new JsonObject().put("name", "no_sorry").put("split", "valid")
        .put("formal_statement", "theorem no_sorry : True := trivial\n").encode());
    rows.add(new JsonObject().put("name", "garbage").put("split", "valid").put("formal_statement", "}}} not lean at all").encode());
    rows.add(new JsonObject().put("name", "no_statement").put("split", "valid").encode());
    Path input = dir.resolve("problems.jsonl");
    Files.write(input, rows);
    Path out = dir.resolve("out");

    CliRun run = batch(input.toString(), "--out", out.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(run.err()).contains("problems.jsonl:3: not a JSON object").contains("problems.jsonl:4: no \"name\"");
    JsonObject summary = summary(out);
    JsonObject problems = summary.getJsonObject("problems");
    assertThat(problems.getInteger("total")).isEqualTo(5);
    assertThat(problems.getInteger("proved")).isEqualTo(1);
    assertThat(problems.getInteger("notProved")).isEqualTo(1);
    assertThat(problems.getInteger("invalid")).isEqualTo(3);
    assertThat(reasons(summary.getJsonArray("failures")))
        .isEqualTo(Map.of("NO_TARGET", 2, "UNREADABLE", 1, "LEAN_ERROR", 1));
    assertThat(summary.getJsonArray("inputIssues")).hasSize(2);
    assertThat(Files.readString(out.resolve("summary.md"))).contains("`no_sorry`: NO_TARGET").contains("`no_statement`: UNREADABLE");
  }

  @Test
  void batch_allProved_exitsZero() {
    lean.accept("mathd_algebra_10", "linarith");

    CliRun run = batch(valid().toString(), "--out", dir.resolve("out").toString(), "--filter", "mathd_algebra_10");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("Solved 1 / 1 (100.0%)");
  }

  @Test
  void batch_splitAndLimit_selectTheFirstProblems() throws Exception {
    Path out = dir.resolve("out");

    CliRun run = batch(valid().toString(), "--out", out.toString(), "--split", "VALID", "--filter", "mathd_*", "--limit", "3");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(summary(out).getJsonArray("problemList").stream().map(o -> ((JsonObject) o).getString("name")))
        .containsExactly("mathd_algebra_10", "mathd_algebra_101", "mathd_algebra_104");
  }

  @Test
  void batch_otherSplit_matchesNothingExitsTwo() {
    CliRun run = batch(valid().toString(), "--out", dir.resolve("out").toString(), "--split", "test");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("matches the selection");
  }

  @Test
  void batch_missingPath_exitsTwo() {
    CliRun run = batch(dir.resolve("nope").toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no such file or directory");
  }

  @Test
  void batch_jsonlWithoutAnyProblem_exitsTwo() throws Exception {
    Path input = dir.resolve("bad.jsonl");
    Files.writeString(input, "not json\n{\"also\": \"no name\"}\n");

    CliRun run = batch(input.toString(), "--out", dir.resolve("out").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no problems in").contains("bad.jsonl:1: not a JSON object").contains("and 1 more");
  }

  @Test
  void batch_outputFolderHoldsARunWithoutResume_exitsTwoAndKeepsIt() throws Exception {
    Path out = dir.resolve("out");
    assertThat(batch(valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_10").exitCode())
        .isEqualTo(ExitCodes.NOT_ALL_PROVED);
    long size = Files.size(out.resolve("attempts.jsonl"));

    CliRun again = batch(valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_10");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("already holds a batch run").contains("--resume");
    assertThat(Files.size(out.resolve("attempts.jsonl"))).isEqualTo(size);
  }

  @Test
  void batch_resumeWithOtherSamples_exitsTwo() {
    startModel();
    Path out = dir.resolve("out");
    assertThat(batch(valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_10", "--endpoint",
        model.endpoint().toString(), "--samples", "2").exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);

    CliRun resumed = batch(valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_10", "--endpoint",
        model.endpoint().toString(), "--samples", "3", "--resume");

    assertThat(resumed.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(resumed.err()).contains("--samples was 2, now 3");
  }

  @Test
  void batch_resumeOfAFinishedRun_runsNothingAndGivesTheSameSummary() throws Exception {
    lean.accept("mathd_algebra_10", "linarith");
    Path out = dir.resolve("out");
    String filter = "mathd_algebra_1*";
    assertThat(batch(valid().toString(), "--out", out.toString(), "--filter", filter).exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject first = comparable(summary(out));
    long leanRuns = lean.leanRuns();

    CliRun resumed = batch(valid().toString(), "--out", out.toString(), "--filter", filter, "--resume");

    assertThat(resumed.exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(resumed.err()).contains("resuming:");
    assertThat(lean.leanRuns()).isEqualTo(leanRuns);
    assertThat(comparable(summary(out))).isEqualTo(first);
    assertThat(summary(out).getInteger("sessions")).isEqualTo(2);
  }

  @Test
  void batch_modelServerDown_exitsThreeBeforeMakingTheFolder() {
    Path out = dir.resolve("out");

    CliRun run = batch(valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_1*", "--endpoint",
        "http://127.0.0.1:1");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("http://127.0.0.1:1 could not be used");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void batch_modelRefusesMidRun_stopsExitsThreeAndResumeFinishesIt() throws Exception {
    startModel();
    model.injectAlways(StandInModelServer.Route.COMPLETIONS, Fault.unauthorized());
    Path out = dir.resolve("out");
    String[] args = {valid().toString(), "--out", out.toString(), "--filter", "mathd_algebra_1*", "--endpoint",
        model.endpoint().toString(), "--samples", "2", "--concurrency", "1"};

    CliRun run = batch(args);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("the model server could not be used").contains("UNAUTHORIZED").contains("--resume");
    JsonObject problems = summary(out).getJsonObject("problems");
    assertThat(problems.getInteger("unfinished")).isEqualTo(problems.getInteger("total")).isGreaterThan(1);
    assertThat(lines(out).stream().noneMatch(l -> l.getString("type").equals("problem"))).isTrue();

    model.clearFaults();
    List<String> resume = new ArrayList<>(List.of(args));
    resume.add("--resume");
    CliRun resumed = batch(resume.toArray(new String[0]));

    assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject after = summary(out).getJsonObject("problems");
    assertThat(after.getInteger("unfinished")).isZero();
    assertThat(after.getInteger("notProved")).isEqualTo(problems.getInteger("total"));
    // The portfolio attempt made before the refusal is kept, not made again.
    assertThat(attemptLines(out).stream().filter(a -> a.getInteger("sample") == 0).count()).isEqualTo((long) after.getInteger("total"));
  }

  @Test
  void batch_negativeMaxDepth_exitsTwo() {
    CliRun run = batch(valid().toString(), "--out", dir.resolve("out").toString(), "--max-depth", "-1");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("max depth");
  }

  @Test
  void batch_badOptions_exitTwo() {
    String out = dir.resolve("out").toString();
    assertThat(batch(valid().toString(), "--out", out, "--limit", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(batch(valid().toString(), "--out", out, "--concurrency", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(batch(valid().toString(), "--out", out, "--progress", "fancy").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(batch(valid().toString(), "--out", out, "--filter", "a/b").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(batch(valid().toString(), "--out", out, "--no-portfolio").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void batch_progressBar_redrawsOneLineWithEta() {
    CliRun run = batch(valid().toString(), "--out", dir.resolve("out").toString(), "--filter", "mathd_algebra_1*",
        "--progress", "bar", "--concurrency", "2");

    // progressbar's layout: task, percent, bar, done/total, (elapsed / ETA), then our counts.
    assertThat(run.err()).contains("\rbatch ").containsPattern("\\d+/\\d+ \\(\\d+:\\d\\d:\\d\\d / (\\d+:\\d\\d:\\d\\d|\\?)\\)")
        .contains("proved 0").contains("failed (LEAN_ERROR ");
    // Redrawn with carriage returns: one line in all, ended once at the end.
    assertThat(run.err().split("\n")).filteredOn(l -> l.contains("\rbatch ")).hasSize(1);
  }

  private CliRun batch(String... args) {
    List<String> all = new ArrayList<>(List.of("batch", "--workspace", lean.workspace().dir().toString(), "--log-every", "3600"));
    all.addAll(List.of(args));
    return CliRun.of(lean.systemEnv(), all.toArray(new String[0]));
  }

  private void startModel() {
    vertx = Vertx.vertx();
    model = StandInModelServer.start(vertx).await();
  }

  private static List<String> seven() {
    List<String> names = new ArrayList<>(SCRIPTED);
    names.addAll(List.of(ONE_IN_FOUR, UNSCRIPTED, WRONG_PROBLEM));
    return names;
  }

  /** The statement line names the theorem followed by a space; a bare name could also match a longer one. */
  static String key(String name) {
    return "theorem " + name + " ";
  }

  /** A model answer with the problem's statement and a proof the stand-in does not accept. */
  static String wrongAnswer(String name) {
    String file = MiniF2F.solutionFile(name);
    int proof = file.indexOf(":= by", file.indexOf("theorem " + name));
    return MiniF2F.cotAnswer(file.substring(0, proof) + ":= by\n  nlinarith [sq_nonneg (0 : ℝ)]\n");
  }

  static Path valid() {
    return MiniF2F.dataDir().resolve("minif2f/Valid");
  }

  static JsonObject summary(Path out) throws IOException {
    return new JsonObject(Files.readString(out.resolve("summary.json")));
  }

  static List<JsonObject> lines(Path out) throws IOException {
    return Files.readAllLines(out.resolve("attempts.jsonl")).stream().map(JsonObject::new).collect(Collectors.toList());
  }

  static List<JsonObject> attemptLines(Path out) throws IOException {
    return lines(out).stream().filter(l -> l.getString("type").equals("attempt")).collect(Collectors.toList());
  }

  /** The summary without what differs between runs by nature: wall times and the number of sessions. */
  static JsonObject comparable(JsonObject summary) {
    JsonObject copy = summary.copy();
    copy.remove("wallMs");
    copy.remove("sessions");
    return copy;
  }

  private static Map<String, String> categories(JsonObject summary) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Object o : summary.getJsonArray("categories")) {
      JsonObject c = (JsonObject) o;
      m.put(c.getString("category"), c.getInteger("proved") + "/" + c.getInteger("total"));
    }
    return m;
  }

  private static Map<String, Integer> reasons(JsonArray array) {
    Map<String, Integer> m = new HashMap<>();
    for (Object o : array) {
      JsonObject r = (JsonObject) o;
      m.put(r.getString("reason"), r.getInteger("count"));
    }
    return m;
  }
}
