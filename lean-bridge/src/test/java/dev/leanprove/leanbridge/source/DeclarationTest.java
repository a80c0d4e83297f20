package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class DeclarationTest {

  @Test
  void displayName_named_isTheName() {
    assertThat(new Declaration(DeclarationKind.LEMMA, "Foo.bar", 0, 0, 5, 9, "lemma Foo.bar", "rfl", 3).displayName())
        .isEqualTo("Foo.bar");
  }

  @Test
  void displayName_unnamed_isKeywordAtLine() {
    assertThat(new Declaration(DeclarationKind.EXAMPLE, "", 0, 0, 5, 9, "example", "rfl", 12).displayName())
        .isEqualTo("example@12");
    assertThat(new Declaration(DeclarationKind.EXAMPLE, "", 0, 0, 5, 9, "example", "rfl").displayName())
        .isEqualTo("example@0");
  }

  @Test
  void constructor_offsetsOutOfOrder_throw() {
    assertThatThrownBy(() -> new Declaration(DeclarationKind.THEOREM, "t", 5, 4, 6, 7, "s", "p"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5, 4, 6, 7");
    assertThatThrownBy(() -> new Declaration(DeclarationKind.THEOREM, "t", 0, 4, 9, 7, "s", "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Declaration(DeclarationKind.THEOREM, "t", -1, 4, 9, 10, "s", "p"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Declaration(DeclarationKind.THEOREM, "t", 0, 0, 0, 0, "s", "p", -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line");
  }

  @Test
  void constructor_nulls_throw() {
    assertThatThrownBy(() -> new Declaration(null, "t", 0, 0, 0, 0, "s", "p"))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
    assertThatThrownBy(() -> new Declaration(DeclarationKind.THEOREM, "t", 0, 0, 0, 0, "s", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("proof");
  }

  @Test
  void kind_keyword_isLeanSpelling() {
    assertThat(DeclarationKind.THEOREM.keyword()).isEqualTo("theorem");
    assertThat(DeclarationKind.ofKeyword("lemma")).isEqualTo(DeclarationKind.LEMMA);
    assertThatThrownBy(() -> DeclarationKind.ofKeyword("def")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void header_endMustMatchText() {
    assertThat(new Header("import Mathlib\n", 15).end()).isEqualTo(15);
    assertThatThrownBy(() -> new Header("import Mathlib\n", 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
