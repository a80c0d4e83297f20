package dev.leanprove.leanbridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.process.SandboxMode;
import dev.leanprove.leanbridge.process.SandboxPolicy;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge as {@code --verifier repl} starts it. */
final class LeanBridgeReplTest {

  @TempDir
  Path dir;

  StandInLean lean;
  LeanBridge bridge;

  @BeforeEach
  void setUp() throws Exception {
    lean = StandInLean.create(dir.resolve("lean"), 1).withRepl().accept("t", "trivial");
    bridge = LeanBridge.start(lean.systemEnv(), lean.workspace().dir(), VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(3)),
        1, SandboxPolicy.fromEnvironment(SandboxMode.PREFERRED, lean.systemEnv()), VerifierKind.REPL);
  }

  @AfterEach
  void tearDown() {
    bridge.close();
    lean.close();
  }

  @Test
  void verify_headerHangs_endsAtTheConfiguredTimeoutNotThePoolsTenMinutes() throws Exception {
    // A fresh process must import and check within --timeout; a REPL's header (the imports) is held to the same.
    LeanSource source = LeanSource.parse("import Mathlib\n-- FAKE_LEAN: hang\n\ntheorem t : True := by\n  sorry\n");

    // The wait only detects a hang; with the pool's own 10-minute header limit it would expire first.
    Verdict v = bridge.verifier().verify(ProofCandidate.of(source, "t", "by\n  trivial")).get(120, TimeUnit.SECONDS);

    assertThat(v.proved()).isFalse();
    assertThat(v.code().isInfrastructure()).as(v.toString()).isTrue();
    assertThat(v.detail()).as(v.toString()).containsIgnoringCase("header");
  }
}
