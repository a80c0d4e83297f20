package dev.leanprove.orchestrator.prompt;

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
    List<TopLevelCommands.Command> commands = TopLevelCommands.of(continuation).commands();
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
    TopLevelCommands parsed = TopLevelCommands.of(code);
    int target = targetIndex(parsed.commands(), theoremName);
    if (target < 0) {
      // A block inside a Markdown list is indented as a whole; Lean commands start at column 0.
      TopLevelCommands dedented = TopLevelCommands.of(dedent(code));
      if (targetIndex(dedented.commands(), theoremName) >= 0) {
        parsed = dedented;
        target = targetIndex(dedented.commands(), theoremName);
      }
    }
    List<TopLevelCommands.Command> commands = parsed.commands();
    if (target < 0) {
      return bareTactics(code, parsed, sorryAllowed);
    }
    TopLevelCommands.Command theorem = commands.get(target);
    String text = parsed.text(theorem);
    int keyword = theorem.keywordStart() - theorem.start();
    int assign = topLevelAssign(SourceMask.codeOnly(text), keyword + theorem.keyword().length());
    String label = theorem.name().isEmpty() ? theorem.keyword() : theorem.name();
    if (assign < 0) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, label + " has no top-level :=");
    }
    String body = TacticBody.afterAssign(text, assign + 2);
    if (body.isEmpty()) {
      return new ExtractionFailure(ExtractionFailure.Reason.NO_PROOF, label + " has nothing after :=");
    }
    List<String> auxiliary = new ArrayList<>();
    for (TopLevelCommands.Command command : commands.subList(0, target)) {
      if (!command.isHeader()) {
        auxiliary.add(parsed.text(command).strip());
      }
    }
    String statement = text.substring(keyword, assign + 2);
    return checked(new ExtractedProof(code, statement, body, auxiliary), sorryAllowed);
  }

  /** A block with no declaration at all may still be a bare tactic script (non-CoT answers). */
  private static Extraction bareTactics(String code, TopLevelCommands parsed, boolean sorryAllowed) {
    boolean declares = parsed.commands().stream().anyMatch(c -> !c.isHeader());
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
  private static int targetIndex(List<TopLevelCommands.Command> commands, String theoremName) {
    int anyTheorem = -1;
    for (int k = commands.size() - 1; k >= 0; k--) {
      TopLevelCommands.Command command = commands.get(k);
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

  /** Index of the first {@code :=} outside brackets after {@code from}, or -1. */
  private static int topLevelAssign(String masked, int from) {
    int depth = 0;
    for (int i = from; i < masked.length(); i++) {
      char c = masked.charAt(i);
      if ("([{⟨⦃".indexOf(c) >= 0) {
        depth++;
      } else if (")]}⟩⦄".indexOf(c) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && masked.startsWith(":=", i)) {
        return i;
      }
    }
    return -1;
  }

  private static Extraction checked(ExtractedProof proof, boolean sorryAllowed) {
    List<String> parts = new ArrayList<>(proof.auxiliaryDeclarations());
    parts.add(proof.body());
    for (String part : parts) {
      String masked = SourceMask.codeOnly(part);
      for (String tactic : FORBIDDEN_TACTICS) {
        int at = LeanWords.find(masked, tactic, 0);
        if (at >= 0) {
          return new ExtractionFailure(ExtractionFailure.Reason.FORBIDDEN_TACTIC, where(part, at, tactic));
        }
      }
      List<String> placeholders = sorryAllowed ? List.of(ADMIT) : List.of(SORRY, ADMIT);
      for (String placeholder : placeholders) {
        int at = LeanWords.find(masked, placeholder, 0);
        if (at >= 0) {
          return new ExtractionFailure(ExtractionFailure.Reason.SORRY, where(part, at, placeholder));
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
    String text = SourceMask.withoutComments(normalise(statement)).strip();
    if (text.endsWith("by") && LeanWords.find(text, "by", text.length() - 2) >= 0) {
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
      if (pendingSpace && LeanWords.isIdentChar(out.codePointBefore(out.length())) && LeanWords.isIdentChar(cp)) {
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
