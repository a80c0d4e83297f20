package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;

/** A source of proof candidates: a model server, or the model-free tactic portfolio. */
public interface Engine {

  /** The configured name shown in results and traces (e.g. {@code openai}, {@code portfolio}). */
  String name();

  /** Samples {@code params.n()} completions of the prompt; fails with {@link EngineException}. */
  Future<java.util.List<Completion>> sample(Prompt prompt, SamplingParams params);

  /**
   * Samples as {@link #sample(Prompt, SamplingParams)} for a caller that may give up: engines that
   * hold a server's resources abort their requests when {@code deadline} is abandoned. This default
   * ignores the deadline, which suits engines that hold nothing (the portfolio).
   */
  default Future<java.util.List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    return sample(prompt, params);
  }
}
