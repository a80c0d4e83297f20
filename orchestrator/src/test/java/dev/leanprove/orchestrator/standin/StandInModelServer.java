package dev.leanprove.orchestrator.standin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real HTTP server on a free local port that speaks the wire formats of the model servers
 * leanprove talks to, for tests: OpenAI-compatible ({@code /v1/completions},
 * {@code /v1/chat/completions}, {@code /v1/models}, {@code /health}, as vLLM and SGLang), Xinference
 * (launch, describe, list, terminate, and its OpenAI endpoints, which ignore {@code n}) and Ollama
 * ({@code /api/generate}, streamed as NDJSON).
 *
 * <p>Outputs are scripted: {@link #script} maps a key found in the prompt (a theorem name) to
 * outputs handed out in turn, round-robin. Every request is recorded for assertions, and faults
 * can be injected per route for a number of requests ({@link #inject}).
 */
public final class StandInModelServer {

  /** The model id the OpenAI-compatible side serves, as {@code vllm serve} would name it. */
  public static final String SERVED_MODEL = "deepseek-ai/DeepSeek-Prover-V2-7B";

  /** The served model's {@code max_model_len}. */
  public static final int SERVED_CONTEXT = 32768;

  /** The model tag the Ollama side knows. */
  public static final String OLLAMA_MODEL = "deepseek-prover-v2:7b";

  /** The routes faults can be injected on and requests are recorded for. */
  public enum Route {
    COMPLETIONS,
    CHAT,
    MODELS,
    HEALTH,
    XINFERENCE_LAUNCH,
    XINFERENCE_DESCRIBE,
    XINFERENCE_TERMINATE,
    OLLAMA_GENERATE
  }

  /** One request as the server received it. */
  public record RecordedRequest(Route route, String method, String uri, String authorization, String body,
      long receivedNanos) {

    /** The body as JSON. */
    public JsonObject json() {
      return new JsonObject(body);
    }
  }

  private static final String OVER_ACTIONS = "standin.over";

  private static final Set<Route> GENERATION_ROUTES = Set.of(Route.COMPLETIONS, Route.CHAT, Route.OLLAMA_GENERATE);

  private final Vertx vertx;
  private final Map<String, Script> scripts = new LinkedHashMap<>();
  private final Map<Route, List<FaultPlan>> faults = new EnumMap<>(Route.class);
  private final Map<String, Fault> keyedFaults = new ConcurrentHashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, LaunchedModel> launched = new ConcurrentHashMap<>();
  private final AtomicInteger generating = new AtomicInteger();
  private final AtomicInteger maxGenerating = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger openConnections = new AtomicInteger();
  private volatile boolean honourMaxTokens = true;
  private volatile String defaultOutput = "no scripted output for this prompt";
  private volatile String apiKey;
  private volatile Duration responseDelay = Duration.ZERO;
  private volatile Duration launchDelay = Duration.ZERO;
  private HttpServer server;

  private StandInModelServer(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  public static Future<StandInModelServer> start(Vertx vertx) {
    StandInModelServer standIn = new StandInModelServer(vertx);
    return vertx.createHttpServer()
        .connectionHandler(connection -> {
          standIn.openConnections.incrementAndGet();
          connection.closeHandler(closed -> standIn.openConnections.decrementAndGet());
        })
        .requestHandler(standIn.router())
        .listen(0, "127.0.0.1")
        .map(listening -> {
          standIn.server = listening;
          return standIn;
        });
  }

  public int port() {
    return server.actualPort();
  }

  /** The base URL, {@code http://127.0.0.1:PORT}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  /** Prompts that contain {@code key} get these outputs, in turn, starting over after the last. */
  public synchronized StandInModelServer script(String key, String... outputs) {
    if (outputs.length == 0) {
      throw new IllegalArgumentException("a script needs at least one output");
    }
    scripts.put(key, new Script(List.of(outputs)));
    return this;
  }

  /** The output for prompts no script matches. */
  public StandInModelServer defaultOutput(String output) {
    this.defaultOutput = output;
    return this;
  }

  /** Requires {@code Authorization: Bearer key} on every {@code /v1} and {@code /api} route. */
  public StandInModelServer requireApiKey(String key) {
    this.apiKey = key;
    return this;
  }

  /** Waits this long before answering a generation request (a busy GPU). */
  public StandInModelServer responseDelay(Duration delay) {
    this.responseDelay = delay;
    return this;
  }

  /** Sends scripted outputs whole whatever max_tokens says, as a broken or hostile server might. */
  public StandInModelServer ignoreMaxTokens() {
    this.honourMaxTokens = false;
    return this;
  }

  /** A launched Xinference model becomes ready this long after the launch request. */
  public StandInModelServer launchDelay(Duration delay) {
    this.launchDelay = delay;
    return this;
  }

  /** The next {@code times} requests on the route get the fault instead of an answer. */
  public synchronized StandInModelServer inject(Route route, Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    faults.computeIfAbsent(route, key -> new ArrayList<>()).add(new FaultPlan(fault, times));
    return this;
  }

  /** Every request on the route gets the fault from now on. */
  public StandInModelServer injectAlways(Route route, Fault fault) {
    return inject(route, fault, Integer.MAX_VALUE);
  }

  /**
   * Every request whose body contains {@code key} (a theorem name in its prompt) gets the fault, on
   * any route, from now on: faults for some jobs among many running at once.
   */
  public StandInModelServer injectFor(String key, Fault fault) {
    keyedFaults.put(key, fault);
    return this;
  }

  /** Forgets all faults still pending. */
  public synchronized StandInModelServer clearFaults() {
    faults.clear();
    keyedFaults.clear();
    return this;
  }

  /**
   * Requests received and neither answered nor abandoned by their client: one that stays here after
   * its job has ended is a request the client forgot, holding a connection and the server's time.
   */
  public int requestsInFlight() {
    return inFlight.get();
  }

  /** Every request received, in order. */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests received on one route, in order. */
  public List<RecordedRequest> requests(Route route) {
    return requests.stream().filter(request -> request.route() == route).toList();
  }

  /** The most generation requests that were ever open at the same time. */
  public int maxConcurrentGenerations() {
    return maxGenerating.get();
  }

  /** Client connections open right now: a request its client aborted must not keep one. */
  public int openConnections() {
    return openConnections.get();
  }

  /** Stops listening and closes open connections; a later request is refused. */
  public Future<Void> close() {
    return server.close();
  }

  private Router router() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.post("/v1/completions").handler(ctx -> serve(ctx, Route.COMPLETIONS, this::completions));
    router.post("/v1/chat/completions").handler(ctx -> serve(ctx, Route.CHAT, this::chat));
    router.get("/v1/models").handler(ctx -> serve(ctx, Route.MODELS, this::models));
    router.post("/v1/models").handler(ctx -> serve(ctx, Route.XINFERENCE_LAUNCH, this::launch));
    router.get("/v1/models/:uid").handler(ctx -> serve(ctx, Route.XINFERENCE_DESCRIBE, this::describe));
    router.delete("/v1/models/:uid").handler(ctx -> serve(ctx, Route.XINFERENCE_TERMINATE, this::terminate));
    router.get("/health").handler(ctx -> serve(ctx, Route.HEALTH, done -> done.response().setStatusCode(200).end()));
    router.post("/api/generate").handler(ctx -> serve(ctx, Route.OLLAMA_GENERATE, this::generate));
    return router;
  }

  private void serve(RoutingContext ctx, Route route, Consumer<RoutingContext> answer) {
    inFlight.incrementAndGet();
    whenOver(ctx, inFlight::decrementAndGet);
    String body = ctx.body().asString();
    requests.add(new RecordedRequest(route, ctx.request().method().name(), ctx.request().uri(),
        ctx.request().getHeader(HttpHeaders.AUTHORIZATION), body == null ? "" : body, System.nanoTime()));
    String key = apiKey;
    if (key != null && route != Route.HEALTH && !("Bearer " + key).equals(ctx.request().getHeader(HttpHeaders.AUTHORIZATION))) {
      json(ctx.response(), 401, new JsonObject().put("error", "Unauthorized").encode());
      return;
    }
    Fault fault = keyedFault(body);
    if (fault == null) {
      fault = nextFault(route);
    }
    if (fault != null) {
      misbehave(ctx, route, fault);
      return;
    }
    answer.accept(ctx);
  }

  private Fault keyedFault(String body) {
    if (body == null || keyedFaults.isEmpty()) {
      return null;
    }
    for (Map.Entry<String, Fault> keyed : keyedFaults.entrySet()) {
      if (body.contains(keyed.getKey())) {
        return keyed.getValue();
      }
    }
    return null;
  }

  private synchronized Fault nextFault(Route route) {
    List<FaultPlan> plans = faults.get(route);
    if (plans == null) {
      return null;
    }
    for (Iterator<FaultPlan> it = plans.iterator(); it.hasNext(); ) {
      FaultPlan plan = it.next();
      if (plan.remaining > 0) {
        if (plan.remaining != Integer.MAX_VALUE) {
          plan.remaining--;
        }
        if (plan.remaining == 0) {
          it.remove();
        }
        return plan.fault;
      }
    }
    return null;
  }

  private void misbehave(RoutingContext ctx, Route route, Fault fault) {
    HttpServerResponse response = ctx.response();
    if (fault instanceof Fault.Status) {
      Fault.Status status = (Fault.Status) fault;
      if (status.retryAfter() != null) {
        response.putHeader(HttpHeaders.RETRY_AFTER, status.retryAfter());
      }
      json(response, status.status(), status.body());
    } else if (fault instanceof Fault.Malformed) {
      String text = route == Route.OLLAMA_GENERATE
          ? "{\"model\":\"" + OLLAMA_MODEL + "\",\"response\":\"ok\",\"done\":false}\nthis is not json\n"
          : "{\"id\":\"cmpl-broken\",\"choices\":[{\"text\": \"unterminated";
      response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(text);
    } else if (fault instanceof Fault.Stall) {
      int chunks = ((Fault.Stall) fault).chunksFirst();
      if (chunks > 0) {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
        List<String> pieces = pieces(defaultOutput, chunks);
        for (String piece : pieces) {
          response.write(ollamaChunk(piece).encode() + "\n");
        }
      }
      // Otherwise say nothing at all: the client's timeout has to notice.
    } else if (fault instanceof Fault.Reset) {
      ctx.request().connection().close();
    } else if (fault instanceof Fault.Truncated) {
      response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
      response.write(ollamaChunk("partial ").encode() + "\n");
      response.end();
    } else if (fault instanceof Fault.MidStreamError) {
      response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
      response.write(ollamaChunk("partial ").encode() + "\n");
      response.end(new JsonObject().put("error", ((Fault.MidStreamError) fault).message()).encode() + "\n");
    }
  }

  private void completions(RoutingContext ctx) {
    openAi(ctx, false);
  }

  private void chat(RoutingContext ctx) {
    openAi(ctx, true);
  }

  private void openAi(RoutingContext ctx, boolean chat) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String model = body.getString("model", SERVED_MODEL);
    LaunchedModel xinference = launched.get(model);
    if (!SERVED_MODEL.equals(model) && (xinference == null || !xinference.isReady())) {
      if (xinference != null || model.startsWith(ModelFamily.NAME)) {
        json(ctx.response(), 400, new JsonObject().put("detail", "Model not found in the model list, uid: " + model).encode());
      } else {
        misbehave(ctx, Route.COMPLETIONS, Fault.modelNotFound(model));
      }
      return;
    }
    String promptText = chat ? chatText(body.getJsonArray("messages", new JsonArray())) : String.valueOf(body.getValue("prompt", ""));
    // Real Xinference drops n; vLLM and SGLang honour it.
    int n = xinference != null ? 1 : body.getInteger("n", 1);
    int maxTokens = body.getInteger("max_tokens", 16);
    JsonArray choices = new JsonArray();
    int completionTokens = 0;
    for (int i = 0; i < n; i++) {
      String output = nextOutput(promptText);
      String finish = "stop";
      if (honourMaxTokens && tokens(output) > maxTokens) {
        output = output.substring(0, Math.min(output.length(), maxTokens * 4));
        finish = "length";
      }
      completionTokens += tokens(output);
      JsonObject choice = new JsonObject().put("index", i).putNull("logprobs").put("finish_reason", finish);
      if (chat) {
        choice.put("message", new JsonObject().put("role", "assistant").put("content", output));
      } else {
        choice.put("text", output).putNull("stop_reason");
      }
      choices.add(choice);
    }
    int promptTokens = tokens(promptText);
    JsonObject answer = new JsonObject()
        .put("id", (chat ? "chatcmpl-" : "cmpl-") + ids.incrementAndGet())
        .put("object", chat ? "chat.completion" : "text_completion")
        .put("created", Instant.now().getEpochSecond())
        .put("model", model)
        .put("choices", choices)
        .put("usage", new JsonObject().put("prompt_tokens", promptTokens)
            .put("total_tokens", promptTokens + completionTokens).put("completion_tokens", completionTokens));
    generating(ctx, () -> json(ctx.response(), 200, answer.encode()));
  }

  private void models(RoutingContext ctx) {
    JsonArray data = new JsonArray().add(new JsonObject()
        .put("id", SERVED_MODEL).put("object", "model").put("created", Instant.now().getEpochSecond())
        .put("owned_by", "vllm").put("root", SERVED_MODEL).putNull("parent").put("max_model_len", SERVED_CONTEXT));
    for (LaunchedModel model : launched.values()) {
      if (model.isReady()) {
        data.add(new JsonObject().put("id", model.uid).put("object", "model").put("created", 0)
            .put("owned_by", "xinference").mergeIn(model.description()));
      }
    }
    json(ctx.response(), 200, new JsonObject().put("object", "list").put("data", data).encode());
  }

  private void launch(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String name = body.getString("model_name");
    if (name == null || name.isEmpty()) {
      xinferenceError(ctx, 400, "Invalid input. Please specify the `model_name` field.");
      return;
    }
    String engine = body.getString("model_engine");
    if (engine == null || engine.isEmpty()) {
      xinferenceError(ctx, 400, "Invalid input. Please specify the `model_engine` field.");
      return;
    }
    String problem = ModelFamily.problemWith(name, engine, body.getValue("model_size_in_billions"),
        body.getString("model_format"), body.getString("quantization"));
    if (problem != null) {
      xinferenceError(ctx, 400, problem);
      return;
    }
    String uid = body.getString("model_uid", name);
    if (launched.containsKey(uid)) {
      xinferenceError(ctx, 400, "Model is already in the model list, uid: " + uid);
      return;
    }
    LaunchedModel model = new LaunchedModel(uid, body, System.nanoTime() + launchDelay.toNanos());
    launched.put(uid, model);
    JsonObject answer = new JsonObject().put("model_uid", uid);
    boolean waitReady = !"false".equalsIgnoreCase(ctx.request().getParam("wait_ready"));
    if (waitReady && !launchDelay.isZero()) {
      vertx.setTimer(launchDelay.toMillis(), tick -> json(ctx.response(), 200, answer.encode()));
    } else {
      json(ctx.response(), 200, answer.encode());
    }
  }

  private void describe(RoutingContext ctx) {
    String uid = ctx.pathParam("uid");
    LaunchedModel model = launched.get(uid);
    if (model == null || !model.isReady()) {
      xinferenceError(ctx, 400, "Model not found in the model list, uid: " + uid);
      return;
    }
    json(ctx.response(), 200, model.description().encode());
  }

  private void terminate(RoutingContext ctx) {
    String uid = ctx.pathParam("uid");
    if (launched.remove(uid) == null) {
      xinferenceError(ctx, 400, "Model not found in the model list, uid: " + uid);
      return;
    }
    json(ctx.response(), 200, "null");
  }

  private void generate(RoutingContext ctx) {
    JsonObject body = jsonBody(ctx);
    if (body == null) {
      return;
    }
    String model = body.getString("model", "");
    if (!OLLAMA_MODEL.equals(model)) {
      json(ctx.response(), 404, new JsonObject().put("error", "model \"" + model + "\" not found, try pulling it first").encode());
      return;
    }
    String prompt = body.getString("prompt", "");
    String output = nextOutput(prompt);
    int numPredict = body.getJsonObject("options", new JsonObject()).getInteger("num_predict", -1);
    String reason = "stop";
    if (numPredict > 0 && tokens(output) > numPredict) {
      output = output.substring(0, Math.min(output.length(), numPredict * 4));
      reason = "length";
    }
    String created = Instant.now().toString();
    JsonObject last = new JsonObject().put("model", model).put("created_at", created).put("response", "")
        .put("done", true).put("done_reason", reason).put("context", new JsonArray().add(1).add(2).add(3))
        .put("total_duration", 1_000_000).put("load_duration", 10_000).put("prompt_eval_count", tokens(prompt))
        .put("prompt_eval_duration", 20_000).put("eval_count", tokens(output)).put("eval_duration", 900_000);
    String text = output;
    if (!body.getBoolean("stream", true)) {
      generating(ctx, () -> json(ctx.response(), 200, last.copy().put("response", text).encode()));
      return;
    }
    generating(ctx, () -> {
      HttpServerResponse response = ctx.response().setChunked(true)
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/x-ndjson");
      for (String piece : pieces(text, 3)) {
        response.write(ollamaChunk(piece).put("created_at", created).encode() + "\n");
      }
      response.end(last.encode() + "\n");
    });
  }

  /** Counts the request as generating from now until it answers, after the response delay. */
  private void generating(RoutingContext ctx, Runnable answer) {
    int now = generating.incrementAndGet();
    maxGenerating.accumulateAndGet(now, Math::max);
    whenOver(ctx, generating::decrementAndGet);
    if (responseDelay.isZero()) {
      answer.run();
    } else {
      vertx.setTimer(responseDelay.toMillis(), tick -> answer.run());
    }
  }

  /** Runs {@code action} once when the response has ended or its connection has closed, whichever comes first. */
  private static void whenOver(RoutingContext ctx, Runnable action) {
    List<Runnable> actions = ctx.get(OVER_ACTIONS);
    if (actions == null) {
      List<Runnable> created = new CopyOnWriteArrayList<>();
      AtomicBoolean over = new AtomicBoolean();
      Runnable runAll = () -> {
        if (over.compareAndSet(false, true)) {
          created.forEach(Runnable::run);
        }
      };
      ctx.response().endHandler(ended -> runAll.run());
      ctx.response().closeHandler(closed -> runAll.run());
      ctx.put(OVER_ACTIONS, created);
      actions = created;
    }
    actions.add(action);
  }

  private JsonObject jsonBody(RoutingContext ctx) {
    try {
      return new JsonObject(ctx.body().asString());
    } catch (DecodeException | NullPointerException | ClassCastException notJson) {
      misbehave(ctx, Route.COMPLETIONS, Fault.badRequest("request body is not a JSON object"));
      return null;
    }
  }

  private synchronized String nextOutput(String prompt) {
    for (Map.Entry<String, Script> script : scripts.entrySet()) {
      if (prompt.contains(script.getKey())) {
        return script.getValue().next();
      }
    }
    return defaultOutput;
  }

  private static String chatText(JsonArray messages) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      text.append(messages.getJsonObject(i).getString("content", "")).append('\n');
    }
    return text.toString();
  }

  private static JsonObject ollamaChunk(String piece) {
    return new JsonObject().put("model", OLLAMA_MODEL).put("created_at", Instant.now().toString())
        .put("response", piece).put("done", false);
  }

  /** Splits text into up to {@code count} consecutive pieces that join back to it. */
  private static List<String> pieces(String text, int count) {
    List<String> pieces = new ArrayList<>();
    int size = Math.max(1, (text.length() + count - 1) / count);
    for (int start = 0; start < text.length(); start += size) {
      pieces.add(text.substring(start, Math.min(text.length(), start + size)));
    }
    return pieces;
  }

  /** The stand-in's token count: one per four characters, at least one. */
  public static int tokens(String text) {
    return Math.max(1, text.length() / 4);
  }

  private static void xinferenceError(RoutingContext ctx, int status, String detail) {
    json(ctx.response(), status, new JsonObject().put("detail", detail).encode());
  }

  private static void json(HttpServerResponse response, int status, String body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(body);
  }

  /** Outputs for one script key, handed out in turn. */
  private static final class Script {
    private final List<String> outputs;
    private int next;

    Script(List<String> outputs) {
      this.outputs = outputs;
    }

    String next() {
      String output = outputs.get(next % outputs.size());
      next++;
      return output;
    }
  }

  /** A fault and how many more requests get it. */
  private static final class FaultPlan {
    private final Fault fault;
    private int remaining;

    FaultPlan(Fault fault, int remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  /** A model launched through the Xinference route. */
  private static final class LaunchedModel {
    private final String uid;
    private final JsonObject request;
    private final long readyAtNanos;

    LaunchedModel(String uid, JsonObject request, long readyAtNanos) {
      this.uid = uid;
      this.request = request;
      this.readyAtNanos = readyAtNanos;
    }

    boolean isReady() {
      return System.nanoTime() - readyAtNanos >= 0;
    }

    /** What Xinference's {@code GET /v1/models/{uid}} reports. */
    JsonObject description() {
      return new JsonObject()
          .put("model_type", request.getString("model_type", "LLM"))
          .put("address", "127.0.0.1:40000")
          .put("accelerators", new JsonArray().add("0"))
          .put("model_name", request.getString("model_name"))
          .put("model_lang", new JsonArray().add("en").add("zh"))
          .put("model_ability", new JsonArray().add("chat").add("reasoning"))
          .put("model_description", "DeepSeek-Prover-V2 (stand-in)")
          .put("model_format", request.getString("model_format"))
          .put("model_size_in_billions", request.getValue("model_size_in_billions"))
          .put("model_family", request.getString("model_name"))
          .put("quantization", request.getString("quantization"))
          .put("model_hub", "huggingface")
          .putNull("revision")
          .put("context_length", ModelFamily.CONTEXT_LENGTH)
          .put("replica", 1);
    }
  }

  /** Xinference's built-in {@code deepseek-prover-v2} family, as its llm family JSON lists it. */
  private static final class ModelFamily {
    static final String NAME = "deepseek-prover-v2";
    static final int CONTEXT_LENGTH = 163840;

    private ModelFamily() {}

    /** Why Xinference would refuse this launch, or null when it matches a spec of the family. */
    static String problemWith(String name, String engine, Object size, String format, String quantization) {
      if (!NAME.equals(name)) {
        return "Model not found, name: " + name;
      }
      String spec = format + "/" + size + "/" + quantization;
      boolean pytorch = ("pytorch/7/none".equals(spec) || "pytorch/671/none".equals(spec))
          && Set.of("vLLM", "Transformers", "SGLang").contains(engine);
      boolean mlx = "mlx/7/4bit".equals(spec) && "MLX".equals(engine);
      return pytorch || mlx ? null
          : "Model not found, name: " + name + ", format: " + format + ", size: " + size + ", quantization: "
              + quantization + ", engine: " + engine;
    }
  }
}
