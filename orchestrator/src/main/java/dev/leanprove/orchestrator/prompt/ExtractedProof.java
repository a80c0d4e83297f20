package dev.leanprove.orchestrator.prompt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A proof taken from a model's answer.
 *
 * <p>Splicing {@code statement + "\n" + body} after the original header and statement (which
 * ends in {@code := by}) gives the text to check; auxiliary declarations go before the statement.
 *
 * @param code the code block the proof was read from, verbatim
 * @param statementAsWritten the model's own statement of the target, from its keyword through
 *     the top-level {@code :=}; empty when the model wrote only tactics
 * @param body the tactic proof, each line indented relative to a block at column 2, no trailing newline
 * @param auxiliaryDeclarations lemmas and definitions the model wrote before the target, in order
 */
public record ExtractedProof(
    String code, String statementAsWritten, String body, List<String> auxiliaryDeclarations)
    implements Extraction {

  public ExtractedProof {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(statementAsWritten, "statementAsWritten");
    Objects.requireNonNull(body, "body");
    auxiliaryDeclarations = List.copyOf(auxiliaryDeclarations);
  }

  @Override
  public Optional<ExtractedProof> proof() {
    return Optional.of(this);
  }
}
