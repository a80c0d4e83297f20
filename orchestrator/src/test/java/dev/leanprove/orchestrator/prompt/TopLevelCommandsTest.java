package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class TopLevelCommandsTest {

  @Test
  void of_fileWithHeaderDocCommentsAndAttributes_splitsIntoCommands() {
    String code = "import Mathlib\nopen Real\n\n/-- doc\n\nmore -/\n@[simp]\nlemma a : True := by\n  trivial\n"
        + "-- a comment at column 0\n/- theorem commented_out : False := by\n-/\ntheorem b : True := trivial\n#print axioms b\n";

    TopLevelCommands parsed = TopLevelCommands.of(code);
    List<TopLevelCommands.Command> commands = parsed.commands();

    assertThat(commands).extracting(TopLevelCommands.Command::keyword)
        .containsExactly("import", "open", "lemma", "theorem", "#print");
    assertThat(commands).extracting(TopLevelCommands.Command::name)
        .containsExactly("Mathlib", "Real", "a", "b", "axioms");
    assertThat(parsed.text(commands.get(2))).startsWith("/-- doc").contains("@[simp]\nlemma a").endsWith("column 0\n/- theorem commented_out : False := by\n-/\n");
    assertThat(parsed.text(commands.get(0))).isEqualTo("import Mathlib\n");
  }

  @Test
  void strayText_tacticsAfterHeader_areKept() {
    TopLevelCommands parsed = TopLevelCommands.of("import Mathlib\nopen Real\n\n  simp\n  ring\n");

    assertThat(parsed.strayText()).isEqualTo("\n  simp\n  ring\n");
  }
}
