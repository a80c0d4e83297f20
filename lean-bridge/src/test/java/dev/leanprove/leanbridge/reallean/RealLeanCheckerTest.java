package dev.leanprove.leanbridge.reallean;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.LeanRunner;
import dev.leanprove.leanbridge.process.LineProcess;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.workspace.SetupProcedure;
import dev.leanprove.leanbridge.workspace.Workspace;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The kernel-replay checker program (workspace-template/LeanproveChecker/Main.lean) with real Lean:
 * built with {@code lake build leanprove-checker} in a set-up workspace, fed honest and cheating
 * .olean files over its stdin protocol. Elsewhere every test is skipped with the reason printed.
 */
@Tag("real-lean")
final class RealLeanCheckerTest {

  static final String HEADER = "import Mathlib\n\n";
  static final List<String> STANDARD = List.of("propext", "Classical.choice", "Quot.sound");
  static final String CHALLENGE = HEADER + "theorem t : (2 : ℕ) + 2 = 4 := by\n  sorry\n";
  static final ObjectMapper JSON = new ObjectMapper();

  static LeanRunner runner;
  static Workspace workspace;
  static Path lake;
  static Map<String, String> env;
  static LineProcess checker;
  static long ids;

  @BeforeAll
  static void buildChecker() throws Exception {
    Map<String, String> system = System.getenv();
    Optional<Path> found;
    try {
      found = new ToolchainLocator(system, null).findLake();
    } catch (ToolchainMissingException e) {
      skip(e.getMessage());
      return;
    }
    if (found.isEmpty()) {
      skip("no `lake` on PATH, in ~/.elan/bin or in LEANPROVE_LAKE");
    }
    lake = found.get();
    if (Files.exists(lake.toAbsolutePath().getParent().resolveSibling("fake_lean.py"))) {
      skip("the `lake` found is leanprove's stand-in (" + lake + "), not real Lean");
    }
    workspace = new Workspace(WorkspaceLayout.defaultDir(system));
    if (!workspace.hasMathlib()) {
      skip("the workspace " + workspace.dir() + " is not set up");
    }
    if (!Files.isRegularFile(workspace.dir().resolve("LeanproveChecker/Main.lean"))) {
      skip("the workspace " + workspace.dir() + " predates the kernel checker; run `./leanprove setup` again");
    }
    env = LeanEnvironment.from(system).forLake(lake);
    runner = new LeanRunner(2, LeanRunner.DEFAULT_OUTPUT_CAP_BYTES);
    LeanRun build = run(List.of(lake.toString(), "build", SetupProcedure.CHECKER_TARGET), Duration.ofMinutes(30));
    assertThat(build.exitCode()).as(build.stdout() + build.stderr()).isZero();
    checker = LineProcess.start(List.of(lake.toString(), "env", workspace.checker().toString()), workspace.dir(), env,
        Duration.ofSeconds(2));
  }

  private static void skip(String reason) {
    String message = "real-lean checker tests skipped: " + reason + " (run `./leanprove setup` to enable them)";
    System.out.println(message);
    Assumptions.abort(message);
  }

  @AfterAll
  static void stop() {
    if (checker != null) {
      checker.close();
    }
    if (runner != null) {
      runner.close();
    }
  }

  private static LeanRun run(List<String> argv, Duration timeout) throws Exception {
    return runner.run(new LeanInvocation(argv, workspace.dir(), env, timeout, 0, "")).get();
  }

  /** {@code lake env lean -o} of the text; the test fails with Lean's output when there is no .olean. */
  private static Path olean(String text) throws Exception {
    Path dir = Files.createDirectories(workspace.checksDir().resolve("real-lean-checker"));
    String name = "T" + UUID.randomUUID().toString().replace("-", "");
    Path source = Files.writeString(dir.resolve(name + ".lean"), text);
    Path olean = dir.resolve(name + ".olean");
    LeanRun run = run(List.of(lake.toString(), "env", "lean", "-o", olean.toString(), source.toString()),
        Duration.ofMinutes(10));
    assertThat(olean).as(run.stdout() + run.stderr()).isRegularFile();
    return olean;
  }

