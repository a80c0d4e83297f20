package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanSource;
import java.util.Objects;
import java.util.Optional;

/**
 * A proof to check for one theorem of a source file. The checked text is always built from the
 * original statement; the candidate only supplies what follows its {@code :=}.
 *
 * @param theoremName the target theorem's name as written in the source
 * @param proof the proof after {@code :=}, e.g. {@code by\n  nlinarith [sq_nonneg (a - b)]}
 * @param auxiliary extra declarations (helper lemmas) placed just before the target, "" for none
 * @param claimedStatement the theorem header the model wrote, if it restated one; a different
 *     statement is rejected as {@link ReasonCode#STATEMENT_CHANGED}
 */
public record ProofCandidate(
    LeanSource source, String theoremName, String proof, String auxiliary, Optional<String> claimedStatement) {

  public ProofCandidate {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(theoremName, "theoremName");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(claimedStatement, "claimedStatement");
  }

  public static ProofCandidate of(LeanSource source, String theoremName, String proof) {
    return new ProofCandidate(source, theoremName, proof, "", Optional.empty());
  }

  /** All text the candidate contributes, which screening inspects. */
  String contributedText() {
    return auxiliary.isEmpty() ? proof : auxiliary + "\n" + proof;
  }
}
