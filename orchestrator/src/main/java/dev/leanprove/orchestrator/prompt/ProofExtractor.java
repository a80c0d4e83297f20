package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.TopLevelCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Takes the proof out of a model's answer, the way DeepSeek-Prover and Goedel-Prover read
 * theirs: the last {@code ```lean4} block, its header lines dropped, the target theorem found
 * by name (or, if the model renamed it, as the last theorem), and the proof after its
 * top-level {@code :=} re-indented for splicing after the original statement.
 */
public final class ProofExtractor {

  private static final String FENCE = "```";

  private ProofExtractor() {}

  /**
   * The proof of {@code theoremName} in a chat answer. What the proof may contain ({@code sorry}, {@code exact?},
   * commands …) is not judged here but by the verifier's screen, the one list of forbidden tokens, which
   * honours the allowed tokens of its configuration.
   */
  public static Extraction extract(String output, String theoremName) {
    return fromBlock(output, theoremName);
  }

  /** As {@link #extract}, for a sketch: its {@code have} steps are left as {@code sorry}. */
  public static Extraction extractSketch(String output, String theoremName) {
    return fromBlock(output, theoremName);
  }

  /**
   * The proof in a raw completion (V1.5 style) that continues a prompt ending {@code := by}:
   * the text up to the first code fence or top-level command.
   */
  public static Extraction extractContinuation(String output) {
    String text = normalise(output);
    int fence = text.indexOf(FENCE);
    String continuation = fence < 0 ? text : text.substring(0, fence);
    List<TopLevelCommand> commands = AnswerCode.of(continuation).commands();
    String proof = commands.isEmpty() ? continuation : continuation.substring(0, commands.get(0).start());
    String body = TacticBody.lines(proof, 0, TacticBody.INDENT);
    if (body.isEmpty()) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, "the completion holds no tactics");
    }
    return new ExtractedProof(continuation, "", body, List.of());
  }

  private static Extraction fromBlock(String output, String theoremName) {
    Optional<String> block = CodeBlocks.select(normalise(output));
    if (block.isEmpty()) {
      return new ExtractionFailure(
          ExtractionFailure.Reason.NO_CODE_BLOCK, "no ```lean4, ```lean or Lean-looking ``` block in the output");
    }
    String code = block.get();
    AnswerCode parsed = AnswerCode.of(code);
    int target = targetIndex(parsed.commands(), theoremName);
    if (target < 0) {
      // A block inside a Markdown list is indented as a whole; Lean commands start at column 0.
      AnswerCode dedented = AnswerCode.of(dedent(code));
      if (targetIndex(dedented.commands(), theoremName) >= 0) {
        parsed = dedented;
        target = targetIndex(dedented.commands(), theoremName);
      }
    }
    List<TopLevelCommand> commands = parsed.commands();
    if (target < 0) {
      return bareTactics(code, parsed);
    }
    TopLevelCommand theorem = commands.get(target);
    String text = parsed.text(theorem);
    int keyword = theorem.keywordStart() - theorem.start();
    int proofStart = parsed.declaration(theorem).proofStart() - theorem.start();
    String label = theorem.name().isEmpty() ? theorem.keyword() : theorem.name();
    // Without a top-level :=, lean-bridge puts the proof at the first equation or the statement's end.
    if (!text.startsWith(":=", proofStart - 2)) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, label + " has no top-level :=");
    }
    String body = TacticBody.afterAssign(text, proofStart);
    if (body.isEmpty()) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, label + " has nothing after :=");
    }
    List<String> auxiliary = new ArrayList<>();
    for (TopLevelCommand command : commands.subList(0, target)) {
      if (!AnswerCode.isHeader(command)) {
        auxiliary.add(parsed.text(command).strip());
      }
    }
    String statement = text.substring(keyword, proofStart);
    return new ExtractedProof(code, statement, body, auxiliary);
  }

  /** A block with no declaration at all may still be a bare tactic script (non-CoT answers). */
  private static Extraction bareTactics(String code, AnswerCode parsed) {
    boolean declares = parsed.commands().stream().anyMatch(c -> !AnswerCode.isHeader(c));
    String body = declares ? "" : TacticBody.lines(parsed.strayText(), 0, TacticBody.INDENT);
    if (body.isEmpty()) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, "no theorem and no tactics in the code block");
    }
    return new ExtractedProof(code, "", body, List.of());
  }

  private static String dedent(String code) {
    int common = code.lines()
        .filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length())
        .min()
        .orElse(0);
    return code.lines()
        .map(line -> line.isBlank() ? "" : line.substring(common))
        .collect(Collectors.joining("\n"));
  }

  /** The last theorem with the wanted name, else the last theorem of any name. */
  private static int targetIndex(List<TopLevelCommand> commands, String theoremName) {
    int anyTheorem = -1;
    for (int k = commands.size() - 1; k >= 0; k--) {
      TopLevelCommand command = commands.get(k);
      if (!command.declaresTheorem()) {
        continue;
      }
      if (namesMatch(command.name(), theoremName)) {
        return k;
      }
      if (anyTheorem < 0) {
        anyTheorem = k;
      }
    }
    return anyTheorem;
  }

  private static boolean namesMatch(String declared, String wanted) {
    String plain = declared.replace("«", "").replace("»", "");
    return !wanted.isEmpty() && (plain.equals(wanted) || plain.endsWith("." + wanted));
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }
}
