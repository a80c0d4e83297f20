package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --verifier repl|process}: the same file gets the same report either way. */
final class VerifierOptionTest {

  static final String FILE = "import Mathlib\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n"
      + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\n"
      + "theorem s (x : ℕ) : x = x := by\n  sorry\n\n"
      + "theorem bad (x : ℕ) (h : 0 < x) : 1 ≤ x := by\n  simp\n";

  @TempDir
  Path dir;

  StandInLean lean;
  Path file;

  @BeforeEach
  void setUp() throws Exception {
    lean = StandInLean.create(dir.resolve("lean"), 1);
    lean.accept("two", "norm_num");
    file = dir.resolve("F.lean");
    Files.writeString(file, FILE);
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  private CliRun check(String verifier) {
    return CliRun.of(lean.systemEnv(), "check", "--json", "--verifier", verifier, "--workspace",
        lean.workspace().dir().toString(), file.toString());
  }

  @Test
  void check_replAndProcess_sameStatusesAndMessages() {
    lean.withRepl();

    CliRun viaProcess = check("process");
    long leanRuns = lean.leanRuns();
    CliRun viaRepl = check("repl");

    assertThat(viaRepl.exitCode()).as(viaRepl.err()).isEqualTo(viaProcess.exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(summary(viaRepl.out())).isEqualTo(summary(viaProcess.out()))
        .contains("two PROVED", "s SORRY", "bad LEAN_ERROR");
    assertThat(lean.replStarts()).isEqualTo(1);
    assertThat(lean.leanRuns()).as("the REPL run started no lean process").isEqualTo(leanRuns);
  }

  @Test
  void check_defaultWithReplBuilt_usesTheRepl() {
    lean.withRepl();

    CliRun run = CliRun.of(lean.systemEnv(), "check", "--json", "--workspace", lean.workspace().dir().toString(),
        file.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(lean.replStarts()).isEqualTo(1);
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_defaultWithoutRepl_usesAProcess() {
    CliRun run = CliRun.of(lean.systemEnv(), "check", "--json", "--workspace", lean.workspace().dir().toString(),
        file.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(lean.leanRuns()).isEqualTo(1);
    assertThat(lean.replStarts()).isZero();
  }

  @Test
  void prove_replBuilt_insertsTheSinglePortfolioAlternativeThatWorks() throws Exception {
    lean.withRepl().accept("lt", "omega");
    Path problem = dir.resolve("P.lean");
    Files.writeString(problem, "import Mathlib\n\ntheorem lt (x : ℕ) (h : 0 < x) : 1 ≤ x := by\n  sorry\n");
    Path out = dir.resolve("P.proved.lean");

    CliRun run = CliRun.of(lean.systemEnv(), "prove", "--workspace", lean.workspace().dir().toString(),
        "--out", out.toString(), problem.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(Files.readString(out)).contains("1 ≤ x := by\n  omega").doesNotContain("first");
  }

  @Test
  void check_replNotBuilt_exitsEnvironmentWithWhatToRun() {
    CliRun run = check("repl");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("REPL is not built").contains("leanprove setup");
  }

  @Test
  void check_unknownVerifier_isUsageError() {
    CliRun run = check("warp");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--verifier must be repl or process: warp");
  }

  /** Each theorem's name, status and messages (severity, position, text); times left out. */
  static List<String> summary(String json) {
    List<String> lines = new ArrayList<>();
    JsonObject report = new JsonObject(json);
    lines.add("status " + report.getString("status"));
    JsonArray theorems = report.getJsonArray("theorems");
    for (int i = 0; i < theorems.size(); i++) {
      JsonObject t = theorems.getJsonObject(i);
      lines.add(t.getString("name") + " " + t.getString("status"));
      JsonArray messages = t.getJsonArray("messages", new JsonArray());
      for (int k = 0; k < messages.size(); k++) {
        JsonObject m = messages.getJsonObject(k);
        lines.add("  " + m.getString("severity") + " " + m.getValue("pos") + " " + m.getString("data"));
      }
    }
    return lines;
  }
}
