package dev.leanprove.orchestrator.batch;

import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.OptionalLong;

/** Log records for tests, with only what a test cares about spelled out. */
final class Records {

  static final RunSettings MODEL_RUN =
      new RunSettings("openai", "deepseek-ai/DeepSeek-Prover-V2-7B", "4.24.0", 4, 16384, "cot repair=2 depth=2", true, false, OptionalLong.empty());

  private Records() {}

  static AttemptRecord attempt(String problem, int sample, ReasonCode verdict) {
    return new AttemptRecord(problem, problem, sample, sample == 0 ? OptionalLong.empty() : OptionalLong.of(41 + sample),
        sample == 0 ? "portfolio" : "whole-proof", sample == 0 ? "portfolio" : "openai", sample == 0 ? "" : MODEL_RUN.model(),
        "4.24.0", sample == 0 ? "" : "deepseek-v2-cot", verdict, verdict == ReasonCode.PROVED ? "" : "7:79: unsolved goals",
        "by\n  nlinarith [sq_nonneg (a - b)]", "", 100, sample == 0 ? 0 : 250, 1200, 300, false, "2025-01-01T00:00:00Z",
        sample == 0 ? "" : "```lean4\n...\n```");
  }

  static RunRecord run(RunSettings settings) {
    return new RunRecord("2025-01-01T00:00:00Z", settings, false);
  }

  static Problem problem(String name) {
    return Problem.of(name, "valid", name + ".lean", "theorem " + name + " : True := by\n  sorry\n");
  }

  static ProblemRecord proved(String name) {
    return ProblemRecord.proved(problem(name), "proved by whole-proof", 2000);
  }

  static ProblemRecord notProved(String name, ReasonCode code) {
    return ProblemRecord.notProved(problem(name), code, "not proved", 3000);
  }
}
