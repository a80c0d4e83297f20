package dev.leanprove.orchestrator.standin;

import io.vertx.core.json.JsonObject;

/** A way for the stand-in model server to misbehave on one request. */
public sealed interface Fault permits Fault.Status, Fault.Malformed, Fault.Stall, Fault.Reset, Fault.Truncated,
    Fault.MidStreamError {

  /** Answers with this status, body and optional Retry-After header. */
  record Status(int status, String body, String retryAfter) implements Fault {}

  /** Answers 200 with a body that is not JSON (for Ollama: a stream line that is not JSON). */
  record Malformed() implements Fault {}

  /** Never finishes: a JSON route never answers; a stream sends {@code chunksFirst} pieces, then stalls. */
  record Stall(int chunksFirst) implements Fault {}

  /** Closes the connection without answering. */
  record Reset() implements Fault {}

  /** A stream that ends cleanly but never sends its {@code "done": true} object. */
  record Truncated() implements Fault {}

  /** A 200 stream that sends one piece and then an {@code {"error": …}} line, as Ollama does. */
  record MidStreamError(String message) implements Fault {}

  /** 429 with a Retry-After header (delay-seconds or an HTTP-date). */
  static Fault rateLimited(String retryAfter) {
    return new Status(429, openAiError("Too many requests, please retry later", "RateLimitError", 429), retryAfter);
  }

  /** 503 in vLLM's older error shape. */
  static Fault unavailable() {
    return new Status(503, new JsonObject().put("object", "error").put("message", "Service Unavailable")
        .put("type", "ServiceUnavailableError").putNull("param").put("code", 503).encode(), null);
  }

  /** 400 with vLLM's context-length wording, in its older {@code "object":"error"} shape. */
  static Fault contextLength(int maxModelLen, int promptTokens, int maxTokens) {
    String message = "This model's maximum context length is " + maxModelLen + " tokens. However, you requested "
        + (promptTokens + maxTokens) + " tokens (" + promptTokens + " in the messages, " + maxTokens
        + " in the completion). Please reduce the length of the messages or completion.";
    return new Status(400, new JsonObject().put("object", "error").put("message", message)
        .put("type", "BadRequestError").putNull("param").put("code", 400).encode(), null);
  }

  /** 400 in vLLM's newer {@code {"error": {...}}} shape. */
  static Fault badRequest(String message) {
    return new Status(400, openAiError(message, "BadRequestError", 400), null);
  }

  /** 401 as vLLM's API-key middleware answers it. */
  static Fault unauthorized() {
    return new Status(401, new JsonObject().put("error", "Unauthorized").encode(), null);
  }

  /** 404 for a model the server does not serve, vLLM's wording. */
  static Fault modelNotFound(String model) {
    return new Status(404, openAiError("The model `" + model + "` does not exist.", "NotFoundError", 404), null);
  }

  /** Xinference's FastAPI error: {@code {"detail": "…"}}. */
  static Fault xinferenceError(int status, String detail) {
    return new Status(status, new JsonObject().put("detail", detail).encode(), null);
  }

  /** Ollama's error: {@code {"error": "…"}}. */
  static Fault ollamaError(int status, String message) {
    return new Status(status, new JsonObject().put("error", message).encode(), null);
  }

  static Fault malformedJson() {
    return new Malformed();
  }

  static Fault stall() {
    return new Stall(0);
  }

  static Fault stallAfter(int chunks) {
    return new Stall(chunks);
  }

  static Fault reset() {
    return new Reset();
  }

  static Fault truncatedStream() {
    return new Truncated();
  }

  static Fault midStreamError(String message) {
    return new MidStreamError(message);
  }

  private static String openAiError(String message, String type, int code) {
    return new JsonObject().put("error", new JsonObject().put("message", message).put("type", type)
        .putNull("param").put("code", code)).encode();
  }
}
