package dev.leanprove.orchestrator.search;

import java.util.Objects;

/**
 * Something that happened during a search, reported as it happens (progress streams, batch logs).
 * Each kind has a stable {@link #type()} that names it on the wire.
 */
public sealed interface SearchEvent
    permits SearchEvent.TheoremStarted,
        SearchEvent.AttemptStarted,
        SearchEvent.CandidateReady,
        SearchEvent.AttemptJudged,
        SearchEvent.SubgoalOpened,
        SearchEvent.TheoremFinished {

  /** The event's wire name, e.g. {@code verified}. */
  String type();

  /** The theorem it concerns. */
  String theorem();

  /** The search of one theorem began ({@code index} of {@code total} in the request, from 0). */
  record TheoremStarted(String theorem, int index, int total) implements SearchEvent {
    public String type() {
      return "theorem_started";
    }
  }

  /** A strategy is about to ask for {@code samples} candidates (0 for the model-free portfolio). */
  record AttemptStarted(String theorem, String strategy, String engine, int samples) implements SearchEvent {
    public String type() {
      return "attempt_started";
    }
  }

  /** A candidate proof was read from an output and goes to Lean. */
  record CandidateReady(String theorem, String strategy, String proof) implements SearchEvent {
    public String type() {
      return "candidate";
    }
  }

  /** Lean (or screening) judged a candidate. */
  record AttemptJudged(String theorem, Attempt attempt) implements SearchEvent {
    public AttemptJudged {
      Objects.requireNonNull(attempt, "attempt");
    }

    public String type() {
      return "verified";
    }
  }

  /** A subgoal of a decomposed theorem is being searched at {@code depth} (1 for the theorem's own subgoals). */
  record SubgoalOpened(String theorem, String subgoal, int depth) implements SearchEvent {
    public String type() {
      return "subgoal";
    }
  }

  /** The search of one theorem ended. */
  record TheoremFinished(String theorem, TheoremResult result) implements SearchEvent {
    public String type() {
      return "theorem_done";
    }
  }
}
