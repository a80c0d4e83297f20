package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.job.Job;
import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.job.JobSnapshot;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /jobs}: list, look at and cancel jobs, and follow one's events. */
final class JobRoutes {

  static final int DEFAULT_LIST_LIMIT = 50;

  static final int MAX_LIST_LIMIT = 1000;

  private final JobRegistry jobs;

  JobRoutes(JobRegistry jobs) {
    this.jobs = jobs;
  }

  void mount(Router router) {
    router.get("/jobs").respond(this::list);
    router.get("/jobs/:id").respond(this::get);
    router.delete("/jobs/:id").respond(this::cancel);
    router.get("/jobs/:id/events").handler(new JobEventStream(jobs));
  }

  private Future<JsonObject> list(RoutingContext ctx) {
    int limit = limit(ctx.request().getParam("limit"));
    JsonArray list = new JsonArray();
    ApiClient client = ApiClient.of(ctx);
    for (JobSnapshot job : jobs.recent(limit, client::sees)) {
      list.add(JobJson.summary(job));
    }
    return Future.succeededFuture(new JsonObject().put("jobs", list)
        .put("running", jobs.runningCount()).put("queued", jobs.queuedCount()));
  }

  private Future<JsonObject> get(RoutingContext ctx) {
    return visibleJob(jobs, ctx).map(job -> JobJson.job(job.snapshot()));
  }

  /** Cancelling a finished job (here or, with a shared journal, on another server) changes nothing and answers with the job as it is. */
  private Future<JsonObject> cancel(RoutingContext ctx) {
    return visibleJob(jobs, ctx).map(job -> JobJson.job(jobs.cancel(job.id()).orElseGet(job::snapshot)));
  }

  /**
   * The job named in the path, if the client may see it; another client's job is as unknown as a
   * missing one. With a shared journal, a job another server finished is found too.
   */
  static Future<Job> visibleJob(JobRegistry jobs, RoutingContext ctx) {
    String id = ctx.pathParam("id");
    ApiClient client = ApiClient.of(ctx);
    return jobs.lookup(id).map(found -> found.filter(job -> client.sees(job.owner())).orElseThrow(() -> notFound(id)));
  }

  static ApiException notFound(String id) {
    return new ApiException(404, "job_not_found", "no job " + id + " (unknown, or finished long enough ago to be forgotten)");
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIST_LIMIT;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1 && n <= MAX_LIST_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw ApiException.badRequest("limit must be a whole number in 1.." + MAX_LIST_LIMIT + ", got " + text);
  }
}
