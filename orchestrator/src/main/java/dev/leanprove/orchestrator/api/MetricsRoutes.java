package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.job.JobRegistry;
import dev.leanprove.orchestrator.job.JobState;
import dev.leanprove.orchestrator.metrics.Metrics;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/** {@code GET /metrics}: every meter in Prometheus text format, job counts by state among them. */
final class MetricsRoutes {

  private final Metrics metrics;
  private final JobRegistry jobs;

  MetricsRoutes(Metrics metrics, JobRegistry jobs) {
    this.metrics = metrics;
    this.jobs = jobs;
  }

  void mount(Router router) {
    for (JobState state : JobState.values()) {
      metrics.gauge("leanprove_jobs", "Jobs the server knows, by state (finished ones while they are kept)",
          jobs, j -> j.count(state), "state", state.wireName());
    }
    router.get("/metrics").handler(PrometheusScrapingHandler.create(metrics.prometheus()));
  }
}
