package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanSource;
import java.time.Duration;
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

  /** {@link #verify(ProofCandidate)} with its own wall-clock limit instead of the configured one. */
  CompletableFuture<Verdict> verify(ProofCandidate candidate, Duration timeout);

  /**
   * Checks a proof sketch: like {@link #verify}, but {@code sorry} is allowed. {@link ReasonCode#SORRY}
   * means a usable sketch (Lean accepted everything but the sorries); {@link ReasonCode#PROVED}
   * means it needed no sorry at all; anything else means the sketch itself is wrong.
   */
  CompletableFuture<Verdict> verifySketch(ProofCandidate candidate);

  /** Checks a whole file as it is, with a verdict for every theorem, lemma and example in it. */
  CompletableFuture<FileReport> check(LeanSource source);

  /** Whether a check costs only the proof, not Lean's start and imports (a warm REPL): extra checks are cheap. */
  default boolean warm() {
    return false;
  }

  /**
   * What this verifier's verdicts depend on besides the checked text: the toolchain, the
   * workspace's revision and the checking rules. Two verifiers with the same revision give the
   * same verdict on the same text, so a verdict cache keys on it; "" when unknown.
   */
  default String revision() {
    return "";
  }
}
