package dev.leanprove.leanbridge.verdict;

import java.util.Objects;

/** The verdict on one named theorem of a checked file ({@code example@LINE} for examples). */
public record TheoremVerdict(String name, Verdict verdict) {

  public TheoremVerdict {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(verdict, "verdict");
  }
}
