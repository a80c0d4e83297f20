package dev.leanprove.orchestrator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ProofEditTest {

  @Test
  void between_sorryReplaced_coversExactlyTheSorry() {
    String before = "theorem t : 1 = 1 := by\n  sorry\n";
    String after = "theorem t : 1 = 1 := by\n  rfl\n";

    ProofEdit edit = ProofEdit.between(before, after).orElseThrow();

    assertThat(before.substring(edit.start(), edit.end())).isEqualTo("sorry");
    assertThat(edit.newText()).isEqualTo("rfl");
    assertThat(edit.applyTo(before)).isEqualTo(after);
  }

  @Test
  void between_auxiliaryLemmaInserted_appliesToTheProvedFile() {
    String before = "import Mathlib\n\ntheorem t : 1 = 1 := by\n  sorry\n";
    String after = "import Mathlib\n\nlemma aux : 1 = 1 := rfl\n\ntheorem t : 1 = 1 := by\n  exact aux\n";

    ProofEdit edit = ProofEdit.between(before, after).orElseThrow();

    assertThat(edit.applyTo(before)).isEqualTo(after);
  }

  @Test
  void between_equalTexts_isEmpty() {
    assertThat(ProofEdit.between("same", "same")).isEmpty();
  }

  @Test
  void between_differenceInsideASurrogatePair_neverSplitsIt() {
    // U+1D55C and U+1D55D share their high surrogate and differ in the low one.
    String before = "x \uD835\uDD5C y";
    String after = "x \uD835\uDD5D y";

    ProofEdit edit = ProofEdit.between(before, after).orElseThrow();

    assertThat(edit.start()).isEqualTo(2);
    assertThat(edit.end()).isEqualTo(4);
    assertThat(edit.newText()).isEqualTo("\uD835\uDD5D");
    assertThat(edit.applyTo(before)).isEqualTo(after);
  }

  @Test
  void between_repeatedText_prefixAndSuffixDoNotOverlap() {
    String before = "aaa";
    String after = "aaaa";

    ProofEdit edit = ProofEdit.between(before, after).orElseThrow();

    assertThat(edit.applyTo(before)).isEqualTo(after);
    assertThat(edit.end() - edit.start()).isZero();
  }

  @Test
  void applyTo_textShorterThanTheEdit_isRefused() {
    assertThatThrownBy(() -> new ProofEdit(2, 10, "x").applyTo("abc")).isInstanceOf(IllegalArgumentException.class);
  }
}
