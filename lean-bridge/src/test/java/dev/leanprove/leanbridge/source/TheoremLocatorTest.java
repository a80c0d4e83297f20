package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leanprove.leanbridge.message.Position;
import org.junit.jupiter.api.Test;

final class TheoremLocatorTest {

  private static final String TEXT = "import Mathlib\n\n"
      + "theorem done (x : ℝ) : x ^ 2 ≥ 0 := by\n  -- sorry, no: \"sorry\"\n  positivity\n\n"
      + "theorem open₁ (h₁ : 𝕜 = 𝕜) : True := by\n  have : 1 = 1 := by sorry\n  trivial\n\n"
      + "theorem stated : sorry = sorry := rfl\n\n"
      + "example : True := by\n  sorry\n\n"
      + "lemma ax : True := sorryAx True\n";

  @Test
  void targets_onlyDeclarationsWithSorryInTheirProof() {
    LeanSource source = LeanSource.parse(TEXT);
    assertThat(TheoremLocator.targets(source)).extracting(Declaration::displayName)
        .containsExactly("open₁", "example@13");
  }

  @Test
  void targets_noDeclarations_empty() {
    assertThat(TheoremLocator.targets(LeanSource.parse("sorry\n-- sorry"))).isEmpty();
  }

  @Test
  void containing_positionInsideAProof_findsItsDeclaration() {
    LeanSource source = LeanSource.parse(TEXT);
    int sorry = TEXT.indexOf("by sorry") + 3;
    Position cursor = LeanText.positionAt(TEXT, sorry);
    assertThat(cursor).isEqualTo(new Position(8, 21));
    assertThat(TheoremLocator.containing(source, cursor)).map(Declaration::name).contains("open₁");
  }

  @Test
  void containing_unicodeColumnOnTheStatementLine_findsItsDeclaration() {
    LeanSource source = LeanSource.parse(TEXT);
    assertThat(TheoremLocator.containing(source, new Position(7, 24))).map(Declaration::name).contains("open₁");
  }

  @Test
  void containing_positionInHeaderOrBetweenDeclarations_empty() {
    LeanSource source = LeanSource.parse(TEXT);
    assertThat(TheoremLocator.containing(source, new Position(1, 3))).isEmpty();
    assertThat(TheoremLocator.containing(source, new Position(6, 0))).isEmpty();
    assertThat(TheoremLocator.containing(source, new Position(999, 0))).isEmpty();
  }

  @Test
  void locator_nullArguments_throw() {
    assertThatThrownBy(() -> TheoremLocator.targets(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> TheoremLocator.containing(LeanSource.parse(""), null))
        .isInstanceOf(NullPointerException.class);
  }
}
