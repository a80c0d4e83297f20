package dev.leanprove.orchestrator.search;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import java.util.List;
import java.util.Objects;

/**
 * One candidate tried for a theorem, kept whole in the result so every "not proved" can be read back.
 *
 * @param strategy which search stage made it ({@code portfolio}, {@code whole-proof}, ...)
 * @param engine the engine that produced the output ("" for none)
 * @param promptId the prompt template ("" for none)
 * @param rawOutput the model's full output ("" for the portfolio)
 * @param proof the proof that was checked (after {@code :=}), "" when extraction failed
 * @param auxiliary helper declarations the proof relies on, placed before the theorem ("" for none)
 * @param verdict the verifier's reason code; {@code LEAN_ERROR} style codes also for rejected extraction
 * @param detail why, in one line
 * @param cached whether the verdict came from the cache of identical candidates
 * @param id unique within one prove request ({@code a1}, {@code a2}, ...)
 * @param parent the id of the attempt this one repairs or decomposes, "" for none
 * @param messages Lean's messages about the candidate (what a repair prompt shows the model)
 * @param checkedText the exact text Lean checked ("" when it never reached Lean)
 */
public record Attempt(
    String strategy,
    String engine,
    String promptId,
    String rawOutput,
    String proof,
    String auxiliary,
    ReasonCode verdict,
    String detail,
    int promptTokens,
    int completionTokens,
    long generationMillis,
    long verificationMillis,
    boolean cached,
    String id,
    String parent,
    List<LeanMessage> messages,
    String checkedText) {

  public Attempt {
    Objects.requireNonNull(strategy, "strategy");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(rawOutput, "rawOutput");
    Objects.requireNonNull(proof, "proof");
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(parent, "parent");
    messages = List.copyOf(messages);
    Objects.requireNonNull(checkedText, "checkedText");
  }

  /** The first error Lean reported, as one line ("" when there was none). */
  public String firstError() {
    return messages.stream()
        .filter(LeanMessage::isError)
        .findFirst()
        .map(m -> m.position().map(p -> p + ": ").orElse("") + m.data().strip().lines().findFirst().orElse(""))
        .orElse("");
  }

  public boolean proved() {
    return verdict == ReasonCode.PROVED;
  }
}
