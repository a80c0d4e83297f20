package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckCommandTest {

  static final String HEADER = "import Mathlib\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";

  @TempDir
  Path dir;

  StandInLean lean;
  Map<String, String> env;
  String workspace;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 1);
    lean.accept("two", "norm_num");
    env = lean.systemEnv();
    workspace = lean.workspace().dir().toString();
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  private Path file(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void check_bubblewrapUnusable_warnsAndChecksUnsandboxed() throws Exception {
    Path fake = file("bwrap", "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> broken = new HashMap<>(env);
    broken.put(Sandbox.BWRAP_VARIABLE, fake.toString());
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun warned = CliRun.of(broken, "check", "--workspace", workspace, f.toString());
    CliRun silenced = CliRun.of(broken, "check", "--no-sandbox", "--workspace", workspace, f.toString());

    assertThat(warned.exitCode()).as(warned.err()).isEqualTo(ExitCodes.OK);
    assertThat(warned.err()).contains("warning: Lean runs unsandboxed").contains("Permission denied")
        .contains("bubblewrap").contains("--no-sandbox");
    assertThat(silenced.exitCode()).as(silenced.err()).isEqualTo(ExitCodes.OK);
    assertThat(silenced.err()).doesNotContain("warning");
  }

  @Test
  void check_provedFile_exitsZeroAndSaysProved() throws Exception {
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun run = CliRun.of(env, "check", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("✓ two  PROVED").contains("1 of 1 proved");
  }

  @Test
  void check_builtCheckerAsJson_provedByKernelReplay() throws Exception {
    lean.buildChecker();
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun run = CliRun.of(env, "check", "--json", "--require-kernel-replay", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    JsonObject theorem = new JsonObject(run.out()).getJsonArray("theorems").getJsonObject(0);
    assertThat(theorem.getString("status")).isEqualTo("PROVED");
    assertThat(theorem.getString("trust")).isEqualTo("kernel-replay");
  }

  @Test
  void check_requireKernelReplayWithoutChecker_exitsThreeNotProved() throws Exception {
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun run = CliRun.of(env, "check", "--require-kernel-replay", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("--require-kernel-replay").contains("kernel checker is not built").contains("leanprove setup");
  }

  @Test
  void check_sorryFileAsJson_exitsOneWithReasonCodes() throws Exception {
    Path f = file("S.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n\ntheorem s (x : ℕ) : x = x := by\n  sorry\n");

    CliRun run = CliRun.of(env, "check", "--json", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    JsonObject json = new JsonObject(run.out());
    assertThat(json.getString("status")).isEqualTo("SORRY");
    assertThat(json.getJsonArray("theorems").getJsonObject(0).getString("status")).isEqualTo("PROVED");
    assertThat(json.getJsonArray("theorems").getJsonObject(1).getString("name")).isEqualTo("s");
    assertThat(json.getJsonArray("theorems").getJsonObject(1).getString("status")).isEqualTo("SORRY");
  }

  @Test
  void check_malformedLean_isNotProved() throws Exception {
    Path f = file("Broken.lean", HEADER + "theorem broken (x : ℕ) : x = x := by )))( ((\n  simp [\n\n}}} garbage ⊢⊢\n");

    CliRun run = CliRun.of(env, "check", "--json", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_ALL_PROVED);
    assertThat(new JsonObject(run.out()).getString("status")).isEqualTo("LEAN_ERROR");
  }

  @Test
  void check_missingFile_exitsTwo() {
    CliRun run = CliRun.of(env, "check", "--workspace", workspace, dir.resolve("nope.lean").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("no such file");
  }

  @Test
  void check_nonUtf8File_exitsTwoNamingTheProblem() throws Exception {
    Path f = dir.resolve("Bad.lean");
    Files.write(f, new byte[] {'t', 'h', (byte) 0xC3, (byte) 0x28, '\n'});

    CliRun run = CliRun.of(env, "check", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("not valid UTF-8");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_tenMegabyteFile_isRefusedClearly() throws Exception {
    Path f = file("Huge.lean", HEADER + "-- " + "x".repeat(10 * 1024 * 1024) + "\n");

    CliRun run = CliRun.of(env, "check", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("limit").contains("--max-file-size");
    assertThat(lean.leanRuns()).isZero();
  }

  @Test
  void check_noToolchain_exitsThreeNamingWhatToInstall() throws Exception {
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");
    Map<String, String> bare = new HashMap<>();
    bare.put("PATH", "/usr/bin:/bin");
    bare.put("HOME", dir.toString());

    CliRun run = CliRun.of(bare, "check", "--workspace", workspace, f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("No Lean toolchain found").contains("leanprove setup");
  }

  @Test
  void check_workspaceNeverSetUp_exitsThree() throws Exception {
    Path f = file("Two.lean", HEADER + "theorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun run = CliRun.of(env, "check", "--workspace", dir.resolve("empty-ws").toString(), f.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("not set up").contains("leanprove setup");
  }

  @Test
  void check_badOption_exitsTwo() {
    CliRun run = CliRun.of(env, "check", "--timeout", "-5", "x.lean");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void help_everyCommand_printsUsage() {
    for (String command : new String[] {"check", "prove", "serve", "engines", "setup"}) {
      CliRun run = CliRun.of(env, command, "--help");
      assertThat(run.exitCode()).as(command).isZero();
      assertThat(run.out()).as(command).contains("Usage: leanprove " + command);
    }
    assertThat(CliRun.of(env, "--help").out()).contains("check", "prove", "serve", "engines", "setup");
  }

  @Test
  void version_printsName() {
    CliRun run = CliRun.of(env, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("leanprove ");
  }

  @Test
  void noCommand_exitsTwo() {
    assertThat(CliRun.of(env).exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
