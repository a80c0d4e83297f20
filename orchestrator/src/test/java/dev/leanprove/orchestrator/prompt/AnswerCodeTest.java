package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.source.TopLevelCommand;
import org.junit.jupiter.api.Test;

final class AnswerCodeTest {

  @Test
  void strayText_tacticsAfterHeader_areKept() {
    AnswerCode parsed = AnswerCode.of("import Mathlib\nopen Real\n\n  simp\n  ring\n");

    assertThat(parsed.strayText()).isEqualTo("\n  simp\n  ring\n");
  }

  @Test
  void of_headerCommands_endWithTheirLine() {
    String code = "import Mathlib\nopen Real\n  nlinarith\ntheorem t : True := trivial\n";

    AnswerCode parsed = AnswerCode.of(code);

    assertThat(parsed.commands()).extracting(TopLevelCommand::keyword).containsExactly("import", "open", "theorem");
    assertThat(parsed.text(parsed.commands().get(1))).isEqualTo("open Real\n");
    assertThat(parsed.strayText()).isEqualTo("  nlinarith\n");
  }

  @Test
  void of_moduleDoc_isStrayText() {
    AnswerCode parsed = AnswerCode.of("/-! The proof -/\n  simp\n");

    assertThat(parsed.commands()).isEmpty();
    assertThat(parsed.strayText()).isEqualTo("/-! The proof -/\n  simp\n");
  }

  @Test
  void declaration_theoremCommand_isItsDeclaration() {
    String code = "lemma a : True := trivial\n\n/-- doc -/\ntheorem b : 1 = 1 := rfl\n";

    AnswerCode parsed = AnswerCode.of(code);

    assertThat(parsed.declaration(parsed.commands().get(1)).name()).isEqualTo("b");
    assertThat(parsed.declaration(parsed.commands().get(1)).start()).isEqualTo(code.indexOf("/--"));
  }
}
