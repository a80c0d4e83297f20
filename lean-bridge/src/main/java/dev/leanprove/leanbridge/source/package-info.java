/**
 * Reading and editing Lean 4 source: comments and literals blanked out ({@link
 * dev.leanprove.leanbridge.source.LeanText}), the header and every theorem, lemma and example with
 * its statement and proof ({@link dev.leanprove.leanbridge.source.LeanSource}), the theorems left
 * to prove ({@link dev.leanprove.leanbridge.source.TheoremLocator}), and decomposition: a proof's
 * top-level steps ({@link dev.leanprove.leanbridge.source.Sketch}), a lemma per {@code sorry}
 * ({@link dev.leanprove.leanbridge.source.SubgoalExtractor}) and the lemmas' proofs put back
 * ({@link dev.leanprove.leanbridge.source.ProofComposer}).
 *
 * <p>No parser here throws on any input text, and parsing runs in time linear in the text; only
 * {@link dev.leanprove.leanbridge.source.ProofComposer} refuses, when a proof it needs is missing. Offsets
 * are UTF-16 indexes into the Java string; {@link dev.leanprove.leanbridge.message.Position}s are
 * Lean's (1-based line, 0-based column in code points). Top-level commands are assumed to start at
 * column 0, as in miniF2F, DeepSeek-Prover output and Mathlib.
 */
package dev.leanprove.leanbridge.source;
