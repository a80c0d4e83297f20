package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.orchestrator.job.Job;
import dev.leanprove.orchestrator.job.JobFailure;
import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.job.JobRequest;
import dev.leanprove.orchestrator.job.JobSnapshot;
import dev.leanprove.orchestrator.job.JobState;
import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.NoTargetException;
import dev.leanprove.orchestrator.search.ProveRequest;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code POST /prove}: proves the posted file's sorry theorems (or the named one, or the one at
 * {@code line}/{@code column}) as a job. By default the answer is the result, once the job ends
 * (a client that hangs up cancels it); with {@code async=true} it is 202 and the job's id at once.
 */
final class ProveRoutes {

  /** The longest time budget a request may ask for: a year, far past any sensible proof. */
  static final long MAX_BUDGET_SECONDS = 365L * 24 * 3600;

  private final JobRegistry jobs;
  private final ServerConfig config;
  private final Budget defaultBudget;
  private final SourceParser parser;

  ProveRoutes(JobRegistry jobs, ServerConfig config, Budget defaultBudget, SourceParser parser) {
    this.parser = parser;
    this.jobs = jobs;
    this.config = config;
    this.defaultBudget = defaultBudget;
  }

  void mount(Router router) {
    LeanRequest.mountBodyHandling(router.post("/prove"), config.maxBodyBytes(), LeanRequest.BODY_TIMEOUT_MILLIS);
    router.post("/prove").respond(this::prove);
  }

  private Future<JsonObject> prove(RoutingContext ctx) {
    String owner = ApiClient.of(ctx).name();
    return LeanRequest.read(ctx).compose(request -> {
      boolean async = flag(request.options(), "async");
      // Parsing, locating the targets and validating walk the whole file: all of it off the event loop.
      return ctx.vertx().executeBlocking(() -> submit(toRequest(request), owner), false)
          .compose(job -> async ? accepted(ctx, job) : outcome(ctx, job));
    });
  }

  private Job submit(JobRequest request, String owner) {
    try {
      return jobs.submit(request, owner);
    } catch (NoTargetException e) {
      throw e.unknownName()
          ? new ApiException(404, "unknown_theorem", e.getMessage())
          : new ApiException(422, "nothing_to_prove", e.getMessage());
    } catch (IllegalStateException e) {
      throw new ApiException(503, "shutting_down", e.getMessage());
    }
  }

  private static Future<JsonObject> accepted(RoutingContext ctx, Job job) {
    ctx.response().setStatusCode(202).putHeader(HttpHeaders.LOCATION, "/jobs/" + job.id());
    return Future.succeededFuture(new JsonObject().put("jobId", job.id()).put("state", job.snapshot().state().wireName()));
  }

  private Future<JsonObject> outcome(RoutingContext ctx, Job job) {
    // Nobody is left to read the answer: stop the search and its Lean processes.
    ctx.response().closeHandler(v -> jobs.cancel(job.id()));
    return job.finished().map(ProveRoutes::resultOrError);
  }

  private static JsonObject resultOrError(JobSnapshot job) {
    if (job.state() == JobState.CANCELLED) {
      throw new ApiException(409, "cancelled", "job " + job.id() + " was cancelled before it finished");
    }
    if (job.failure().isPresent()) {
      JobFailure f = job.failure().get();
      throw new ApiException(statusOf(f.code()), f.code(), f.message());
    }
    return JobJson.result(job.request(), job.result().orElseThrow());
  }

  private static int statusOf(String failureCode) {
    switch (failureCode) {
      case "bad_request":
        return 400;
      case "unknown_theorem":
        return 404;
      case "nothing_to_prove":
        return 422;
      case JobFailure.ENGINE_UNAVAILABLE:
        return 503;
      default:
        return 500;
    }
  }

  JobRequest toRequest(LeanRequest request) {
    JsonObject options = request.options();
    LeanSource source = parser.parseHere(request.code());
    Optional<String> theorem = optionalString(options, "theorem");
    boolean atCursor = options.getValue("line") != null || options.getValue("column") != null;
    if (atCursor) {
      if (theorem.isPresent()) {
        throw ApiException.badRequest("give either \"theorem\" or \"line\" and \"column\", not both");
      }
      theorem = Optional.of(CursorTarget.theoremAt(source, options.getValue("line"), options.getValue("column")));
    }
    String engine = optionalString(options, "engine").orElse("");
    return new JobRequest(new ProveRequest(source, theorem, engine, budget(options.getValue("budget"))), atCursor);
  }

  private static boolean flag(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null || Boolean.FALSE.equals(v) || "false".equals(v)) {
      return false;
    }
    if (Boolean.TRUE.equals(v) || "true".equals(v) || "".equals(v)) {
      return true;
    }
    throw ApiException.badRequest("\"" + key + "\" must be true or false, got " + v);
  }

  private Budget budget(Object value) {
    if (value == null) {
      return defaultBudget;
    }
    if (!(value instanceof JsonObject)) {
      throw ApiException.badRequest("\"budget\" must be an object like {\"samples\": 8, \"tokens\": 200000, \"seconds\": 600}");
    }
    JsonObject b = (JsonObject) value;
    try {
      int samples = (int) wholeNumber(b, "samples", defaultBudget.samples(), Integer.MAX_VALUE);
      long tokens = wholeNumber(b, "tokens", defaultBudget.tokens(), Long.MAX_VALUE);
      long seconds = wholeNumber(b, "seconds", defaultBudget.wall().toSeconds(), MAX_BUDGET_SECONDS);
      return new Budget(samples, tokens, Duration.ofSeconds(seconds));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("bad budget: " + e.getMessage());
    }
  }

  private static Optional<String> optionalString(JsonObject o, String key) {
    Object v = o.getValue(key);
    if (v == null) {
      return Optional.empty();
    }
    if (!(v instanceof String)) {
      throw ApiException.badRequest("\"" + key + "\" must be a string");
    }
    return ((String) v).isBlank() ? Optional.empty() : Optional.of((String) v);
  }

  /**
   * A whole number in {@code [0, max]}, whichever way JSON or a query string spelled it; anything
   * else (a fraction, {@code 1e30}, a number past {@code max}) is refused with the value named,
   * never narrowed or wrapped.
   */
  private static long wholeNumber(JsonObject o, String key, long fallback, long max) {
    Object v = o.getValue(key);
    if (v == null) {
      return fallback;
    }
    java.math.BigDecimal number;
    try {
      number = v instanceof Number || v instanceof String ? new java.math.BigDecimal(v.toString().trim()) : null;
    } catch (NumberFormatException e) {
      number = null;
    }
    if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
      throw new IllegalArgumentException("\"" + key + "\" must be a whole number, got " + v);
    }
    if (number.signum() < 0 || number.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
      throw new IllegalArgumentException("\"" + key + "\" must be between 0 and " + max + ", got " + v);
    }
    return number.longValueExact();
  }
}
