package dev.leanprove.orchestrator.engine;

import java.util.List;

/** Prompts shaped like the real V2 ones, for engine tests. */
final class TestPrompts {

  static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\nopen BigOperators Real Nat Topology Rat\n\n";

  private TestPrompts() {}

  /** The theorem's statement as miniF2F writes it, proof still {@code sorry}. */
  static String statement(String theorem) {
    return "theorem " + theorem + " (a b : ℝ) (h₀ : 0 < a ∧ 0 < b) (h₁ : a + b = 2) :\n    a * b ≤ 1 := by\n  sorry";
  }

  /** A V2 non-CoT prompt for the theorem: one user turn with the code block. */
  static Prompt nonCot(String theorem) {
    return Prompt.chat("v2-noncot", List.of(ChatMessage.user(
        "Complete the following Lean 4 code:\n\n```lean4\n" + HEADER + statement(theorem) + "\n```")));
  }

  /** The proof a scripted model answers for the theorem. */
  static String answer(String theorem, String tactic) {
    return "Here is the proof:\n```lean4\n" + HEADER + "theorem " + theorem
        + " (a b : ℝ) (h₀ : 0 < a ∧ 0 < b) (h₁ : a + b = 2) :\n    a * b ≤ 1 := by\n  " + tactic + "\n```";
  }
}
