package dev.leanprove.leanbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.process.Sandbox;
import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.process.SandboxUnavailableException;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class LeanBridgeSandboxTest {

  @TempDir
  Path dir;

  StandInLean lean;
  LeanBridge bridge;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir.resolve("lean"), 1).accept("t", "trivial");
  }

  @AfterEach
  void tearDown() {
    if (bridge != null) {
      bridge.close();
    }
    lean.close();
  }

  private LeanBridge start(Map<String, String> env, SandboxMode mode) throws Exception {
    bridge = LeanBridge.start(env, lean.workspace().dir(), VerifierConfig.DEFAULT, 1,
        SandboxPolicy.fromEnvironment(mode, env));
    return bridge;
  }

  /** The stand-in's environment with a bwrap that fails as it does where user namespaces are forbidden. */
  private Map<String, String> withBrokenBwrap() throws Exception {
    Path fake = dir.resolve("bwrap");
    Files.writeString(fake, "#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
    Map<String, String> env = new HashMap<>(lean.systemEnv());
    env.put(Sandbox.BWRAP_VARIABLE, fake.toString());
    return env;
  }

  private FileReport check(String text) throws Exception {
    return bridge.verifier().check(LeanSource.parse(text)).get(30, TimeUnit.SECONDS);
  }

  @Test
  void start_sandboxRequiredButBwrapBroken_refusesNamingTheProblem() throws Exception {
    Map<String, String> env = withBrokenBwrap();

    assertThatThrownBy(() -> start(env, SandboxMode.REQUIRED))
        .isInstanceOf(SandboxUnavailableException.class)
        .hasMessageContaining("Permission denied");
  }

  @Test
  void start_sandboxPreferredButBwrapBroken_runsUnsandboxedAndSaysWhy() throws Exception {
    start(withBrokenBwrap(), SandboxMode.PREFERRED);

    assertThat(bridge.sandboxed()).isFalse();
    assertThat(bridge.sandboxProblem()).hasValueSatisfying(p -> assertThat(p).contains("Permission denied"));
    assertThat(check("theorem t : True := trivial\n").status()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void start_sandboxOff_runsUnsandboxedWithoutComplaint() throws Exception {
    start(withBrokenBwrap(), SandboxMode.OFF);

    assertThat(bridge.sandboxed()).isFalse();
    assertThat(bridge.sandboxProblem()).isEmpty();
  }

  @Test
  void check_sandboxedBridge_provesAndCannotWriteTheWorkspaceAndLeavesNoScratch() throws Exception {
    String problem = StandInLean.sandboxProblem();
    Assumptions.assumeTrue(problem.isEmpty(), () -> {
      System.out.println("sandboxed bridge test skipped: " + problem);
      return problem;
    });
    start(lean.systemEnv(), SandboxMode.REQUIRED);
    Path escaped = lean.workspace().dir().resolve("escaped.txt");

    FileReport report = check("theorem t : True := trivial\n-- FAKE_LEAN: escape-write " + escaped + "\n");

    assertThat(bridge.sandboxed()).isTrue();
    assertThat(report.status()).isEqualTo(ReasonCode.PROVED);
    assertThat(escaped).doesNotExist();
    try (Stream<Path> scratch = Files.list(lean.workspace().dir().resolve(".leanprove-checks"))) {
      assertThat(scratch).isEmpty();
    }
  }
}
