package dev.leanprove.leanbridge.toolchain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LeanVersionTest {

  @Test
  void fromVersionOutput_leanReleaseLine_readsNumber() {
    assertThat(LeanVersion.fromVersionOutput("Lean (version 4.11.0, Release)"))
        .contains(new LeanVersion(4, 11, 0, ""));
  }

  @Test
  void fromVersionOutput_leanLineWithPlatformAndCommit_readsNumber() {
    String out = "Lean (version 4.24.0, x86_64-unknown-linux-gnu, commit 3f2b6ab1a8d4c0bb0b3a2ec11d1f0f6c4a6e7d01, Release)\n";
    assertThat(LeanVersion.fromVersionOutput(out)).contains(new LeanVersion(4, 24, 0, ""));
  }

  @Test
  void fromVersionOutput_lakeLine_readsLeanNotLakeVersion() {
    assertThat(LeanVersion.fromVersionOutput("Lake version 5.0.0-src+abc123 (Lean version 4.9.0-rc1)"))
        .contains(new LeanVersion(4, 9, 0, "rc1"));
  }

  @Test
  void fromVersionOutput_unrelatedText_isEmpty() {
    assertThat(LeanVersion.fromVersionOutput("error: no default toolchain configured")).isEmpty();
  }

  @Test
  void parse_toolchainId_readsVersion() {
    assertThat(LeanVersion.parse("leanprover/lean4:v4.24.0")).contains(new LeanVersion(4, 24, 0, ""));
    assertThat(LeanVersion.parse("4.9.0")).contains(new LeanVersion(4, 9, 0, ""));
    assertThat(LeanVersion.parse("nightly")).isEmpty();
  }

  @Test
  void compareTo_releaseCandidate_comesBeforeRelease() {
    LeanVersion rc = LeanVersion.parse("4.9.0-rc1").orElseThrow();
    LeanVersion release = LeanVersion.parse("4.9.0").orElseThrow();
    assertThat(rc).isLessThan(release);
    assertThat(release).isLessThan(LeanVersion.parse("4.10.0").orElseThrow());
    assertThat(LeanVersion.parse("4.7.0").orElseThrow().atLeast(LeanVersion.JSON_OUTPUT)).isFalse();
    assertThat(release.atLeast(LeanVersion.JSON_OUTPUT)).isTrue();
  }
}
