package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanChars;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.source.TopLevelCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Takes the proof out of a model's answer, the way DeepSeek-Prover and Goedel-Prover read
 * theirs: the last {@code ```lean4} block, its header lines dropped, the target theorem found
 * by name (or, if the model renamed it, as the last theorem), and the proof after its
 * top-level {@code :=} re-indented for splicing after the original statement.
 */
public final class ProofExtractor {

  private static final List<String> FORBIDDEN_TACTICS = List.of("apply?", "exact?");
  private static final String SORRY = "sorry";
  private static final String ADMIT = "admit";
  private static final String FENCE = "```";

  private static final Pattern DECLARATION_HEAD =
      Pattern.compile(
          "^(?:@\\[[^\\]]*\\]\\s*)*(?:(?:private|protected|noncomputable|nonrec|partial|unsafe)\\s+)*"
              + "(?:(?:theorem|lemma)\\s+[^\\s(\\[{⦃:]+|example(?![^\\s(\\[{⦃:]))");

  private ProofExtractor() {}

  /** The proof of {@code theoremName} in a chat answer; rejects {@code sorry}, {@code admit}, {@code apply?}, {@code exact?}. */
  public static Extraction extract(String output, String theoremName) {
    return fromBlock(output, theoremName, false);
  }

  /** As {@link #extract}, but {@code sorry} is allowed: a sketch leaves its {@code have} steps unproved. */
  public static Extraction extractSketch(String output, String theoremName) {
    return fromBlock(output, theoremName, true);
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
    return checked(new ExtractedProof(continuation, "", body, List.of()), false);
  }

  /**
   * Whether two statements of a theorem say the same thing, ignoring comments, whitespace that
   * does not separate two words, the declared name, {@code theorem}/{@code lemma}, attributes,
   * and a trailing {@code :=} or {@code := by}.
   */
  public static boolean sameStatement(String original, String written) {
    return signature(original).equals(signature(written));
  }

  private static Extraction fromBlock(String output, String theoremName, boolean sorryAllowed) {
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
      return bareTactics(code, parsed, sorryAllowed);
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
    return checked(new ExtractedProof(code, statement, body, auxiliary), sorryAllowed);
  }

  /** A block with no declaration at all may still be a bare tactic script (non-CoT answers). */
  private static Extraction bareTactics(String code, AnswerCode parsed, boolean sorryAllowed) {
    boolean declares = parsed.commands().stream().anyMatch(c -> !AnswerCode.isHeader(c));
    String body = declares ? "" : TacticBody.lines(parsed.strayText(), 0, TacticBody.INDENT);
    if (body.isEmpty()) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, "no theorem and no tactics in the code block");
    }
    return checked(new ExtractedProof(code, "", body, List.of()), sorryAllowed);
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

  private static Extraction checked(ExtractedProof proof, boolean sorryAllowed) {
    List<String> parts = new ArrayList<>(proof.auxiliaryDeclarations());
    parts.add(proof.body());
    for (String part : parts) {
      String masked = LeanText.blankCommentsAndStrings(part);
      for (String tactic : FORBIDDEN_TACTICS) {
        List<Integer> at = LeanText.findToken(masked, tactic);
        if (!at.isEmpty()) {
          return new ExtractionFailure(ExtractionFailure.Reason.FORBIDDEN_TACTIC, where(part, at.get(0), tactic));
        }
      }
      List<String> placeholders = sorryAllowed ? List.of(ADMIT) : List.of(SORRY, ADMIT);
      for (String placeholder : placeholders) {
        List<Integer> at = LeanText.findToken(masked, placeholder);
        if (!at.isEmpty()) {
          return new ExtractionFailure(ExtractionFailure.Reason.SORRY, where(part, at.get(0), placeholder));
        }
      }
    }
    return proof;
  }

  private static String where(String text, int at, String word) {
    int lineStart = text.lastIndexOf('\n', at - 1) + 1;
    int lineEnd = text.indexOf('\n', at);
    String line = (lineEnd < 0 ? text.substring(lineStart) : text.substring(lineStart, lineEnd)).strip();
    return "uses " + word + ": " + line;
  }

  private static String signature(String statement) {
    String text = LeanText.blankComments(normalise(statement)).strip();
    boolean endsWithBy = LeanText.findToken(LeanText.blankCommentsAndStrings(text), "by").contains(text.length() - 2);
    if (endsWithBy) {
      text = text.substring(0, text.length() - 2).strip();
    }
    if (text.endsWith(":=")) {
      text = text.substring(0, text.length() - 2).strip();
    }
    Matcher head = DECLARATION_HEAD.matcher(text);
    if (head.find()) {
      text = text.substring(head.end());
    }
    return collapseWhitespace(text);
  }

  /** Keeps one space only where it separates two identifier characters, as in {@code a b} against {@code ab}. */
  private static String collapseWhitespace(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    boolean pendingSpace = false;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isWhitespace(cp)) {
        pendingSpace = out.length() > 0;
        continue;
      }
      if (pendingSpace && LeanChars.isIdRest(out.codePointBefore(out.length())) && LeanChars.isIdRest(cp)) {
        out.append(' ');
      }
      pendingSpace = false;
      out.appendCodePoint(cp);
    }
    return out.toString();
  }

  private static String normalise(String text) {
    return text.replace("\r\n", "\n");
  }
}
