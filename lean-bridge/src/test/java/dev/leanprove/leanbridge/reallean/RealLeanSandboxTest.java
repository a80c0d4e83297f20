package dev.leanprove.leanbridge.reallean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.process.LeanInvocation;
import dev.leanprove.leanbridge.process.LeanRun;
import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxMounts;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.process.SandboxUnavailableException;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.toolchain.LeanEnvironment;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.Workspace;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real Lean with Mathlib inside bubblewrap: it still checks (the read-only workspace and toolchain
 * are enough for {@code lake env lean}), and code a file runs cannot write the workspace or read
 * {@code /etc/passwd}.
 */
@Tag("real-lean")
final class RealLeanSandboxTest {

  static LeanBridge bridge;

  @BeforeAll
  static void start() {
    Map<String, String> env = System.getenv();
    String problem = Sandbox.detect(env).problem();
    if (!problem.isEmpty()) {
      skip(problem);
    }
    try {
      Optional<Path> lake = ToolchainLocator.findLake(env);
      if (lake.isEmpty()) {
        skip("no `lake` on PATH, in ~/.elan/bin or in LEANPROVE_LAKE");
      }
      if (Files.exists(lake.get().toAbsolutePath().getParent().resolveSibling("fake_lean.py"))) {
        skip("the `lake` found is leanprove's stand-in (" + lake.get() + "), not real Lean");
      }
      bridge = LeanBridge.start(env, WorkspaceLayout.defaultDir(env), VerifierConfig.DEFAULT, 1,
          SandboxPolicy.fromEnvironment(SandboxMode.REQUIRED, env));
    } catch (ToolchainMissingException | SandboxUnavailableException e) {
      skip(e.getMessage());
    }
  }

  private static void skip(String reason) {
    String message = "real-lean sandbox tests skipped: " + reason;
    System.out.println(message);
    Assumptions.abort(message);
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  @Test
  void check_sandboxed_importsMathlibAndReportsSorry() throws Exception {
    String text = RealLeanTest.HEADER + "theorem t (b : ℕ) (h : b = 4) : b + 1 = 5 := by\n  sorry\n";

    FileReport report = bridge.verifier().check(LeanSource.parse(text)).get(10, TimeUnit.MINUTES);

    assertThat(bridge.sandboxed()).isTrue();
    assertThat(report.status()).as(report.detail()).isEqualTo(ReasonCode.SORRY);
  }

  @Test
  void run_evalWritingWorkspaceAndReadingPasswd_isContained() throws Exception {
    Workspace workspace = bridge.workspace();
    Path escaped = workspace.dir().resolve("escaped-" + UUID.randomUUID() + ".txt");
    // Straight to the runner: the verifier's screen would refuse #eval before Lean ever ran it.
    Path file = workspace.writeCheckFile("#eval IO.FS.writeFile \"" + escaped + "\" \"x\"\n"
        + "#eval IO.FS.readFile \"/etc/passwd\"\n");
    try {
      Path lake = bridge.toolchain().lake();
      LeanRun run = bridge.runner().run(new LeanInvocation(
          List.of(lake.toString(), "env", "lean", workspace.dir().relativize(file).toString()), workspace.dir(),
          LeanEnvironment.from(System.getenv()).forLake(lake), Duration.ofMinutes(5), 0, "",
          SandboxMounts.writable(file.getParent()))).get(10, TimeUnit.MINUTES);

      assertThat(escaped).doesNotExist();
      assertThat(run.stdout()).doesNotContain("root:x:0");
      assertThat(run.exitCode()).as(run.stdout()).isNotZero();
    } finally {
      Workspace.deleteScratch(file.getParent());
      Files.deleteIfExists(escaped);
    }
  }
}
