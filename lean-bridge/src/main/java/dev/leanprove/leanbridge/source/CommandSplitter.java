package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a blanked Lean text into top-level commands.
 *
 * <p>A command starts on a line whose column 0 holds a command keyword, {@code #command}, {@code @[},
 * or a doc comment. Lean itself ends a command wherever the next one parses, but the texts this
 * project reads (miniF2F, DeepSeek-Prover output, Mathlib style) put every command at column 0 and
 * indent everything inside a proof. Relying on that keeps a keyword inside a proof from cutting it
 * short and keeps the split linear.
 */
final class CommandSplitter {

  static final Set<String> COMMAND_KEYWORDS = Set.of(
      "theorem", "lemma", "def", "example", "abbrev", "instance", "structure", "inductive",
      "coinductive", "class", "namespace", "section", "end", "open", "export", "variable",
      "variables", "universe", "universes", "set_option", "attribute", "noncomputable", "private",
      "protected", "public", "nonrec", "partial", "unsafe", "scoped", "local", "macro",
      "macro_rules", "syntax", "notation", "infix", "infixl", "infixr", "prefix", "postfix", "elab",
      "elab_rules", "axiom", "opaque", "import", "mutual", "deriving", "omit", "include",
      "initialize", "builtin_initialize", "declare_syntax_cat", "add_decl_doc", "alias",
      "irreducible_def", "run_cmd", "run_elab", "run_meta", "assert_not_exists", "library_note",
      "register_option", "register_simp_attr", "suppress_compilation", "unseal", "seal",
      "proof_wanted", "simproc", "dsimproc", "compile_inductive");

  /** Words that may precede a declaration's keyword. */
  private static final Set<String> MODIFIERS = Set.of(
      "private", "protected", "public", "noncomputable", "nonrec", "partial", "unsafe", "scoped", "local");

  /** Commands that become a prefix of the next one when written {@code … in}. */
  private static final Set<String> IN_PREFIXES = Set.of(
      "open", "set_option", "variable", "omit", "include", "attribute");

  private final BlankedText blanked;
  private final String text;
  private final IdentifierReader identifiers;

  private CommandSplitter(BlankedText blanked) {
    this.blanked = blanked;
    this.text = blanked.text();
    this.identifiers = new IdentifierReader(text);
  }

  static List<Command> split(BlankedText blanked) {
    return new CommandSplitter(blanked).run();
  }

  /**
   * The commands with each run of {@link CommandKind#PREFIX} commands folded into the command after it,
   * which then starts where its first prefix does; a prefix with no command after it is left out.
   */
  static List<Command> joinPrefixes(List<Command> commands) {
    List<Command> joined = new ArrayList<>(commands.size());
    int prefixStart = -1;
    for (Command command : commands) {
      if (command.kind() == CommandKind.PREFIX) {
        prefixStart = prefixStart < 0 ? command.start() : prefixStart;
        continue;
      }
      int start = prefixStart < 0 ? command.start() : prefixStart;
      prefixStart = -1;
      joined.add(new Command(command.kind(), start, command.end(), command.headStart(), command.head()));
    }
    return joined;
  }

  private List<Command> run() {
    List<Integer> starts = new ArrayList<>();
    int lineStart = 0;
    while (lineStart < text.length()) {
      boolean byteOrderMark = lineStart == 0 && text.startsWith("\uFEFF");
      if (startsCommand(byteOrderMark ? 1 : lineStart)) {
        starts.add(lineStart);
      }
      int nl = text.indexOf('\n', lineStart);
      if (nl < 0) {
        break;
      }
      lineStart = nl + 1;
    }
    List<Command> commands = new ArrayList<>(starts.size());
    for (int k = 0; k < starts.size(); k++) {
      int end = k + 1 < starts.size() ? starts.get(k + 1) : text.length();
      commands.add(classify(starts.get(k), end));
    }
    return commands;
  }

  private boolean startsCommand(int at) {
    if (at >= text.length()) {
      return false;
    }
    if (blanked.docCommentStartsAt(at) || blanked.moduleDocStartsAt(at)) {
      return true;
    }
    char c = text.charAt(at);
    if (c == '@') {
      return at + 1 < text.length() && text.charAt(at + 1) == '[';
    }
    if (c == '#') {
      return wordEnd(at + 1) > at + 1;
    }
    return COMMAND_KEYWORDS.contains(text.substring(at, wordEnd(at)));
  }

  private Command classify(int start, int end) {
    boolean sawPrefix = blanked.docCommentStartsAt(start);
    int p = start;
    while (true) {
      p = blanked.skipLayout(p, end);
      if (p >= end) {
        break;
      }
      if (text.startsWith("@[", p)) {
        int close = closingBracket(p + 1, end);
        if (close < 0) {
          return new Command(CommandKind.OTHER, start, end, p, "");
        }
        p = close + 1;
        sawPrefix = true;
        continue;
      }
      String word = wordAt(p);
      if (MODIFIERS.contains(word)) {
        p += word.length();
        sawPrefix = true;
        continue;
      }
      if (IN_PREFIXES.contains(word)) {
        int afterIn = afterTopLevelIn(p + word.length(), end);
        if (afterIn >= 0) {
          p = afterIn;
          sawPrefix = true;
          continue;
        }
      }
      if (!isKeyword(word)) {
        // A docstring or module doc followed by something that is no command: no keyword to report.
        return new Command(CommandKind.OTHER, start, end, end, "");
      }
      return new Command(kindOf(word), start, end, p, word);
    }
    CommandKind kind = sawPrefix
        ? CommandKind.PREFIX
        : blanked.moduleDocStartsAt(start) ? CommandKind.MODULE_DOC : CommandKind.OTHER;
    return new Command(kind, start, end, end, "");
  }

  private static boolean isKeyword(String word) {
    return COMMAND_KEYWORDS.contains(word) || word.length() > 1 && word.charAt(0) == '#';
  }

  private static CommandKind kindOf(String word) {
    switch (word) {
      case "theorem":
      case "lemma":
      case "example":
        return CommandKind.DECLARATION;
      case "import":
        return CommandKind.IMPORT;
      case "open":
        return CommandKind.OPEN;
      case "set_option":
        return CommandKind.SET_OPTION;
      case "namespace":
        return CommandKind.NAMESPACE;
      case "section":
        return CommandKind.SECTION;
      case "mutual":
        return CommandKind.MUTUAL;
      case "end":
        return CommandKind.END;
      default:
        return CommandKind.OTHER;
    }
  }

  /** The keyword at {@code at}: a plain word, or {@code #word} for commands such as {@code #eval}. */
  private String wordAt(int at) {
    if (text.charAt(at) == '#') {
      return text.substring(at, wordEnd(at + 1));
    }
    return text.substring(at, wordEnd(at));
  }

  private int wordEnd(int at) {
    return IdentifierReader.plainPartEnd(text, at);
  }

  private int closingBracket(int open, int end) {
    int depth = 0;
    for (int i = open; i < end; i++) {
      char c = text.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Offset just after the first bracket-level {@code in} in [{@code from}, {@code end}), or -1. */
  private int afterTopLevelIn(int from, int end) {
    TokenWalk walk = new TokenWalk(text, identifiers, from, end);
    while (walk.next()) {
      boolean in = walk.end() - walk.start() == 2 && text.startsWith("in", walk.start());
      if (in && walk.isIdentifier() && walk.depth() == 0) {
        return walk.end();
      }
    }
    return -1;
  }
}
