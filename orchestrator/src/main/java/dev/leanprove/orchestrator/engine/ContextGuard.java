package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import java.util.List;

/**
 * Refuses, before anything is sent, a request whose prompt plus {@code max_tokens} cannot fit the
 * model's context, or shrinks {@code max_tokens} to fit when the config allows.
 *
 * <p>The prompt is counted with a deliberately pessimistic rule, since no tokenizer runs here: the
 * text as it will be sent (chat template included), one token per three ASCII characters plus one
 * token per other code point ({@code ℝ}, {@code ≤}, subscripts and the template's special tokens
 * cost at least that much in the DeepSeek-V3 vocabulary), plus four tokens per message for
 * role markers. It overestimates typical Lean and English (about 3.5–4 characters per token), so
 * a refused prompt may in fact have fitted by a little; the server stays the authority for
 * everything let through, and its own refusal also arrives as {@code CONTEXT_LENGTH}.
 */
public final class ContextGuard implements Engine {

  static final int TOKENS_PER_MESSAGE = 4;

  private final Engine delegate;
  private final int contextLength;
  private final boolean clampMaxTokens;

  /**
   * @param contextLength the model's context in tokens; 0 turns the guard off
   * @param clampMaxTokens shrink {@code max_tokens} to what is left instead of refusing
   */
  public ContextGuard(Engine delegate, int contextLength, boolean clampMaxTokens) {
    if (contextLength < 0) {
      throw new IllegalArgumentException("contextLength must not be negative: " + contextLength);
    }
    this.delegate = delegate;
    this.contextLength = contextLength;
    this.clampMaxTokens = clampMaxTokens;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    return sample(prompt, params, Deadline.none());
  }

  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params, Deadline deadline) {
    if (contextLength == 0) {
      return delegate.sample(prompt, params, deadline);
    }
    int promptTokens = estimatePromptTokens(prompt);
    int room = contextLength - promptTokens;
    if (params.maxTokens() <= room) {
      return delegate.sample(prompt, params, deadline);
    }
    if (clampMaxTokens && room >= 1) {
      return delegate.sample(prompt, new SamplingParams(params.n(), params.temperature(), params.topP(), room,
          params.seed(), params.stop()), deadline);
    }
    return Future.failedFuture(new EngineException(EngineException.Kind.CONTEXT_LENGTH, 0, RetryAfter.ABSENT,
        "prompt of about " + promptTokens + " tokens (estimated) plus max_tokens " + params.maxTokens()
            + " exceeds the model's context of " + contextLength + " tokens; not sent",
        null));
  }

  /** The pessimistic token count of the prompt as it will be sent. */
  public static int estimatePromptTokens(Prompt prompt) {
    String text = ChatTemplate.render(prompt);
    long ascii = text.chars().filter(c -> c < 128).count();
    long other = text.codePoints().filter(c -> c >= 128).count();
    long tokens = (ascii + 2) / 3 + other + (long) TOKENS_PER_MESSAGE * prompt.messages().size();
    return (int) Math.min(Integer.MAX_VALUE, tokens);
  }
}
