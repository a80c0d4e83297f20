package dev.leanprove.orchestrator.metrics;

import dev.leanprove.orchestrator.engine.Completion;
import dev.leanprove.orchestrator.engine.Deadline;
import dev.leanprove.orchestrator.engine.Engine;
import dev.leanprove.orchestrator.engine.Prompt;
import dev.leanprove.orchestrator.engine.SamplingParams;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/** An engine whose requests are timed and whose completion tokens are counted, labelled by endpoint. */
public final class MeteredEngine implements Engine {

  private final Engine inner;
  private final String endpoint;
  private final Metrics metrics;

  public MeteredEngine(Engine inner, String endpoint, Metrics metrics) {
    this.inner = inner;
    this.endpoint = endpoint;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  // Overridden so the caller's deadline reaches the engine that holds the connection.
  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    long start = System.nanoTime();
    return inner.sample(prompt, params, deadline)
        .onSuccess(completions -> metrics.modelAnswered(endpoint, Duration.ofNanos(System.nanoTime() - start),
            completions.stream().mapToLong(Completion::completionTokens).sum()))
        .onFailure(e -> metrics.modelFailed(endpoint));
  }
}
