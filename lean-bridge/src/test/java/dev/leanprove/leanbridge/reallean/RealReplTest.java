package dev.leanprove.leanbridge.reallean;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.VerifierKind;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.toolchain.ToolchainLocator;
import dev.leanprove.leanbridge.toolchain.ToolchainMissingException;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import dev.leanprove.leanbridge.workspace.WorkspaceLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The warm first stage against the real leanprover-community/repl that `leanprove setup` built. */
@Tag("real-lean")
final class RealReplTest {

  static LeanBridge bridge;

  @BeforeAll
  static void start() {
    Map<String, String> env = System.getenv();
    try {
      Optional<Path> lake = new ToolchainLocator(env, null).findLake();
      if (lake.isEmpty()) {
        skip("no `lake` on PATH, in ~/.elan/bin or in LEANPROVE_LAKE");
      }
      if (Files.exists(lake.get().toAbsolutePath().getParent().resolveSibling("fake_lean.py"))) {
        skip("the `lake` found is leanprove's stand-in (" + lake.get() + "), not real Lean");
      }
      bridge = LeanBridge.start(env, WorkspaceLayout.defaultDir(env), VerifierConfig.DEFAULT, 1, VerifierKind.REPL);
    } catch (ToolchainMissingException e) {
      skip(e.getMessage());
    }
  }

  private static void skip(String reason) {
    String message = "real-lean REPL tests skipped: " + reason + " (run `./leanprove setup` to enable them)";
    System.out.println(message);
    Assumptions.abort(message);
  }

  @AfterAll
  static void stop() {
    if (bridge != null) {
      bridge.close();
    }
  }

  private static Verdict verify(String proof) throws Exception {
    String file = RealLeanTest.NT48;
    return bridge.verifier().verify(ProofCandidate.of(LeanSource.parse(file), "mathd_numbertheory_48", proof))
        .get(10, TimeUnit.MINUTES);
  }

  @Test
  void verify_deepSeekProofTwiceInTheRepl_isProvedBothTimes() throws Exception {
    String proof = "by\n  have h₂ : b = 4 := by\n    nlinarith [sq_nonneg (b : ℤ), h₀, h₁]\n  simp_all";
    assertThat(verify(proof).code()).isEqualTo(ReasonCode.PROVED);
    assertThat(verify(proof + "\n  -- again").code()).isEqualTo(ReasonCode.PROVED);
    assertThat(bridge.replPool().orElseThrow().stats().started()).isEqualTo(1);
  }

  @Test
  void verify_wrongProofInTheRepl_isLeanErrorAtTheFilesLine() throws Exception {
    Verdict v = verify("by\n  simp");
    assertThat(v.code()).isEqualTo(ReasonCode.LEAN_ERROR);
    assertThat(v.messages()).anySatisfy(m -> assertThat(m.pos().line()).isGreaterThanOrEqualTo(8));
  }
}
