package dev.leanprove.orchestrator.standin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.standin.StandInLean;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One attack on the verdict: a Lean file an adversary hands us, what the stand-in Lean is told
 * to accept in it (as if real Lean's elaborator accepted that text), and the verdicts that count
 * as refusing it.
 *
 * @param id short name shown in test reports
 * @param kind the class of cheat (issue 9's numbering)
 * @param file the cheating text after the standard header: what {@code check} receives, and the
 *     model's whole answer (header included) for {@code prove}
 * @param target the theorem that must never come out PROVED (its display name; {@code example}
 *     for an example)
 * @param accepts theorem name to bodies that the stand-in accepts
 * @param propositions proposition to bodies that the stand-in accepts wherever it is the conclusion
 * @param challenge for cheats in the model's output: the honest user file after the header (the
 *     statement with {@code sorry}); empty for cheats that only a user's own file can carry
 * @param inUserFile whether the file is also a cheat when a user hands it to {@code check} (an
 *     instance the user declares is their statement's meaning, not a cheat)
 * @param keptOut for cheats in the model's answer outside the proof it splices (a command after the
 *     proof, a scope command before it): the text that must never reach the checked file. The
 *     stand-in accepts the bare proof whatever surrounds it, so such a cheat may come out PROVED
 *     here only as the file real Lean would reject: the proof alone, without this text
 * @param refusedAs the reason codes that count as refusing it (anything but PROVED would be weaker:
 *     a refusal for the wrong reason can hide a hole)
 */
public record Cheat(
    String id,
    Kind kind,
    String file,
    String target,
    Map<String, List<String>> accepts,
    Map<String, List<String>> propositions,
    Optional<String> challenge,
    boolean inUserFile,
    Optional<String> keptOut,
    Set<String> refusedAs) {

  /** The standard DeepSeek/miniF2F header every cheat file starts with. */
  public static final String HEADER =
      "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 0\n\nopen BigOperators Real Nat Topology Rat\n\n";

  /** Issue 9's classes of cheat. */
  public enum Kind {
    EXAMPLE_OR_UNREADABLE_NAME,
    UNQUALIFIED_NAME,
    LEXING,
    SCAN_GAP,
    AUXILIARY_DECLARATION,
    MESSAGE_TRUST,
    KERNEL
  }

  /** The whole cheating file, header first. */
  public String fullFile() {
    return HEADER + file;
  }

  /** The honest user file the model's cheating answer is for. */
  public String fullChallenge() {
    return HEADER + challenge.orElseThrow(() -> new IllegalStateException(id + " has no challenge"));
  }

  /** Whether the cheat can come from a model's answer (so it is tried through prove too). */
  public boolean inModelOutput() {
    return challenge.isPresent();
  }

  /** Tells the stand-in toolchain to accept what the adversary claims real Lean accepts. */
  public void teach(StandInLean lean) {
    accepts.forEach((name, bodies) -> lean.accept(name, bodies.toArray(String[]::new)));
    propositions.forEach((proposition, bodies) -> lean.proposition(proposition, bodies.toArray(String[]::new)));
  }

  /** The model's answer: the cheating file in a {@code lean4} block, as DeepSeek-Prover-V2 writes it. */
  public String modelAnswer() {
    return MiniF2F.cotAnswer(fullFile());
  }

  /**
   * Whether the cheat's text never reached Lean: the extraction kept only the proof it splices, and
   * the stand-in (which accepts that proof whatever surrounds it) proved the bare proof, a file real
   * Lean would reject. Asserts that the final file then holds none of the cheat.
   */
  public boolean keptOutOf(JsonObject proveResult) {
    if (keptOut.isEmpty() || !"PROVED".equals(proveResult.getString("status"))) {
      return false;
    }
    assertThat(proveResult.getString("code")).as("the final file").doesNotContain(keptOut.get());
    return true;
  }

  @Override
  public String toString() {
    return kind + "/" + id;
  }
}
