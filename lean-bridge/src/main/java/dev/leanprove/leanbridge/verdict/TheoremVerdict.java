package dev.leanprove.leanbridge.verdict;

import java.util.Objects;

/**
 * The verdict on one theorem of a checked file.
 *
 * @param name the name as written, or {@code example@LINE} for an example
 * @param qualifiedName the fully qualified name Lean gives it (for an example, the generated name it
 *     was checked under; "" when its name could not be read): the key that tells theorems apart
 */
public record TheoremVerdict(String name, String qualifiedName, Verdict verdict) {

  public TheoremVerdict {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(qualifiedName, "qualifiedName");
    Objects.requireNonNull(verdict, "verdict");
  }
}
