package dev.leanprove.orchestrator.api;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestUtils;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy in front of the API that validates every request and response passing through it
 * against the OpenAPI document, and records what it found. Where vertx-openapi 5.0 cannot read a
 * media type the validating copy of the document is adjusted, and nothing else: responses of
 * types it does not support (the event stream, the YAML document) are checked here for their
 * declared type, then validated for status and headers; raw {@code text/plain} request bodies,
 * which its schema validator cannot take, are marked {@code format: binary} (read, not analysed);
 * media-type parameters such as {@code charset} are dropped before a response is validated.
 */
final class ContractProxy {

  /** One request and its response, with what the contract says about each. */
  record Exchange(String method, String uri, String operationId, int status, Optional<String> requestViolation,
      Optional<String> responseViolation) {}

  final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  final OpenAPIContract contract;

  private final RequestValidator requests;
  private final ResponseValidator responses;
  private final Map<String, String> unvalidatedMediaTypes;
  private final HttpClient client;
  private final int target;
  private HttpServer server;

  private ContractProxy(Vertx vertx, OpenAPIContract contract, Map<String, String> unvalidatedMediaTypes, int target) {
    this.contract = contract;
    this.requests = RequestValidator.create(vertx, contract);
    this.responses = ResponseValidator.create(vertx, contract);
    this.unvalidatedMediaTypes = unvalidatedMediaTypes;
    this.client = vertx.createHttpClient();
    this.target = target;
  }

  /** A proxy to the API on {@code target}, validating against {@code document} (the OpenAPI document as JSON). */
  static ContractProxy start(Vertx vertx, JsonObject document, int target) {
    Map<String, String> unvalidated = new HashMap<>();
    JsonObject validatable = withRawTextBodies(withoutUnsupportedMediaTypes(document.copy(), unvalidated));
    OpenAPIContract contract = OpenAPIContract.from(vertx, validatable).await();
    ContractProxy proxy = new ContractProxy(vertx, contract, unvalidated, target);
    proxy.server = vertx.createHttpServer().requestHandler(proxy::handle).listen(0, "127.0.0.1").await();
    return proxy;
  }

  int port() {
    return server.actualPort();
  }

  ResponseValidator responseValidator() {
    return responses;
  }

  // Keyed "operationId status"; the value is the declared media type the validator cannot read.
  private static JsonObject withoutUnsupportedMediaTypes(JsonObject document, Map<String, String> removed) {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        Object op = item.getValue(method);
        if (!(op instanceof JsonObject) || !((JsonObject) op).containsKey("responses")) {
          continue;
        }
        JsonObject operation = (JsonObject) op;
        JsonObject responses = operation.getJsonObject("responses");
        for (String status : responses.fieldNames()) {
          JsonObject content = responses.getJsonObject(status).getJsonObject("content");
          if (content == null) {
            continue;
          }
          for (String type : List.copyOf(content.fieldNames())) {
            if (!MediaType.isMediaTypeSupported(type)) {
              content.remove(type);
              removed.put(operation.getString("operationId") + " " + status, type);
            }
          }
          if (content.isEmpty()) {
            responses.getJsonObject(status).remove("content");
          }
        }
      }
    }
    return document;
  }

  private static JsonObject withRawTextBodies(JsonObject document) {
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        Object op = item.getValue(method);
        JsonObject body = op instanceof JsonObject ? ((JsonObject) op).getJsonObject("requestBody") : null;
        JsonObject text = body == null ? null : body.getJsonObject("content").getJsonObject("text/plain");
        if (text != null) {
          text.put("schema", new JsonObject().put("type", "string").put("format", "binary"));
        }
      }
    }
    return document;
  }

  private void handle(HttpServerRequest request) {
    Operation operation = contract.findOperation(request.path(), request.method());
    Flight flight = new Flight();
    request.body()
        .compose(body -> {
          flight.body = body;
          return checkRequest(request, operation, body);
        })
        .compose(violation -> {
          flight.requestViolation = violation;
          return forward(request, flight.body);
        })
        .compose(response -> {
          flight.response = response;
          return response.body();
        })
        .compose(body -> {
          flight.responseBody = body;
          return checkResponse(operation, flight.response, body);
        })
        .onSuccess(violation -> {
          exchanges.add(new Exchange(request.method().name(), request.uri(), operation == null ? "?" : operation.getOperationId(),
              flight.response.statusCode(), flight.requestViolation, violation));
          reply(request, flight.response, flight.responseBody);
        })
        .onFailure(e -> request.response().setStatusCode(502).end("proxy failure: " + e));
  }

  /** What one exchange has gathered so far. */
  private static final class Flight {
    Buffer body;
    Optional<String> requestViolation;
    HttpClientResponse response;
    Buffer responseBody;
  }

  private Future<Optional<String>> checkRequest(HttpServerRequest request, Operation operation, Buffer body) {
    if (operation == null) {
      return Future.succeededFuture(Optional.of("no operation for " + request.method() + " " + request.path()));
    }
    return RequestUtils.extract(request, operation, () -> Future.succeededFuture(body))
        .compose(validatable -> requests.validate(validatable, operation.getOperationId()))
        .map(ok -> Optional.<String>empty())
        .recover(e -> Future.succeededFuture(Optional.of(e.getMessage())));
  }

  private Future<HttpClientResponse> forward(HttpServerRequest request, Buffer body) {
    return client.request(request.method(), target, "127.0.0.1", request.uri()).compose(out -> {
      request.headers().forEach((name, value) -> {
        if (!name.equalsIgnoreCase("Host")) {
          out.putHeader(name, value);
        }
      });
      return out.send(body);
    });
  }

  private Future<Optional<String>> checkResponse(Operation operation, HttpClientResponse response, Buffer body) {
    if (operation == null) {
      return Future.succeededFuture(Optional.of("undocumented route"));
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    response.headers().forEach(headers::put);
    String contentType = bareType(response.getHeader("Content-Type"));
    String declared = unvalidatedMediaTypes.get(operation.getOperationId() + " " + response.statusCode());
    ValidatableResponse validatable;
    if (declared != null) {
      if (contentType == null || !contentType.startsWith(declared)) {
        return Future.succeededFuture(Optional.of("Content-Type " + contentType + " is not the declared " + declared));
      }
      validatable = ValidatableResponse.create(response.statusCode(), headers);
    } else if (body.length() == 0) {
      validatable = ValidatableResponse.create(response.statusCode(), headers);
    } else {
      validatable = ValidatableResponse.create(response.statusCode(), headers, body, contentType);
    }
    return responses.validate(validatable, operation.getOperationId())
        .map(ok -> Optional.<String>empty())
        .recover(e -> Future.succeededFuture(Optional.of(e.getMessage())));
  }

  private static String bareType(String contentType) {
    return contentType == null ? null : contentType.split(";")[0].trim();
  }

  private static void reply(HttpServerRequest request, HttpClientResponse response, Buffer body) {
    MultiMap headers = request.response().headers();
    response.headers().forEach((name, value) -> {
      if (!name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
        headers.add(name, value);
      }
    });
    request.response().setStatusCode(response.statusCode()).end(body);
  }

  /** The operation ids the document declares. */
  List<String> operationIds() {
    JsonArray ids = new JsonArray();
    contract.operations().forEach(o -> ids.add(o.getOperationId()));
    return ids.stream().map(Object::toString).toList();
  }

  Future<Void> close() {
    return server.close().compose(v -> client.close());
  }
}
