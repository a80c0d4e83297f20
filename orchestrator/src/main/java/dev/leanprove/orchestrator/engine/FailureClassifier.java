package dev.leanprove.orchestrator.engine;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * Turns what a model server answered, or how the connection failed, into one
 * {@link EngineException}, at the moment it happens.
 *
 * <p>Error bodies come in several shapes, all read here: vLLM and SGLang's
 * {@code {"object":"error","message":…,"type":…,"code":…}}, newer vLLM's and OpenAI's
 * {@code {"error":{"message":…,"type":…,"code":…}}}, Xinference's (FastAPI)
 * {@code {"detail": …}}, and Ollama's (and vLLM's API-key middleware's) {@code {"error": "…"}};
 * anything else is kept as plain text. A prompt over the model's context comes back as a 400 from
 * vLLM and SGLang and wrapped in a 500 by Xinference; the message is the only thing that tells it
 * apart, so the known wordings are matched once, here, and it becomes {@code CONTEXT_LENGTH},
 * which no retry can fix.
 */
final class FailureClassifier {

  private static final int MAX_MESSAGE_CHARS = 600;

  /** Lower-cased phrases vLLM, SGLang and OpenAI use for "prompt plus completion is too long". */
  private static final List<String> CONTEXT_LENGTH_PHRASES = List.of(
      "maximum context length",
      "longer than the model's context length",
      "exceeds the model's context length",
      "context length exceeded",
      "context_length_exceeded",
      "please reduce the length of the messages");

  private FailureClassifier() {}

  /** The failure for a non-2xx answer. */
  static EngineException fromResponse(String endpoint, int status, String retryAfter, String body, Clock clock) {
    String message = errorMessage(body);
    String described = endpoint + " answered " + status + ": " + message;
    EngineException.Kind kind = kindOf(status, message);
    long wait = kind == EngineException.Kind.RATE_LIMITED || kind == EngineException.Kind.UNAVAILABLE
        ? RetryAfter.millis(retryAfter, clock)
        : RetryAfter.ABSENT;
    return new EngineException(kind, status, wait, described, null);
  }

  /** A 2xx answer whose body is not what the protocol promises. */
  static EngineException malformed(String endpoint, int status, String why, Throwable cause) {
    return new EngineException(EngineException.Kind.MALFORMED_RESPONSE, status, RetryAfter.ABSENT,
        endpoint + " sent a malformed response: " + why, cause);
  }

  /** The failure for anything that went wrong without an HTTP answer to read. */
  static EngineException fromThrowable(String endpoint, Throwable failure) {
    if (failure instanceof EngineException) {
      return (EngineException) failure;
    }
    if (failure instanceof OpenCircuitException) {
      return new EngineException(EngineException.Kind.CIRCUIT_OPEN, 0, RetryAfter.ABSENT,
          "circuit open for " + endpoint + ": too many recent failures", failure);
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof TimeoutException) {
        return new EngineException(EngineException.Kind.TIMEOUT, 0, RetryAfter.ABSENT,
            endpoint + " timed out: " + cause.getMessage(), failure);
      }
      if (cause instanceof ConnectException
          || cause instanceof HttpClosedException
          || cause instanceof IOException) {
        return new EngineException(EngineException.Kind.CONNECTION, 0, RetryAfter.ABSENT,
            "connection to " + endpoint + " failed: " + cause, failure);
      }
      if (cause instanceof DecodeException) {
        return malformed(endpoint, 0, String.valueOf(cause.getMessage()), failure);
      }
    }
    return new EngineException(EngineException.Kind.UNAVAILABLE, 0, RetryAfter.ABSENT,
        "request to " + endpoint + " failed: " + failure, failure);
  }

  static EngineException.Kind kindOf(int status, String message) {
    if ((status == 400 || status >= 500) && isContextLengthMessage(message)) {
      return EngineException.Kind.CONTEXT_LENGTH;
    }
    if (status == 401 || status == 403) {
      return EngineException.Kind.UNAUTHORIZED;
    }
    if (status == 404) {
      return EngineException.Kind.NOT_FOUND;
    }
    if (status == 408) {
      return EngineException.Kind.TIMEOUT;
    }
    if (status == 429) {
      return EngineException.Kind.RATE_LIMITED;
    }
    if (status >= 500) {
      return EngineException.Kind.UNAVAILABLE;
    }
    return EngineException.Kind.BAD_REQUEST;
  }

  static boolean isContextLengthMessage(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return CONTEXT_LENGTH_PHRASES.stream().anyMatch(lower::contains);
  }

  /** The human message inside an error body, whatever its shape; the raw text otherwise. */
  static String errorMessage(String body) {
    String trimmed = body == null ? "" : body.trim();
    if (trimmed.isEmpty()) {
      return "(empty body)";
    }
    try {
      JsonObject json = new JsonObject(trimmed);
      Object error = json.getValue("error");
      if (error instanceof JsonObject && ((JsonObject) error).getValue("message") != null) {
        return truncate(String.valueOf(((JsonObject) error).getValue("message")));
      }
      if (error instanceof String) {
        return truncate((String) error);
      }
      if (json.getValue("message") instanceof String) {
        return truncate(json.getString("message"));
      }
      Object detail = json.getValue("detail");
      if (detail instanceof String) {
        return truncate((String) detail);
      }
      if (detail instanceof JsonArray) {
        return truncate(validationMessages((JsonArray) detail));
      }
      if (detail != null) {
        return truncate(String.valueOf(detail));
      }
    } catch (DecodeException | ClassCastException notJsonObject) {
      // Plain text (Xinference's 500 handler, proxies): fall through and keep the text.
    }
    return truncate(trimmed);
  }

  /** FastAPI's 422 detail: a list of {loc, msg, type}. */
  private static String validationMessages(JsonArray detail) {
    List<String> parts = new ArrayList<>();
    for (Object item : detail) {
      if (item instanceof JsonObject && ((JsonObject) item).getValue("msg") != null) {
        JsonObject entry = (JsonObject) item;
        Object location = entry.getValue("loc");
        parts.add((location == null ? "" : location + ": ") + entry.getValue("msg"));
      } else {
        parts.add(String.valueOf(item));
      }
    }
    return String.join("; ", parts);
  }

  private static String truncate(String text) {
    return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
  }
}
