package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.toolchain.LeanVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A verifier's revision names what its verdicts depend on besides the checked text. */
final class VerifierRevisionTest {

  @TempDir
  Path dir;

  StandInLean lean;

  @BeforeEach
  void setUp() {
    lean = StandInLean.create(dir, 1);
  }

  @AfterEach
  void tearDown() {
    lean.close();
  }

  @Test
  void revision_sameWorkspaceToolchainAndRules_same() {
    assertThat(lean.verifier(VerifierConfig.DEFAULT).revision()).isEqualTo(lean.verifier(VerifierConfig.DEFAULT).revision())
        .hasSize(64);
  }

  @Test
  void revision_mathlibBumpedInTheManifest_differs() throws Exception {
    Path manifest = lean.workspace().dir().resolve("lake-manifest.json");
    Files.writeString(manifest, "{\"packages\": [{\"name\": \"mathlib\", \"rev\": \"aaaa\"}]}");
    String before = lean.verifier(VerifierConfig.DEFAULT).revision();

    Files.writeString(manifest, "{\"packages\": [{\"name\": \"mathlib\", \"rev\": \"bbbb\"}]}");

    assertThat(lean.verifier(VerifierConfig.DEFAULT).revision()).isNotEqualTo(before);
  }

  @Test
  void revision_otherLeanVersion_differs() {
    String v424 = lean.verifier(VerifierConfig.DEFAULT, lean.toolchain(new LeanVersion(4, 24, 0, ""))).revision();
    String v415 = lean.verifier(VerifierConfig.DEFAULT, lean.toolchain(new LeanVersion(4, 15, 0, ""))).revision();

    assertThat(v424).isNotEqualTo(v415);
  }

  @Test
  void revision_rulesThatChangeVerdicts_differ() {
    String standard = lean.verifier(VerifierConfig.DEFAULT).revision();

    assertThat(List.of(
        lean.verifier(VerifierConfig.DEFAULT.withTimeout(Duration.ofSeconds(7))).revision(),
        lean.verifier(VerifierConfig.DEFAULT.withRequireKernelReplay(true)).revision(),
        lean.verifier(withAllowed(Set.of("notation"))).revision()))
        .doesNotContain(standard)
        .doesNotHaveDuplicates();
  }

  @Test
  void revision_sameAllowedTokensInAnotherOrder_same() {
    Set<String> one = new LinkedHashSet<>(List.of("notation", "macro", "syntax"));
    Set<String> other = new LinkedHashSet<>(List.of("syntax", "notation", "macro"));

    assertThat(lean.verifier(withAllowed(one)).revision()).isEqualTo(lean.verifier(withAllowed(other)).revision());
  }

  private static VerifierConfig withAllowed(Set<String> tokens) {
    VerifierConfig d = VerifierConfig.DEFAULT;
    return new VerifierConfig(d.timeout(), d.memoryLimitBytes(), d.allowedAxioms(), d.allowNativeDecide(), tokens,
        d.maxSourceChars(), d.requireKernelReplay());
  }
}
