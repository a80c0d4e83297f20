package dev.leanprove.orchestrator.search;

import java.util.Objects;

/**
 * One subgoal of a sketch as it was searched: the lemma, and the whole result of its own search
 * (which may hold decompositions of its own, one level deeper).
 */
public record SubgoalResult(String lemmaName, String statement, int depth, TheoremResult result) {

  public SubgoalResult {
    Objects.requireNonNull(lemmaName, "lemmaName");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(result, "result");
  }
}
