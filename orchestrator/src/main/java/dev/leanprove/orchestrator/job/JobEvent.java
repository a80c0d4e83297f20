package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.SearchEvent;
import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * One entry of a job's event log. {@link #seq()} numbers a job's events 1, 2, 3, ... (the SSE
 * {@code id:}, so a client resumes after the last one it saw); {@link #name()} is the SSE
 * {@code event:}. The log starts with {@code queued} and ends with exactly one terminal event:
 * {@code result}, {@code error} or {@code cancelled}.
 */
public sealed interface JobEvent
    permits JobEvent.Queued,
        JobEvent.Started,
        JobEvent.Searched,
        JobEvent.Progress,
        JobEvent.Finished,
        JobEvent.Failed,
        JobEvent.Cancelled,
        JobEvent.Recorded {

  long seq();

  String name();

  /** Whether this event ends the log. */
  default boolean terminal() {
    return false;
  }

  /** The job was accepted; {@code position} is its place in the queue (1 starts next), 0 when it starts at once. */
  record Queued(long seq, int position) implements JobEvent {
    public String name() {
      return "queued";
    }
  }

  /** The search began. */
  record Started(long seq) implements JobEvent {
    public String name() {
      return "started";
    }
  }

  /** Something the search reported; named as the search names it ({@code attempt_started}, {@code verified}, ...). */
  record Searched(long seq, SearchEvent event) implements JobEvent {
    public Searched {
      Objects.requireNonNull(event, "event");
    }

    public String name() {
      return event.type();
    }
  }

  /**
   * How far the search is: {@code done} of {@code total} work units, where each theorem is worth
   * its sample budget plus one (the portfolio), a judged candidate counts one and a finished
   * theorem counts in full.
   */
  record Progress(long seq, int done, int total, int theoremsDone, int theoremsTotal) implements JobEvent {
    public String name() {
      return "progress";
    }
  }

  /** The search ended with a result. */
  record Finished(long seq, JobResult result) implements JobEvent {
    public Finished {
      Objects.requireNonNull(result, "result");
    }

    public String name() {
      return "result";
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** An error stopped the job before it had a result. */
  record Failed(long seq, JobFailure failure) implements JobEvent {
    public Failed {
      Objects.requireNonNull(failure, "failure");
    }

    public String name() {
      return "error";
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** The job was cancelled. */
  record Cancelled(long seq) implements JobEvent {
    public String name() {
      return "cancelled";
    }

    @Override
    public boolean terminal() {
      return true;
    }
  }

  /** An event from before a restart, as the journal kept it: its data as the API sent it. */
  record Recorded(long seq, String name, JsonObject data, boolean terminal) implements JobEvent {
    public Recorded {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(data, "data");
    }
  }
}
