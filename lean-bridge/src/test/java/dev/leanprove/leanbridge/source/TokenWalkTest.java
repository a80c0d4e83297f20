package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class TokenWalkTest {

  /** Each token as text@depth, with ^ when it is first on its line. */
  private static List<String> tokens(String code) {
    TokenWalk walk = new TokenWalk(code, 0);
    List<String> out = new ArrayList<>();
    while (walk.next()) {
      out.add((walk.firstOnLine() ? "^" : "") + code.substring(walk.start(), walk.end()) + "@" + walk.depth());
    }
    return out;
  }

  @Test
  void next_identifiersWholeAndBracketsCounted_layoutSkipped() {
    assertThat(tokens("f «a (b» (x.y\n  [z])")).containsExactly(
        "f@0", "«a (b»@0", "(@0", "x.y@1", "^[@1", "z@2", "]@2", ")@1");
  }

  @Test
  void closing_nestedAndUnclosed_findMatchOrNothing() {
    String code = "(a (b) «)» c) (d";

    assertThat(TokenWalk.closing(code, new IdentifierReader(code), 0)).isEqualTo(code.indexOf(" c)") + 2);
    assertThat(TokenWalk.closing(code, new IdentifierReader(code), code.lastIndexOf('('))).isEqualTo(-1);
  }

  @Test
  void skipTo_twoCharacterSymbol_continuesAfterIt() {
    String code = "a := b";
    TokenWalk walk = new TokenWalk(code, 0);
    List<String> seen = new ArrayList<>();
    while (walk.next()) {
      seen.add(code.substring(walk.start(), walk.end()));
      if (code.startsWith(":=", walk.start())) {
        walk.skipTo(walk.start() + 2);
      }
    }

    assertThat(seen).containsExactly("a", ":", "b");
  }

  @Test
  void next_boundedWalk_stopsAtItsEnd() {
    String code = "a b c";
    TokenWalk walk = new TokenWalk(code, new IdentifierReader(code), 1, 3);

    assertThat(walk.next()).isTrue();
    assertThat(walk.start()).isEqualTo(2);
    assertThat(walk.next()).isFalse();
  }
}
