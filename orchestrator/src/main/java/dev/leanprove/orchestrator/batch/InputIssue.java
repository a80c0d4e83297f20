package dev.leanprove.orchestrator.batch;

import java.util.Objects;

/** A piece of the input that is not a problem at all (a JSONL line that is not JSON, a line without a name). */
public record InputIssue(String origin, String message) {

  public InputIssue {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return origin + ": " + message;
  }
}
