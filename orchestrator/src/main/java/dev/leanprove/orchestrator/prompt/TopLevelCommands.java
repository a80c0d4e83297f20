package dev.leanprove.orchestrator.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Lean code block cut into its top-level commands.
 *
 * <p>A command starts at column 0 with a command keyword (after any {@code @[…]} attributes
 * and modifiers such as {@code private}); it runs to the start of the next one, and a doc
 * comment right before it belongs to it. Text before the first command is the preamble.
 */
final class TopLevelCommands {

  /** Declarations whose body can be a proof. */
  static final Set<String> THEOREM_KEYWORDS = Set.of("theorem", "lemma", "example");

  /** Header commands that the orchestrator supplies itself, so a model's copy is dropped. */
  static final Set<String> HEADER_KEYWORDS = Set.of("import", "set_option", "open");

  private static final Set<String> MODIFIERS =
      Set.of("private", "protected", "noncomputable", "partial", "unsafe", "nonrec");

  private static final Set<String> COMMAND_KEYWORDS =
      Set.of(
          "theorem", "lemma", "def", "example", "abbrev", "instance", "structure", "inductive",
          "class", "axiom", "opaque", "mutual", "namespace", "section", "end", "open",
          "set_option", "import", "variable", "universe", "attribute", "notation", "infix",
          "infixl", "infixr", "prefix", "postfix", "macro", "macro_rules", "syntax", "elab",
          "elab_rules", "local", "scoped", "deriving", "export", "omit", "include");

  /**
   * One command; {@code start} includes its doc comment, {@code keywordStart} is where the
   * keyword is, {@code name} is the declared name ("" when there is none, as for {@code example}).
   */
  record Command(int start, int end, int keywordStart, String keyword, String name) {

    boolean declaresTheorem() {
      return THEOREM_KEYWORDS.contains(keyword);
    }

    boolean isHeader() {
      return HEADER_KEYWORDS.contains(keyword);
    }
  }

  private final String code;
  private final List<Command> commands;

  private TopLevelCommands(String code, List<Command> commands) {
    this.code = code;
    this.commands = List.copyOf(commands);
  }

  static TopLevelCommands of(String code) {
    String masked = SourceMask.codeOnly(code);
    List<SourceMask.Span> docComments = new ArrayList<>();
    for (SourceMask.Span span : SourceMask.spans(code)) {
      if (span.kind() == SourceMask.Kind.DOC_COMMENT) {
        docComments.add(span);
      }
    }
    List<Command> heads = new ArrayList<>();
    int lineStart = 0;
    int consumed = -1;
    while (lineStart < code.length()) {
      int lineEnd = code.indexOf('\n', lineStart);
      lineEnd = lineEnd < 0 ? code.length() : lineEnd;
      if (lineStart > consumed && lineStart < lineEnd && !Character.isWhitespace(code.charAt(lineStart))) {
        int keywordStart = keywordStart(masked, lineStart);
        String keyword = keywordStart < 0 ? "" : keywordAt(masked, keywordStart);
        if (COMMAND_KEYWORDS.contains(keyword) || keyword.startsWith("#")) {
          String name = keyword.equals("example") ? "" : declaredName(masked, keywordStart + keyword.length());
          heads.add(new Command(withDocComment(code, lineStart, docComments), -1, keywordStart, keyword, name));
          consumed = keywordStart;
        }
      }
      lineStart = lineEnd + 1;
    }
    List<Command> commands = new ArrayList<>();
    for (int k = 0; k < heads.size(); k++) {
      Command head = heads.get(k);
      int end = k + 1 < heads.size() ? heads.get(k + 1).start() : code.length();
      if (head.isHeader()) {
        // Header lines are one line each; what follows them is stray text, not part of them.
        int lineEnd = code.indexOf('\n', head.keywordStart());
        end = lineEnd < 0 ? end : Math.min(end, lineEnd + 1);
      }
      commands.add(new Command(head.start(), end, head.keywordStart(), head.keyword(), head.name()));
    }
    return new TopLevelCommands(code, commands);
  }

  List<Command> commands() {
    return commands;
  }

  String text(Command command) {
    return code.substring(command.start(), command.end());
  }

  /** The code outside every command, with header lines removed: a bare tactic script if the block holds one. */
  String strayText() {
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Command command : commands) {
      out.append(code, at, command.start());
      at = command.end();
    }
    out.append(code.substring(at));
    return out.toString();
  }

  /** Where the command keyword is, past {@code @[…]} attributes and modifiers; -1 when there is no word. */
  private static int keywordStart(String masked, int lineStart) {
    int i = lineStart;
    boolean acrossLines = false;
    while (i < masked.length()) {
      char c = masked.charAt(i);
      if (c == ' ' || c == '\t' || (c == '\n' && acrossLines)) {
        i++;
      } else if (masked.startsWith("@[", i)) {
        int close = masked.indexOf(']', i);
        if (close < 0) {
          return -1;
        }
        i = close + 1;
        acrossLines = true;
      } else if (c == '#') {
        return i;
      } else {
        String word = LeanWords.nameAt(masked, i);
        if (!MODIFIERS.contains(word)) {
          return word.isEmpty() ? -1 : i;
        }
        i += word.length();
        acrossLines = true;
      }
    }
    return -1;
  }

  private static String keywordAt(String masked, int at) {
    return masked.charAt(at) == '#' ? "#" + LeanWords.nameAt(masked, at + 1) : LeanWords.nameAt(masked, at);
  }

  private static String declaredName(String masked, int afterKeyword) {
    int i = afterKeyword;
    while (i < masked.length() && (masked.charAt(i) == ' ' || masked.charAt(i) == '\n')) {
      i++;
    }
    return i < masked.length() ? LeanWords.nameAt(masked, i) : "";
  }

  /** Moves a command's start back over the doc comment that directly precedes it. */
  private static int withDocComment(String code, int lineStart, List<SourceMask.Span> docComments) {
    for (SourceMask.Span doc : docComments) {
      if (doc.end() <= lineStart && code.substring(doc.end(), lineStart).isBlank()) {
        return doc.start();
      }
    }
    return lineStart;
  }
}
