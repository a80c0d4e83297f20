package dev.leanprove.orchestrator.job;

import dev.leanprove.orchestrator.search.SearchEvent;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns search events into a monotone "done of total". The number of candidates a search will
 * judge is not known in advance (it stops at the first proof), so each theorem is worth its sample
 * budget plus one for the portfolio, a judged candidate moves it one unit (never to the end), and
 * the theorem's end fills it up.
 */
final class ProgressCounter {

  private final int unitsPerTheorem;
  private final Map<String, Integer> done = new HashMap<>();
  private int theorems;
  private int theoremsDone;

  ProgressCounter(int samplesPerTheorem) {
    this.unitsPerTheorem = samplesPerTheorem + 1;
  }

  /** Takes the event into account; whether the progress moved (or became known). */
  boolean update(SearchEvent event) {
    if (event instanceof SearchEvent.TheoremStarted) {
      SearchEvent.TheoremStarted started = (SearchEvent.TheoremStarted) event;
      theorems = Math.max(theorems, started.total());
      done.putIfAbsent(started.theorem(), 0);
      return started.index() == 0;
    }
    if (event instanceof SearchEvent.AttemptJudged) {
      Integer units = done.get(event.theorem());
      if (units == null || units >= unitsPerTheorem - 1) {
        return false;
      }
      done.put(event.theorem(), units + 1);
      return true;
    }
    if (event instanceof SearchEvent.TheoremFinished) {
      Integer units = done.get(event.theorem());
      if (units == null || units == unitsPerTheorem) {
        return false;
      }
      done.put(event.theorem(), unitsPerTheorem);
      theoremsDone++;
      return true;
    }
    return false;
  }

  int done() {
    return done.values().stream().mapToInt(Integer::intValue).sum();
  }

  int total() {
    return theorems * unitsPerTheorem;
  }

  int theoremsDone() {
    return theoremsDone;
  }

  int theorems() {
    return theorems;
  }
}
