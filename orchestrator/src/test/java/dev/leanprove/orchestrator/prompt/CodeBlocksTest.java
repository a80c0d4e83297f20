package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CodeBlocksTest {

  @Test
  void parse_labelsCaseAndIndentedClosingFence_areRecognised() {
    String output = "```Lean4 \na\n  ```\ntext\n```\nb\n```\n```lean\nc";

    assertThat(CodeBlocks.parse(output)).containsExactly(
        new CodeBlocks.Block("lean4", "a", true),
        new CodeBlocks.Block("", "b", true),
        new CodeBlocks.Block("lean", "c", false));
  }

  @Test
  void select_fenceWithoutNewline_findsNoBlock() {
    assertThat(CodeBlocks.select("answer: ```lean4")).isEmpty();
  }

  @Test
  void select_emptyLean4Block_isStillTheLastLean4Block() {
    assertThat(CodeBlocks.select("```lean4\ntheorem t : True := by\n  trivial\n```\n```lean4\n```")).contains("");
  }
}
