package dev.leanprove.orchestrator.batch;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem of a batch: a whole Lean file whose theorem ends in {@code sorry}.
 *
 * @param name the problem's name (file name without {@code .lean}, or the JSONL {@code name})
 * @param split {@code valid}, {@code test}, ... ("" when the input does not say)
 * @param origin where it came from, for messages ({@code path} or {@code path:line})
 * @param code the Lean file ("" when unreadable)
 * @param readError why the problem could not be read (then it is reported, never proved)
 */
public record Problem(String name, String split, String origin, String code, Optional<String> readError) {

  public Problem {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(readError, "readError");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a problem needs a name (from " + origin + ")");
    }
  }

  static Problem of(String name, String split, String origin, String code) {
    return new Problem(name, split, origin, code, Optional.empty());
  }

  static Problem unreadable(String name, String split, String origin, String reason) {
    return new Problem(name, split, origin, "", Optional.of(reason));
  }

  /** The category prefix the summary groups by ({@code mathd_algebra}, {@code amc12}, ...). */
  public String category() {
    return Category.of(name);
  }
}
