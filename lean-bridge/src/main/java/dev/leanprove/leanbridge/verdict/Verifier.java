package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanSource;
import java.util.concurrent.CompletableFuture;

/** The only judge of "proved": checks candidates and files with real Lean. */
public interface Verifier {

  /**
   * Checks one candidate proof spliced after its theorem's original statement. Cancelling the
   * returned future kills the Lean process tree.
   *
   * @throws IllegalArgumentException when the source has no theorem of that name
   */
  CompletableFuture<Verdict> verify(ProofCandidate candidate);

  /** Checks a whole file as it is, with a verdict for every theorem, lemma and example in it. */
  CompletableFuture<FileReport> check(LeanSource source);
}
