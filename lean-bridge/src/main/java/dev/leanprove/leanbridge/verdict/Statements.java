package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanText;
import java.util.List;
import java.util.Set;

/**
 * Whether two statements of a theorem say the same: the one rule used everywhere, on the tokens of
 * lean-bridge's one Lean lexer. Layout and comments never count ({@code (2 : ℕ)} is {@code (2:ℕ)},
 * {@code x+1} is {@code x + 1}); a different token always does. The declaration's keyword and name,
 * attributes and modifiers before them, and a trailing {@code :=} or {@code := by} are not part of it.
 */
public final class Statements {

  private static final Set<String> KEYWORDS = Set.of("theorem", "lemma");
  private static final Set<String> MODIFIERS =
      Set.of("private", "protected", "noncomputable", "nonrec", "partial", "unsafe");

  private Statements() {}

  /** Whether two statements ({@code theorem NAME binders : type}, with or without {@code :=}) say the same. */
  public static boolean equivalent(String original, String claimed) {
    List<String> a = tokens(original);
    return !a.isEmpty() && a.equals(tokens(claimed));
  }

  static List<String> tokens(String statement) {
    List<String> t = LeanText.tokens(statement);
    int from = 0;
    while (from < t.size()) {
      if (t.get(from).equals("@") && from + 1 < t.size() && t.get(from + 1).equals("[")) {
        from = afterClosingBracket(t, from + 1);
      } else if (MODIFIERS.contains(t.get(from))) {
        from++;
      } else {
        break;
      }
    }
    if (from < t.size() && KEYWORDS.contains(t.get(from))) {
      from = Math.min(t.size(), from + 2);
    } else if (from < t.size() && t.get(from).equals("example")) {
      from++;
    }
    int to = t.size();
    if (to - from >= 3 && t.get(to - 1).equals("by") && t.get(to - 2).equals("=") && t.get(to - 3).equals(":")) {
      to -= 3;
    } else if (to - from >= 2 && t.get(to - 1).equals("=") && t.get(to - 2).equals(":")) {
      to -= 2;
    }
    return t.subList(from, to);
  }

  private static int afterClosingBracket(List<String> t, int open) {
    int depth = 0;
    for (int k = open; k < t.size(); k++) {
      if (t.get(k).equals("[")) {
        depth++;
      } else if (t.get(k).equals("]") && --depth == 0) {
        return k + 1;
      }
    }
    return t.size();
  }
}
