package dev.leanprove.leanbridge.source;

/** What a top-level step of a tactic proof is, as far as decomposition cares. */
public enum StepKind {
  /** {@code have name : P := proof}, also anonymous ({@code have : P}) and untyped ({@code have h := e}). */
  HAVE,
  /** {@code obtain pattern : P := proof} or {@code obtain pattern := e}. */
  OBTAIN,
  /** Any other tactic, e.g. the final {@code nlinarith [...]}, or the whole of a term-mode proof. */
  OTHER
}
