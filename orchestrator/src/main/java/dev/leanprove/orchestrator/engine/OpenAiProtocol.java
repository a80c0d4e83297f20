package dev.leanprove.orchestrator.engine;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The OpenAI-compatible wire format as vLLM, SGLang and Xinference speak it: request bodies for
 * {@code /v1/completions} and {@code /v1/chat/completions}, and the completions in the answers.
 */
final class OpenAiProtocol {

  static final String COMPLETIONS_PATH = "/v1/completions";
  static final String CHAT_PATH = "/v1/chat/completions";

  private OpenAiProtocol() {}

  /** Raw prompts have no chat form, so they always go to plain completions. */
  static ApiMode effectiveMode(ApiMode mode, Prompt prompt) {
    return prompt.raw() ? ApiMode.COMPLETIONS : mode;
  }

  static String path(ApiMode mode) {
    return mode == ApiMode.CHAT ? CHAT_PATH : COMPLETIONS_PATH;
  }

  /**
   * The request body.
   *
   * @param n how many samples to ask for, or empty to leave {@code n} out (Xinference ignores it)
   * @param seed the seed for this request, which may differ from {@code params.seed()} in fan-out
   * @param suppressServerBos send vLLM's {@code add_special_tokens: false} with a templated
   *     prompt, since the template's text already holds the one BOS; servers that do not know the
   *     field should not get it
   */
  static JsonObject body(ApiMode mode, String model, Prompt prompt, SamplingParams params, OptionalLong n,
      OptionalLong seed, boolean suppressServerBos) {
    JsonObject body = new JsonObject();
    if (!model.isEmpty()) {
      body.put("model", model);
    }
    if (mode == ApiMode.CHAT) {
      JsonArray messages = new JsonArray();
      for (ChatMessage message : prompt.messages()) {
        messages.add(new JsonObject()
            .put("role", message.role().name().toLowerCase(Locale.ROOT))
            .put("content", message.content()));
      }
      body.put("messages", messages);
    } else {
      body.put("prompt", ChatTemplate.render(prompt));
      if (!prompt.raw() && suppressServerBos) {
        body.put("add_special_tokens", false);
      }
    }
    n.ifPresent(count -> body.put("n", count));
    body.put("temperature", params.temperature())
        .put("top_p", params.topP())
        .put("max_tokens", params.maxTokens())
        .put("stream", false);
    seed.ifPresent(value -> body.put("seed", value));
    if (!params.stop().isEmpty()) {
      body.put("stop", new JsonArray(new ArrayList<>(params.stop())));
    }
    return body;
  }

  /**
   * The completions in an answer, in choice order.
   *
   * <p>{@code usage} counts the whole request. With {@code n} choices the prompt was read once, so
   * each completion reports the prompt's size, and the completion tokens are split evenly (the
   * server does not say how many each choice used), so they still add up to the server's count.
   *
   * @throws IllegalArgumentException when the answer has no usable choices
   */
  static List<Completion> completions(ApiMode mode, JsonObject answer) {
    JsonArray choices = answer.getJsonArray("choices");
    if (choices == null || choices.isEmpty()) {
      throw new IllegalArgumentException("no choices in " + preview(answer));
    }
    List<JsonObject> ordered = new ArrayList<>();
    for (Object choice : choices) {
      if (!(choice instanceof JsonObject)) {
        throw new IllegalArgumentException("a choice is not an object: " + choice);
      }
      ordered.add((JsonObject) choice);
    }
    ordered.sort(Comparator.comparingInt(choice -> choice.getInteger("index", 0)));
    JsonObject usage = answer.getJsonObject("usage", new JsonObject());
    int promptTokens = usage.getInteger("prompt_tokens", 0);
    int completionTokens = usage.getInteger("completion_tokens", 0);
    List<Completion> result = new ArrayList<>(ordered.size());
    for (int i = 0; i < ordered.size(); i++) {
      JsonObject choice = ordered.get(i);
      int share = completionTokens / ordered.size() + (i < completionTokens % ordered.size() ? 1 : 0);
      result.add(new Completion(text(mode, choice), finishReason(choice), promptTokens, share));
    }
    return result;
  }

  private static String text(ApiMode mode, JsonObject choice) {
    if (mode == ApiMode.CHAT) {
      JsonObject message = choice.getJsonObject("message");
      if (message == null) {
        throw new IllegalArgumentException("a chat choice has no message: " + preview(choice));
      }
      String content = message.getString("content");
      return content == null ? "" : content;
    }
    String text = choice.getString("text");
    if (text == null) {
      throw new IllegalArgumentException("a completion choice has no text: " + preview(choice));
    }
    return text;
  }

  private static String finishReason(JsonObject choice) {
    String reason = choice.getString("finish_reason");
    return reason == null ? "unknown" : reason;
  }

  private static String preview(JsonObject json) {
    String text = json.encode();
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
