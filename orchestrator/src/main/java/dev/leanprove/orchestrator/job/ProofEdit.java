package dev.leanprove.orchestrator.job;

import java.util.Objects;
import java.util.Optional;

/**
 * One replacement that turns a file into its proved version: {@code text[start, end)} becomes
 * {@code newText}. Offsets are UTF-16 indexes, as editors count them.
 */
public record ProofEdit(int start, int end, String newText) {

  public ProofEdit {
    Objects.requireNonNull(newText, "newText");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("edit range must satisfy 0 <= start <= end: " + start + ", " + end);
    }
  }

  /**
   * The smallest single edit from {@code before} to {@code after}, or empty when they are equal.
   * Computed from the texts rather than from where the prover put the proof, so applying it to
   * {@code before} gives exactly {@code after}, auxiliary lemmas included. The range never splits
   * a surrogate pair.
   */
  public static Optional<ProofEdit> between(String before, String after) {
    if (before.equals(after)) {
      return Optional.empty();
    }
    int limit = Math.min(before.length(), after.length());
    int prefix = 0;
    while (prefix < limit && before.charAt(prefix) == after.charAt(prefix)) {
      prefix++;
    }
    if (prefix > 0 && Character.isHighSurrogate(before.charAt(prefix - 1))) {
      prefix--;
    }
    int suffix = 0;
    while (suffix < limit - prefix
        && before.charAt(before.length() - 1 - suffix) == after.charAt(after.length() - 1 - suffix)) {
      suffix++;
    }
    if (suffix > 0 && Character.isLowSurrogate(before.charAt(before.length() - suffix))) {
      suffix--;
    }
    return Optional.of(new ProofEdit(prefix, before.length() - suffix, after.substring(prefix, after.length() - suffix)));
  }

  /** {@code text} with this edit applied. */
  public String applyTo(String text) {
    if (end > text.length()) {
      throw new IllegalArgumentException("edit ends at " + end + ", past the text's " + text.length());
    }
    return text.substring(0, start) + newText + text.substring(end);
  }
}
