package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class LeanCharsTest {

  @Test
  void isIdRest_lettersDigitsPrimesSubscriptsAndLetterLike_continueAName() {
    for (int cp : "aZ_09'!?₁ₐᵢαℝ𝕜ü".codePoints().toArray()) {
      assertThat(LeanChars.isIdRest(cp)).as("%s", Character.toString(cp)).isTrue();
    }
  }

  @Test
  void isIdRest_bindersModifierLettersAndPunctuation_endAName() {
    for (int cp : "λΠΣᶜᵀ .«»()[]:=,²\n".codePoints().toArray()) {
      assertThat(LeanChars.isIdRest(cp)).as("%s", Character.toString(cp)).isFalse();
    }
  }
}