  private static JsonNode check(String challenge, String candidate, String target, List<String> allowed)
      throws Exception {
    ObjectNode request = JSON.createObjectNode();
    long id = ++ids;
    request.put("id", id);
    request.put("challenge", olean(challenge).toString());
    request.put("candidate", olean(candidate).toString());
    request.putArray("targets").add(target);
    allowed.forEach(request.putArray("allowedAxioms")::add);
    Optional<String> answer = checker.exchange(JSON.writeValueAsString(request), Duration.ofMinutes(10));
    assertThat(answer).as("checker stderr: " + checker.stderrTail()).isPresent();
    JsonNode root = JSON.readTree(answer.get());
    assertThat(root.path("id").asLong()).isEqualTo(id);
    return root.path("results").get(0);
  }

  @Test
  void honestProof_isOkWithStandardAxiomsOnly() throws Exception {
    JsonNode r = check(CHALLENGE, HEADER + "theorem t : (2 : ℕ) + 2 = 4 := by\n  norm_num\n", "t", STANDARD);

    assertThat(r.path("ok").asBoolean()).as(r.toString()).isTrue();
    r.path("axioms").forEach(a -> assertThat(STANDARD).contains(a.asText()));
  }

  @Test
  void differentStatement_isTypeMismatch() throws Exception {
    JsonNode r = check(CHALLENGE, HEADER + "theorem t : (2 : ℕ) + 2 = 4 ∨ True := by\n  simp\n", "t", STANDARD);

    assertThat(r.path("reason").asText()).as(r.toString()).isEqualTo("type-mismatch");
  }

  @Test
  void targetDeclaredAsAxiom_isNotATheorem() throws Exception {
    JsonNode r = check(CHALLENGE, HEADER + "axiom t : (2 : ℕ) + 2 = 4\n", "t", STANDARD);

    assertThat(r.path("reason").asText()).as(r.toString()).isEqualTo("not-a-theorem");
  }

  @Test
  void definitionTheStatementUsesChanged_isDependencyChanged() throws Exception {
    String challenge = HEADER + "def f : ℕ := 2\n\ntheorem u : f + 2 = 5 := by\n  sorry\n";
    String candidate = HEADER + "def f : ℕ := 3\n\ntheorem u : f + 2 = 5 := by\n  decide\n";

    JsonNode r = check(challenge, candidate, "u", STANDARD);

    assertThat(r.path("reason").asText()).as(r.toString()).isEqualTo("dependency-changed");
  }

  @Test
  void sorryProof_usesSorry() throws Exception {
    JsonNode r = check(CHALLENGE, CHALLENGE, "t", STANDARD);

    assertThat(r.path("reason").asText()).as(r.toString()).isEqualTo("uses-sorry");
  }

  @Test
  void nativeDecide_isBadAxiomUnlessAllowed() throws Exception {
    String candidate = HEADER + "theorem t : (2 : ℕ) + 2 = 4 := by\n  native_decide\n";

    JsonNode refused = check(CHALLENGE, candidate, "t", STANDARD);
    JsonNode allowed = check(CHALLENGE, candidate, "t",
        List.of("propext", "Classical.choice", "Quot.sound", "Lean.ofReduceBool", "Lean.trustCompiler"));

    assertThat(refused.path("reason").asText()).as(refused.toString()).isEqualTo("bad-axiom");
    assertThat(refused.path("axioms").toString()).contains("Lean.ofReduceBool");
    assertThat(allowed.path("ok").asBoolean()).as(allowed.toString()).isTrue();
  }

  @Test
  void declarationAddedWithoutKernelCheck_isReplayFailed() throws Exception {
    // `0 = 1` "proved" by `Eq.refl 0`: with debug.skipKernelTC the elaborator's addDecl skips the kernel.
    String candidate = HEADER
        + "open Lean Elab Command in\n"
        + "set_option debug.skipKernelTC true in\n"
        + "run_cmd liftCoreM <| addDecl <| .thmDecl { name := `t, levelParams := [],\n"
        + "  type := mkApp3 (mkConst ``Eq [levelOne]) (mkConst ``Nat) (mkNatLit 0) (mkNatLit 1),\n"
        + "  value := mkApp2 (mkConst ``Eq.refl [levelOne]) (mkConst ``Nat) (mkNatLit 0) }\n";
    String challenge = HEADER + "theorem t : (0 : ℕ) = 1 := by\n  sorry\n";

    JsonNode r = check(challenge, candidate, "t", STANDARD);

    assertThat(r.path("reason").asText()).as(r.toString()).isEqualTo("replay-failed");
  }
}
