package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what a proof may not contain (DESIGN §3 rules 2 and 4), in text whose comments and strings
 * are already blanked, so a word in a comment is never held against a proof.
 */
final class ForbiddenScan {

  /** One rule broken at one place. */
  record Finding(ReasonCode code, String token, int offset, String why) {}

  /** What is scanned: a model's proof, or a whole user file whose header and scopes are its own. */
  enum Scope {
    PROOF,
    FILE
  }

  private static final Map<String, String> SORRY_TOKENS = Map.of(
      "sorry", "uses sorry",
      "admit", "uses admit, which is sorry");

  private static final Map<String, String> FORBIDDEN_TOKENS = forbiddenTokens();

  // Commands that change the scope for everything after them; legal in a file, never in a proof.
  private static final List<String> SCOPE_COMMANDS = List.of("namespace", "section", "end", "variable", "universe");

  private final Set<String> allowed;

  ForbiddenScan(Set<String> allowed) {
    this.allowed = Set.copyOf(allowed);
  }

  private static Map<String, String> forbiddenTokens() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("axiom", "declares an axiom, which proves anything");
    m.put("#exit", "stops Lean before the rest of the file is checked");
    m.put("implemented_by", "swaps in unchecked code");
    m.put("extern", "swaps in unchecked code");
    m.put("unsafe", "escapes the kernel's checks");
    m.put("csimp", "swaps in unchecked code");
    m.put("run_cmd", "runs code while checking");
    m.put("run_elab", "runs code while checking");
    m.put("run_meta", "runs code while checking");
    m.put("run_tac", "runs code while checking");
    m.put("#eval", "runs code while checking");
    m.put("#eval!", "runs code while checking");
    m.put("apply?", "can fake a proof (Lean 4.9 bug) and only searches");
    m.put("exact?", "can fake a proof (Lean 4.9 bug) and only searches");
    m.put("import", "imports are fixed by the original header");
    m.put("notation", "local notation can shadow the goal's symbols");
    m.put("macro", "a macro can shadow the goal's syntax");
    m.put("macro_rules", "a macro can shadow the goal's syntax");
    m.put("syntax", "new syntax can shadow the goal's symbols");
    m.put("elab", "a custom elaborator runs unchecked code");
    m.put("elab_rules", "a custom elaborator runs unchecked code");
    m.put("infix", "local notation can shadow the goal's symbols");
    m.put("infixl", "local notation can shadow the goal's symbols");
    m.put("infixr", "local notation can shadow the goal's symbols");
    m.put("prefix", "local notation can shadow the goal's symbols");
    m.put("postfix", "local notation can shadow the goal's symbols");
    return m;
  }

  /** Every rule broken in {@code blanked}, in text order. */
  List<Finding> scan(String blanked, Scope scope) {
    List<Finding> findings = new ArrayList<>();
    SORRY_TOKENS.forEach((token, why) -> add(findings, blanked, token, ReasonCode.SORRY, why));
    FORBIDDEN_TOKENS.forEach(
        (token, why) -> {
          if (scope == Scope.PROOF || !token.equals("import")) {
            add(findings, blanked, token, ReasonCode.FORBIDDEN, why);
          }
        });
    if (!allowed.contains("set_option debug")) {
      for (int at : LeanText.findToken(blanked, "set_option")) {
        String rest = blanked.substring(at + "set_option".length()).stripLeading();
        if (rest.startsWith("debug.")) {
          findings.add(new Finding(ReasonCode.FORBIDDEN, "set_option debug.*", at, "debug options switch off checks"));
        }
      }
    }
    for (String command : SCOPE_COMMANDS) {
      if (scope == Scope.FILE || allowed.contains(command)) {
        continue;
      }
      for (int at : LeanText.findToken(blanked, command)) {
        if (at == 0 || blanked.charAt(at - 1) == '\n') {
          findings.add(new Finding(ReasonCode.FORBIDDEN, command, at, "a scope command does not belong in a proof"));
        }
      }
    }
    findings.sort(Comparator.comparingInt(Finding::offset));
    return findings;
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
