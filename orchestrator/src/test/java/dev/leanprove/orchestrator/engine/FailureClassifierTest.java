package dev.leanprove.orchestrator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.json.JsonObject;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

final class FailureClassifierTest {

  private static final Clock NOON = Clock.fixed(Instant.parse("2025-05-01T12:00:00Z"), ZoneOffset.UTC);
  private static final String ENDPOINT = "http://127.0.0.1:8000";

  private static EngineException answer(int status, String retryAfter, String body) {
    return FailureClassifier.fromResponse(ENDPOINT, status, retryAfter, body, NOON);
  }

  @Test
  void errorMessage_vllmObjectErrorShape_readsMessage() {
    String body = "{\"object\":\"error\",\"message\":\"best_of must be 1\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}";

    assertThat(FailureClassifier.errorMessage(body)).isEqualTo("best_of must be 1");
  }

  @Test
  void errorMessage_nestedErrorShape_readsMessage() {
    String body = "{\"error\":{\"message\":\"The model `x` does not exist.\",\"type\":\"NotFoundError\",\"param\":\"model\",\"code\":404}}";

    assertThat(FailureClassifier.errorMessage(body)).isEqualTo("The model `x` does not exist.");
  }

  @Test
  void errorMessage_xinferenceDetail_readsDetail() {
    assertThat(FailureClassifier.errorMessage("{\"detail\":\"Model not found in the model list, uid: p\"}"))
        .isEqualTo("Model not found in the model list, uid: p");
  }

  @Test
  void errorMessage_fastApiValidationDetail_joinsLocationsAndMessages() {
    String body = "{\"detail\":[{\"loc\":[\"body\",\"max_tokens\"],\"msg\":\"value is not a valid integer\",\"type\":\"type_error.integer\"}]}";

    assertThat(FailureClassifier.errorMessage(body)).contains("max_tokens").contains("value is not a valid integer");
  }

  @Test
  void errorMessage_ollamaErrorString_readsIt() {
    assertThat(FailureClassifier.errorMessage("{\"error\":\"model \\\"q\\\" not found, try pulling it first\"}"))
        .isEqualTo("model \"q\" not found, try pulling it first");
  }

  @Test
  void errorMessage_plainText_keepsTheText() {
    assertThat(FailureClassifier.errorMessage("Internal Server Error: CUDA out of memory"))
        .isEqualTo("Internal Server Error: CUDA out of memory");
    assertThat(FailureClassifier.errorMessage("")).isEqualTo("(empty body)");
    assertThat(FailureClassifier.errorMessage("[1,2]")).isEqualTo("[1,2]");
  }

  @Test
  void fromResponse_statuses_mapToKinds() {
    assertThat(answer(400, null, "{}").kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(answer(422, null, "{}").kind()).isEqualTo(EngineException.Kind.BAD_REQUEST);
    assertThat(answer(401, null, "{}").kind()).isEqualTo(EngineException.Kind.UNAUTHORIZED);
    assertThat(answer(403, null, "{}").kind()).isEqualTo(EngineException.Kind.UNAUTHORIZED);
    assertThat(answer(404, null, "{}").kind()).isEqualTo(EngineException.Kind.NOT_FOUND);
    assertThat(answer(429, null, "{}").kind()).isEqualTo(EngineException.Kind.RATE_LIMITED);
    for (int status : new int[] {500, 502, 503, 504}) {
      assertThat(answer(status, null, "{}").kind()).as("status %d", status).isEqualTo(EngineException.Kind.UNAVAILABLE);
    }
  }

  @Test
  void fromResponse_contextLengthWordings_mapToContextLength() {
    String[] wordings = {
      "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens (8000 in the messages, 32000 in the completion). Please reduce the length of the messages or completion.",
      "'max_tokens' or 'max_completion_tokens' is too large: 8000. This model's maximum context length is 4096 tokens and your request has 2778 input tokens (8000 > 4096 - 2778).",
      "The input (150000 tokens) is longer than the model's context length (131072 tokens).",
    };
    for (String wording : wordings) {
      String body = new JsonObject().put("object", "error").put("message", wording).put("code", 400).encode();
      assertThat(answer(400, null, body).kind()).as(wording).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    }
  }

  @Test
  void fromResponse_contextLengthWrappedInXinference500_mapsToContextLength() {
    String body = "{\"detail\":\"[address=127.0.0.1:40000] This model's maximum context length is 32768 tokens. However, you requested 33000 tokens.\"}";

    EngineException error = answer(500, null, body);

    assertThat(error.kind()).isEqualTo(EngineException.Kind.CONTEXT_LENGTH);
    assertThat(error.kind().isRetryable()).isFalse();
  }

  @Test
  void fromResponse_retryAfterSeconds_isKeptInMillis() {
    assertThat(answer(429, "7", "{}").retryAfterMillis()).hasValue(7000);
    assertThat(answer(503, "0", "{}").retryAfterMillis()).hasValue(0);
  }

  @Test
  void fromResponse_retryAfterHttpDate_isTheTimeUntilThen() {
    assertThat(answer(429, "Thu, 01 May 2025 12:00:30 GMT", "{}").retryAfterMillis()).hasValue(30_000);
    assertThat(answer(429, "Thu, 01 May 2025 11:00:00 GMT", "{}").retryAfterMillis()).hasValue(0);
  }

  @Test
  void fromResponse_retryAfterGarbageOrOnClientError_isAbsent() {
    assertThat(answer(429, "soon", "{}").retryAfterMillis()).isEmpty();
    assertThat(answer(429, null, "{}").retryAfterMillis()).isEmpty();
    assertThat(answer(400, "5", "{}").retryAfterMillis()).isEmpty();
  }

  @Test
  void fromThrowable_connectionProblems_mapToConnection() {
    assertThat(FailureClassifier.fromThrowable(ENDPOINT, new ConnectException("Connection refused")).kind())
        .isEqualTo(EngineException.Kind.CONNECTION);
    assertThat(FailureClassifier.fromThrowable(ENDPOINT, new HttpClosedException("closed")).kind())
        .isEqualTo(EngineException.Kind.CONNECTION);
  }

  @Test
  void fromThrowable_timeoutAndOpenCircuit_mapToTheirKinds() {
    assertThat(FailureClassifier.fromThrowable(ENDPOINT, new TimeoutException("idle")).kind())
        .isEqualTo(EngineException.Kind.TIMEOUT);
    assertThat(FailureClassifier.fromThrowable(ENDPOINT, OpenCircuitException.INSTANCE).kind())
        .isEqualTo(EngineException.Kind.CIRCUIT_OPEN);
  }

  @Test
  void fromThrowable_engineException_isReturnedAsIs() {
    EngineException original = new EngineException(EngineException.Kind.NOT_FOUND, "gone");

    assertThat(FailureClassifier.fromThrowable(ENDPOINT, original)).isSameAs(original);
  }
}
