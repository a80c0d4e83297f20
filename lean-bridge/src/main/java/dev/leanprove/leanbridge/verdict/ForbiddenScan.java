package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.source.LexicalError;
import dev.leanprove.leanbridge.source.TopLevelCommand;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a text may not contain (DESIGN §3 rules 2 and 4), reading it with lean-bridge's one Lean lexer:
 * a word in a comment or string is never held against a proof, the code inside an interpolated string is,
 * and a text Lean cannot lex to its end is refused outright, since Lean would read on inside it.
 *
 * <p>Two scopes. A user's {@link Scope#FILE file} is the challenge: declarations, {@code instance},
 * {@code variable}, {@code namespace} and the like are its own, but nothing may run code while Lean checks it
 * or switch checks off. {@link Scope#PROOF Model output} (a proof body and the auxiliary declarations before
 * the target) is held to strict rules: no command, attribute or option beyond what a proof needs, and the
 * auxiliary declarations must be plain {@code theorem}/{@code lemma}/{@code def}s ({@link #auxiliary}).
 */
final class ForbiddenScan {

  /** One rule broken at one place; {@code offset} is into the scanned text. */
  record Finding(ReasonCode code, String token, int offset, String why) {}

  /** What is scanned: model output, or a whole user file whose header and scopes are its own. */
  enum Scope {
    PROOF,
    FILE
  }

  private static final Map<String, String> SORRY_TOKENS = Map.of(
      "sorry", "uses sorry",
      "admit", "uses admit, which is sorry");

  private static final String RUNS_CODE = "runs code while Lean checks the file";
  private static final String NOTATION = "notation can change what the statement's symbols mean";

  /** Forbidden in every text: each one runs code at check time, swaps in unchecked code or fakes a proof. */
  private static final Map<String, String> FORBIDDEN_TOKENS = forbiddenTokens();

  /** Commands that change what the statement means or how it is checked: a file's own, never a proof's. */
  private static final Map<String, String> PROOF_ONLY_TOKENS = proofOnlyTokens();

  /**
   * {@code #} commands, matched as Lean's tokenizer does, longest first ({@code #guard_msgs} is not {@code #guard}).
   * In a proof every one is refused; in a file only those that evaluate code, reach the network or end checking.
   */
  private static final List<String> HASH_COMMANDS = List.of(
      "#eval!", "#eval", "#exit", "#print", "#check_failure", "#check", "#reduce", "#synth", "#guard_msgs",
      "#guard_expr", "#guard", "#help", "#find", "#simp", "#norm_num", "#conv", "#whnf", "#lint", "#where",
      "#version", "#html", "#widget", "#test", "#sample", "#leansearch", "#loogle", "#moogle", "#statesearch",
      "#time", "#explode", "#instances", "#min_imports", "#import_path", "#adaptation_note", "#count_heartbeats");

  private static final Set<String> FILE_FORBIDDEN_HASH_COMMANDS = Set.of(
      "#eval!", "#eval", "#exit", "#guard", "#html", "#widget", "#test", "#sample", "#leansearch", "#loogle",
      "#moogle", "#statesearch");

  /** Attributes that install code Lean runs while checking (elaborators, macros, simprocs, extensions) or swap it. */
  private static final Set<String> CODE_ATTRIBUTES = Set.of(
      "command_elab", "term_elab", "tactic", "macro", "delab", "app_unexpander", "app_delab", "init",
      "builtin_init", "implemented_by", "extern", "csimp", "export", "simproc", "sevalproc", "builtin_simproc",
      "builtin_command_elab", "builtin_term_elab", "builtin_tactic", "builtin_macro", "builtin_delab",
      "command_parser", "term_parser", "tactic_parser", "builtin_command_parser", "builtin_term_parser",
      "builtin_tactic_parser", "env_linter", "norm_num", "positivity", "code_action", "command_code_action",
      "hole_code_action", "tactic_code_action", "widget", "widget_module", "run_builtin_parser_attribute_hooks");

  /** Options a proof may set ({@code set_option maxHeartbeats 400000 in}); the first part is enough for families. */
  private static final Set<String> PROOF_OPTIONS = Set.of(
      "maxHeartbeats", "maxRecDepth", "synthInstance.maxHeartbeats", "synthInstance.maxSize");
  private static final Set<String> PROOF_OPTION_FAMILIES = Set.of("linter", "pp", "trace", "profiler");

  /** What an auxiliary declaration may be, and the one modifier it may carry. */
  private static final Set<String> AUXILIARY_KEYWORDS = Set.of("theorem", "lemma", "def");
  private static final Set<String> AUXILIARY_MODIFIERS = Set.of("noncomputable");

  private final Set<String> allowed;

  ForbiddenScan(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  private static Map<String, String> forbiddenTokens() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("axiom", "declares an axiom, which proves anything");
    m.put("implemented_by", "swaps in unchecked code");
    m.put("extern", "swaps in unchecked code");
    m.put("unsafe", "escapes the kernel's checks");
    m.put("csimp", "swaps in unchecked code");
    m.put("run_cmd", RUNS_CODE);
    m.put("run_elab", RUNS_CODE);
    m.put("run_meta", RUNS_CODE);
    m.put("run_tac", RUNS_CODE);
    m.put("initialize", RUNS_CODE);
    m.put("builtin_initialize", RUNS_CODE);
    m.put("include_str", "reads a file while Lean checks");
    m.put("simproc", "installs a simplification procedure, code that runs inside simp");
    m.put("dsimproc", "installs a simplification procedure, code that runs inside simp");
    m.put("simproc_decl", "installs a simplification procedure, code that runs inside simp");
    m.put("dsimproc_decl", "installs a simplification procedure, code that runs inside simp");
    m.put("builtin_simproc", "installs a simplification procedure, code that runs inside simp");
    m.put("builtin_dsimproc", "installs a simplification procedure, code that runs inside simp");
    m.put("apply?", "can fake a proof (Lean 4.9 bug) and only searches");
    m.put("exact?", "can fake a proof (Lean 4.9 bug) and only searches");
    m.put("notation", NOTATION);
    m.put("macro", "a macro runs code and can change what the statement's syntax means");
    m.put("macro_rules", "a macro runs code and can change what the statement's syntax means");
    m.put("syntax", "new syntax can change what the statement's symbols mean");
    m.put("declare_syntax_cat", "new syntax can change what the statement's symbols mean");
    m.put("elab", "a custom elaborator runs unchecked code");
    m.put("elab_rules", "a custom elaborator runs unchecked code");
    m.put("infix", NOTATION);
    m.put("infixl", NOTATION);
    m.put("infixr", NOTATION);
    m.put("prefix", NOTATION);
    m.put("postfix", NOTATION);
    return m;
  }

  private static Map<String, String> proofOnlyTokens() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("import", "imports are fixed by the original header");
    m.put("instance", "an instance can change what the statement's operations mean");
    m.put("attribute", "an attribute command can change instances, simp sets or installed code");
    m.put("deriving", "deriving handlers add instances");
    String scope = "a scope command changes names and variables around the statement";
    for (String command : List.of("namespace", "section", "end", "universe", "variable", "include", "omit",
        "export", "mutual")) {
      m.put(command, scope);
    }
    return m;
  }

  /** Every rule broken in {@code text} (raw Lean, comments and all), in text order. */
  List<Finding> scan(String text, Scope scope) {
    List<Finding> findings = new ArrayList<>();
    for (LexicalError e : LeanText.lexicalErrors(text)) {
      findings.add(new Finding(ReasonCode.FORBIDDEN, "unreadable", e.offset(),
          e.problem() + ": Lean would read on from inside it, so the text cannot be screened"));
    }
    if (!findings.isEmpty()) {
      // Nothing after the first error reads as Lean reads it; the text is refused for that alone.
      return findings;
    }
    String blanked = LeanText.blankCommentsAndStrings(text);
    SORRY_TOKENS.forEach((token, why) -> add(findings, blanked, token, ReasonCode.SORRY, why));
    FORBIDDEN_TOKENS.forEach((token, why) -> add(findings, blanked, token, ReasonCode.FORBIDDEN, why));
    if (scope == Scope.PROOF) {
      PROOF_ONLY_TOKENS.forEach((token, why) -> add(findings, blanked, token, ReasonCode.FORBIDDEN, why));
    }
    hashCommands(findings, text, blanked, scope);
    options(findings, blanked, scope);
    attributes(findings, blanked);
    findings.sort(Comparator.comparingInt(Finding::offset));
    return findings;
  }

  /**
   * What is wrong with the model's auxiliary declarations ({@code auxiliary}, placed before the target): the
   * strict scan, and an allow-list of their shape. Each must be a {@code theorem}, {@code lemma} or {@code def},
   * with at most a docstring and {@code noncomputable} before it; no attribute, no other modifier
   * ({@code private} included), no other command. Anything else there could change the target statement's
   * meaning, which is elaborated after it.
   */
  List<Finding> auxiliary(String auxiliary) {
    List<Finding> findings = new ArrayList<>();
    String blanked = LeanText.blankCommentsAndStrings(auxiliary);
    LeanSource parsed = LeanSource.parse(auxiliary);
    int at = 0;
    for (TopLevelCommand command : parsed.commands()) {
      strayCode(findings, blanked, at, command.start());
      if (!AUXILIARY_KEYWORDS.contains(command.keyword())) {
        String token = command.keyword().isEmpty() ? "text" : command.keyword();
        findings.add(new Finding(ReasonCode.FORBIDDEN, token, command.keywordStart(),
            "an auxiliary declaration may only be a theorem, lemma or def"));
      } else {
        modifiers(findings, blanked, command.start(), command.keywordStart());
      }
      at = command.end();
    }
    strayCode(findings, blanked, at, auxiliary.length());
    findings.sort(Comparator.comparingInt(Finding::offset));
    // The scan's findings name the token itself, so they come first.
    List<Finding> all = new ArrayList<>(scan(auxiliary, Scope.PROOF));
    all.addAll(findings);
    return all;
  }

  private static void strayCode(List<Finding> findings, String blanked, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(blanked.charAt(i))) {
        findings.add(new Finding(ReasonCode.FORBIDDEN, "text", i,
            "an auxiliary declaration may only be a theorem, lemma or def"));
        return;
      }
    }
  }

  private static void modifiers(List<Finding> findings, String blanked, int from, int to) {
    int i = from;
    while (i < to) {
      if (Character.isWhitespace(blanked.charAt(i))) {
        i++;
        continue;
      }
      List<String> word = LeanText.nameAt(blanked, i);
      String modifier = String.join(".", word);
      if (word.size() != 1 || !AUXILIARY_MODIFIERS.contains(modifier)) {
        String token = word.isEmpty() ? blanked.substring(i, Math.min(to, i + 2)).strip() : modifier;
        findings.add(new Finding(ReasonCode.FORBIDDEN, token, i,
            "an auxiliary declaration may carry a docstring and noncomputable only"));
        return;
      }
      i += modifier.length();
    }
  }

  private void hashCommands(List<Finding> findings, String text, String blanked, Scope scope) {
    String delimited = null;
    for (int at : LeanText.findToken(blanked, "#")) {
      String command = longestHashCommand(blanked, at);
      if (command.isEmpty() || allowed.contains(command)) {
        continue;
      }
      if (scope == Scope.PROOF) {
        findings.add(new Finding(ReasonCode.FORBIDDEN, command, at, "a command does not belong in a proof"));
      } else if (FILE_FORBIDDEN_HASH_COMMANDS.contains(command)) {
        String why = command.equals("#exit") ? "stops Lean before the rest of the file is checked" : RUNS_CODE;
        findings.add(new Finding(ReasonCode.FORBIDDEN, command, at, why));
      } else if (command.equals("#print")) {
        // `#print "…"` prints any text as a Lean message, such as a fake axiom report.
        delimited = delimited == null ? LeanText.blankCommentsAndStringContents(text) : delimited;
        int next = at + command.length();
        while (next < delimited.length() && Character.isWhitespace(delimited.charAt(next))) {
          next++;
        }
        if (delimited.startsWith("\"", next) || delimited.startsWith("r\"", next) || delimited.startsWith("r#", next)) {
          findings.add(new Finding(ReasonCode.FORBIDDEN, "#print \"…\"", at,
              "prints arbitrary text as a Lean message, which could pose as an axiom report"));
        }
      }
    }
  }

  private static String longestHashCommand(String blanked, int at) {
    String longest = "";
    for (String command : HASH_COMMANDS) {
      if (command.length() > longest.length() && blanked.startsWith(command, at)) {
        longest = command;
      }
    }
    return longest;
  }

  /** {@code set_option NAME …}: the name read as a Lean name, so {@code «debug».skipKernelTC} is {@code debug.skipKernelTC}. */
  private void options(List<Finding> findings, String blanked, Scope scope) {
    for (int at : LeanText.findToken(blanked, "set_option")) {
      List<String> parts = LeanText.nameAt(blanked, at + "set_option".length());
      String name = String.join(".", parts);
      if (parts.isEmpty()) {
        findings.add(new Finding(ReasonCode.FORBIDDEN, "set_option", at, "the option's name cannot be read"));
      } else if (parts.get(0).equals("debug")) {
        if (!allowed.contains("set_option debug")) {
          findings.add(new Finding(ReasonCode.FORBIDDEN, "set_option " + name, at, "debug options switch off checks"));
        }
      } else if (scope == Scope.PROOF && !PROOF_OPTIONS.contains(name) && !PROOF_OPTION_FAMILIES.contains(parts.get(0))
          && !allowed.contains("set_option " + name)) {
        findings.add(new Finding(ReasonCode.FORBIDDEN, "set_option " + name, at,
            "a proof may set only heartbeat, recursion-depth, linter, pp and trace options"));
      }
    }
  }

  /**
   * {@code @[…]} and {@code attribute […]}: any identifier in the list that names an attribute installing code
   * ({@code @[simp, command_elab Foo]}, {@code @[aesop unsafe tactic]}), wherever it stands in the list.
   */
  private void attributes(List<Finding> findings, String blanked) {
    List<Integer> opens = new ArrayList<>();
    for (int at : LeanText.findToken(blanked, "@")) {
      if (at + 1 < blanked.length() && blanked.charAt(at + 1) == '[') {
        opens.add(at + 1);
      }
    }
    for (int at : LeanText.findToken(blanked, "attribute")) {
      int i = at + "attribute".length();
      while (i < blanked.length() && Character.isWhitespace(blanked.charAt(i))) {
        i++;
      }
      if (i < blanked.length() && blanked.charAt(i) == '[') {
        opens.add(i);
      }
    }
    // One pass with a stack of open brackets, so that nested or unclosed lists cost no more than the text.
    Set<Integer> attributeOpens = new HashSet<>(opens);
    Deque<Boolean> stack = new ArrayDeque<>();
    int insideLists = 0;
    int[] spans = LeanText.identifierSpans(blanked);
    int span = 0;
    int i = opens.isEmpty() ? blanked.length() : Collections.min(opens);
    while (i < blanked.length()) {
      while (span < spans.length && spans[span] < i) {
        span += 2;
      }
      if (span < spans.length && spans[span] == i) {
        if (insideLists > 0) {
          String attribute = String.join(".", LeanText.nameAt(blanked, i));
          if (CODE_ATTRIBUTES.contains(attribute) && !allowed.contains(attribute)) {
            findings.add(new Finding(ReasonCode.FORBIDDEN, "@[" + attribute + "]", i,
                "this attribute installs code that Lean runs while checking"));
          }
        }
        i = spans[span + 1];
        continue;
      }
      char c = blanked.charAt(i);
      if (c == '[') {
        boolean list = attributeOpens.contains(i);
        stack.push(list);
        insideLists += list ? 1 : 0;
      } else if (c == ']' && !stack.isEmpty()) {
        insideLists -= stack.pop() ? 1 : 0;
      }
      i++;
    }
  }

  private void add(List<Finding> findings, String blanked, String token, ReasonCode code, String why) {
    if (allowed.contains(token)) {
      return;
    }
    for (int at : LeanText.findToken(blanked, token)) {
      findings.add(new Finding(code, token, at, why));
    }
  }
}
