/**
 * Reading and editing Lean 4 source: comments and literals blanked out ({@link
 * dev.leanprove.leanbridge.source.LeanText}), the header and every theorem, lemma and example with
 * its statement and proof ({@link dev.leanprove.leanbridge.source.LeanSource}), and the theorems left
 * to prove ({@link dev.leanprove.leanbridge.source.TheoremLocator}).
 *
 * <p>Nothing here throws on any input text, and everything runs in time linear in the text. Offsets
 * are UTF-16 indexes into the Java string; {@link dev.leanprove.leanbridge.message.Position}s are
 * Lean's (1-based line, 0-based column in code points). Top-level commands are assumed to start at
 * column 0, as in miniF2F, DeepSeek-Prover output and Mathlib.
 */
package dev.leanprove.leanbridge.source;
