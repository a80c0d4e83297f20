package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SetupCommandTest {

  @TempDir
  Path dir;

  StandInLean lean;
  Map<String, String> env;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("standin"), 1);
    env = new HashMap<>(lean.systemEnv());
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  @Test
  void setup_withToolchain_laysOutWorkspaceFetchesAndBuilds() throws Exception {
    Path ws = dir.resolve("ws");

    CliRun run = CliRun.of(env, "setup", "--workspace", ws.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(ws.resolve("lean-toolchain"))).contains("v4.24.0");
    assertThat(ws.resolve(".lake/packages/mathlib")).isDirectory();
    assertThat(run.out()).contains("[1/4]").contains("[3/4] Mathlib cache").contains("[4/4] lake build").contains("Ready: Lean 4.24.0");
    // The warm checker: `lake build repl` left the REPL where `--verifier repl` looks for it.
    assertThat(run.out()).contains("lake build repl done");
    assertThat(ws.resolve(".lake/packages/REPL/.lake/build/bin/repl")).isExecutable();
  }

  @Test
  void setup_thenCheck_worksAsTheReadmeSays() throws Exception {
    Path ws = dir.resolve("ws");
    lean.accept("two", "norm_num");
    Path f = dir.resolve("Two.lean");
    Files.writeString(f, "import Mathlib\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    assertThat(CliRun.of(env, "setup", "--workspace", ws.toString()).exitCode()).isZero();
    CliRun check = CliRun.of(env, "check", "--workspace", ws.toString(), f.toString());

    assertThat(check.exitCode()).as(check.err()).isZero();
  }

  @Test
  void setup_buildsKernelChecker_thenCheckIsKernelReplayed() throws Exception {
    Path ws = dir.resolve("ws");
    lean.accept("two", "norm_num");
    Path f = dir.resolve("Two.lean");
    Files.writeString(f, "import Mathlib\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun setup = CliRun.of(env, "setup", "--workspace", ws.toString());
    CliRun check = CliRun.of(env, "check", "--workspace", ws.toString(), f.toString());

    assertThat(setup.out()).contains("kernel checker: lake build leanprove-checker");
    assertThat(ws.resolve("LeanproveChecker/Main.lean")).isRegularFile();
    assertThat(ws.resolve(".lake/build/bin/leanprove-checker")).isExecutable();
    assertThat(check.out()).contains("✓ two  PROVED (kernel-replay)");
  }

  @Test
  void setup_checkerDoesNotBuild_saysWhyAndChecksAreScreened() throws Exception {
    Path ws = dir.resolve("ws");
    env.put("FAKE_LAKE_CHECKER_FAIL", "1");
    lean.accept("two", "norm_num");
    Path f = dir.resolve("Two.lean");
    Files.writeString(f, "import Mathlib\n\ntheorem two : (2 : ℕ) + 2 = 4 := by\n  norm_num\n");

    CliRun setup = CliRun.of(env, "setup", "--workspace", ws.toString());
    CliRun check = CliRun.of(env, "check", "--workspace", ws.toString(), f.toString());

    assertThat(setup.exitCode()).as(setup.err()).isZero();
    assertThat(setup.out()).contains("could not be built").contains("`screened`").contains("unknown identifier");
    assertThat(check.out()).contains("✓ two  PROVED (screened)");
  }

  @Test
  void setup_otherVersions_pinsThem() throws Exception {
    Path ws = dir.resolve("ws");

    CliRun run = CliRun.of(env, "setup", "--workspace", ws.toString(), "--lean", "v4.9.0", "--mathlib", "v4.9.0");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(Files.readString(ws.resolve("lean-toolchain"))).isEqualTo("leanprover/lean4:v4.9.0\n");
    assertThat(Files.readString(ws.resolve("lakefile.toml"))).contains("rev = \"v4.9.0\"");
  }

  @Test
  void setup_offline_saysSoAndWhatToDo() {
    env.put("FAKE_LAKE_OFFLINE", "1");

    CliRun run = CliRun.of(env, "setup", "--workspace", dir.resolve("ws").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("lake exe cache get failed").contains("no network access").contains("LEANPROVE_WORKSPACE");
  }

  @Test
  void setup_buildFails_reportsTheBuildOutput() {
    env.put("FAKE_LAKE_BUILD_FAIL", "1");

    CliRun run = CliRun.of(env, "setup", "--workspace", dir.resolve("ws").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("lake build failed").contains("build failed");
  }

  @Test
  void setup_noToolchainWithoutConsent_asksForInstallElan() {
    Map<String, String> bare = new HashMap<>();
    bare.put("PATH", "/usr/bin:/bin");
    bare.put("HOME", dir.toString());

    CliRun run = CliRun.of(bare, "setup", "--workspace", dir.resolve("ws").toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ENVIRONMENT);
    assertThat(run.err()).contains("--install-elan");
    assertThat(dir.resolve("ws/lakefile.toml")).exists();
  }

  @Test
  void setup_badVersion_exitsTwo() {
    CliRun run = CliRun.of(env, "setup", "--workspace", dir.resolve("ws").toString(), "--mathlib", "v4;rm -rf /");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
  }
}
