package dev.leanprove.orchestrator.api;

import dev.leanprove.orchestrator.job.Job;
import dev.leanprove.orchestrator.job.JobEvent;
import dev.leanprove.orchestrator.job.JobFailure;
import dev.leanprove.orchestrator.job.JobRequest;
import dev.leanprove.orchestrator.job.JobResult;
import dev.leanprove.orchestrator.job.JobSnapshot;
import dev.leanprove.orchestrator.job.JobState;
import dev.leanprove.orchestrator.job.JobStore;
import dev.leanprove.orchestrator.job.ProofEdit;
import dev.leanprove.orchestrator.search.Attempt;
import dev.leanprove.orchestrator.search.ProveRequest;
import dev.leanprove.orchestrator.search.SearchEvent;
import dev.leanprove.orchestrator.search.TheoremResult;
import io.vertx.core.json.JsonObject;

/** The JSON of jobs and of their events, as {@code /jobs} and the event stream send them. */
final class JobJson {

  /** What the job journal keeps: exactly what the API shows. */
  static final JobStore.Rendering RENDERING = new JobStore.Rendering() {
    @Override
    public JsonObject event(Job job, JobEvent event) {
      return data(job.id(), job.request(), event);
    }

    @Override
    public JsonObject job(JobSnapshot job) {
      return JobJson.job(job);
    }
  };

  private JobJson() {}

  /** A job in full: state, times, what it proves and, when done, its result or error. */
  static JsonObject job(JobSnapshot job) {
    if (job.recorded().isPresent()) {
      return job.recorded().get().copy();
    }
    JsonObject o = summary(job);
    job.result().ifPresent(r -> o.put("result", result(job.request(), r)));
    job.failure().ifPresent(f -> o.put("error", failure(f)));
    return o;
  }

  /** A job without its result, for listings. */
  static JsonObject summary(JobSnapshot job) {
    if (job.recorded().isPresent()) {
      JsonObject o = job.recorded().get().copy();
      o.remove("result");
      o.remove("error");
      return o;
    }
    ProveRequest prove = job.request().prove();
    JsonObject request = new JsonObject().put("engine", prove.engine())
        .put("budget", new JsonObject().put("samples", prove.budget().samples()).put("tokens", prove.budget().tokens())
            .put("seconds", prove.budget().wall().toSeconds()));
    prove.theorem().ifPresent(t -> request.put("theorem", t));
    JsonObject o = new JsonObject()
        .put("id", job.id())
        .put("state", job.state().wireName())
        .put("createdAt", job.createdAt().toString())
        .put("request", request)
        .put("lastEventId", job.lastEventId());
    job.startedAt().ifPresent(t -> o.put("startedAt", t.toString()));
    job.finishedAt().ifPresent(t -> o.put("finishedAt", t.toString()));
    job.result().ifPresent(r -> o.put("status", r.result().status().name()));
    return o;
  }

  /** The prove result as {@code POST /prove} returns it, plus {@code "edit"} for prove-at-cursor requests. */
  static JsonObject result(JobRequest request, JobResult result) {
    JsonObject o = ReportJson.proveResult(result.result());
    if (request.wantsEdit()) {
      result.edit().ifPresent(e -> o.put("edit", edit(request.prove().code(), e)));
    }
    return o;
  }

  /** An LSP {@code TextEdit}: {@code {"range": {"start", "end"}, "newText"}}. */
  static JsonObject edit(String code, ProofEdit edit) {
    return new JsonObject().put("range", LspText.of(code).range(edit.start(), edit.end())).put("newText", edit.newText());
  }

  static JsonObject failure(JobFailure failure) {
    return new JsonObject().put("code", failure.code()).put("message", failure.message());
  }

  /** The {@code data:} of an event. */
  static JsonObject data(String jobId, JobRequest request, JobEvent event) {
    if (event instanceof JobEvent.Recorded) {
      return ((JobEvent.Recorded) event).data();
    }
    if (event instanceof JobEvent.Queued) {
      return new JsonObject().put("jobId", jobId).put("position", ((JobEvent.Queued) event).position());
    }
    if (event instanceof JobEvent.Started) {
      return new JsonObject().put("jobId", jobId);
    }
    if (event instanceof JobEvent.Searched) {
      return search(((JobEvent.Searched) event).event());
    }
    if (event instanceof JobEvent.Progress) {
      JobEvent.Progress p = (JobEvent.Progress) event;
      return new JsonObject().put("done", p.done()).put("total", p.total())
          .put("theoremsDone", p.theoremsDone()).put("theoremsTotal", p.theoremsTotal());
    }
    if (event instanceof JobEvent.Finished) {
      JobResult r = ((JobEvent.Finished) event).result();
      JobState state = r.result().proved() ? JobState.SUCCEEDED : JobState.FAILED;
      return result(request, r).put("state", state.wireName());
    }
    if (event instanceof JobEvent.Failed) {
      return failure(((JobEvent.Failed) event).failure());
    }
    return new JsonObject().put("jobId", jobId);
  }

  // Model outputs can be tens of kilobytes each; the stream carries what an editor shows, GET /jobs/{id} has the rest.
  private static JsonObject search(SearchEvent e) {
    JsonObject o = new JsonObject().put("theorem", e.theorem());
    if (e instanceof SearchEvent.TheoremStarted) {
      SearchEvent.TheoremStarted s = (SearchEvent.TheoremStarted) e;
      return o.put("index", s.index()).put("total", s.total());
    }
    if (e instanceof SearchEvent.AttemptStarted) {
      SearchEvent.AttemptStarted s = (SearchEvent.AttemptStarted) e;
      return o.put("strategy", s.strategy()).put("engine", s.engine()).put("samples", s.samples());
    }
    if (e instanceof SearchEvent.CandidateReady) {
      SearchEvent.CandidateReady c = (SearchEvent.CandidateReady) e;
      return o.put("strategy", c.strategy()).put("proof", c.proof());
    }
    if (e instanceof SearchEvent.AttemptJudged) {
      Attempt a = ((SearchEvent.AttemptJudged) e).attempt();
      return o.put("strategy", a.strategy()).put("engine", a.engine()).put("verdict", a.verdict().name())
          .put("detail", a.detail()).put("proof", a.proof()).put("cached", a.cached())
          .put("generationMs", a.generationMillis()).put("verificationMs", a.verificationMillis());
    }
    if (e instanceof SearchEvent.SubgoalOpened) {
      SearchEvent.SubgoalOpened s = (SearchEvent.SubgoalOpened) e;
      return o.put("subgoal", s.subgoal()).put("depth", s.depth());
    }
    if (e instanceof SearchEvent.TheoremFinished) {
      TheoremResult r = ((SearchEvent.TheoremFinished) e).result();
      o.put("status", r.status().name()).put("detail", r.detail()).put("samples", r.samples());
      r.proof().ifPresent(p -> o.put("proof", p));
      return o;
    }
    return o;
  }
}
