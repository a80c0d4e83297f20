package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.job.Job;
import dev.leanprove.orchestrator.job.JobEvent;
import dev.leanprove.orchestrator.job.JobRegistry;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /jobs/{id}/events}: the job's events as Server-Sent Events, {@code id:} being the
 * event's seq. A client that lost the connection reconnects with {@code Last-Event-ID} (or
 * {@code ?lastEventId=}) and gets exactly the events after it. The stream ends after the job's
 * terminal event; a client that goes away only stops its own stream, never the job.
 */
final class JobEventStream implements Handler<RoutingContext> {

  /** Comment lines now and then keep proxies and idle timeouts from closing a quiet stream. */
  static final long KEEPALIVE_MS = 15_000;

  /** What a browser's EventSource waits before it reconnects. */
  static final long RETRY_MS = 1_000;

  private final JobRegistry jobs;

  JobEventStream(JobRegistry jobs) {
    this.jobs = jobs;
  }

  @Override
  public void handle(RoutingContext ctx) {
    long after = lastEventId(ctx);
    JobRoutes.visibleJob(jobs, ctx).onComplete(found -> {
      if (found.failed()) {
        ctx.fail(found.cause());
      } else {
        stream(ctx, found.result(), after);
      }
    });
  }

  private static void stream(RoutingContext ctx, Job job, long after) {
    HttpServerResponse response = ctx.response()
        .setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
        .putHeader("X-Accel-Buffering", "no");
    response.write("retry: " + RETRY_MS + "\n\n");
    new Stream(ctx, job, response).open(after);
  }

  private static long lastEventId(RoutingContext ctx) {
    String text = ctx.request().getHeader("Last-Event-ID");
    if (text == null) {
      text = ctx.request().getParam("lastEventId");
    }
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      long id = Long.parseLong(text.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Reported below with the value.
    }
    throw ApiException.badRequest("Last-Event-ID must be the id of an event of this stream (a whole number >= 0), got " + text);
  }

  /** One open stream; everything on it happens on the request's context, in event order. */
  private static final class Stream {

    private final RoutingContext ctx;
    private final Job job;
    private final HttpServerResponse response;
    private final Context context;
    private Job.Subscription subscription = () -> {};
    private long keepalive = -1;
    private boolean ended;

    Stream(RoutingContext ctx, Job job, HttpServerResponse response) {
      this.ctx = ctx;
      this.job = job;
      this.response = response;
      this.context = ctx.vertx().getOrCreateContext();
    }

    void open(long after) {
      // Events come on the job's threads; hopping onto our context keeps their order and our state single-threaded.
      subscription = job.subscribe(after, event -> context.runOnContext(v -> send(event)));
      response.closeHandler(v -> close());
      ctx.addEndHandler(v -> close());
      keepalive = ctx.vertx().setPeriodic(KEEPALIVE_MS, t -> {
        if (!ended) {
          response.write(": keepalive\n\n");
        }
      });
      if (job.snapshot().state().isFinal()) {
        // Everything after `after` was replayed above; nothing more will come.
        context.runOnContext(v -> end());
      }
    }

    private void send(JobEvent event) {
      if (ended) {
        return;
      }
      String data = JobJson.data(job.id(), job.request(), event).encode();
      response.write("id: " + event.seq() + "\nevent: " + event.name() + "\ndata: " + data + "\n\n");
      if (event.terminal()) {
        end();
      }
    }

    private void end() {
      if (ended) {
        return;
      }
      close();
      response.end();
    }

    private void close() {
      ended = true;
      subscription.unsubscribe();
      if (keepalive >= 0) {
        ctx.vertx().cancelTimer(keepalive);
        keepalive = -1;
      }
    }
  }
}
