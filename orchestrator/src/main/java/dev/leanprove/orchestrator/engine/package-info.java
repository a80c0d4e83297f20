/**
 * Model engines: OpenAI-compatible servers, Xinference, Ollama and the model-free tactic
 * portfolio, with retries, a circuit breaker per endpoint and a context-length guard.
 */
@CheckReturnValue
package dev.leanprove.orchestrator.engine;

import com.google.errorprone.annotations.CheckReturnValue;
