package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A subgoal's proof as a lemma would have it after {@code :=}, laid out again for another place:
 * after a have's {@code :=}, in place of a tactic step, or after a lemma's {@code :=}.
 *
 * <p>Three shapes: a tactic block with {@code by} alone on its first line (its lines keep their
 * relative indentation); a one-line or inline {@code by tac …} whose later lines continue the first
 * tactic; and a term. A body without {@code by} whose first word is a well-known tactic
 * ({@code nlinarith [...]}) is read as a tactic block, since that is what a model means by it;
 * anything else without {@code by} is a term. Continuation lines of inline tactics and terms go
 * {@value #CONTINUATION} columns deeper than the step, so they can never be read as a new step.
 */
final class ProofBody {

  static final int CONTINUATION = 4;

  /** Tactics a bare body starts with; words that are also terms ({@code rfl}, {@code trivial}) read the same either way. */
  private static final Set<String> TACTICS = Set.of(
      "nlinarith", "linarith", "positivity", "norm_num", "simp", "simp_all", "simpa", "field_simp", "ring", "ring_nf",
      "omega", "decide", "norm_cast", "push_cast", "exact_mod_cast", "exact", "apply", "refine", "refine'", "intro",
      "intros", "rintro", "rw", "rwa", "nth_rewrite", "constructor", "use", "exists", "cases", "cases'", "rcases",
      "obtain", "induction", "induction'", "by_contra", "by_contra!", "by_cases", "push_neg", "contrapose",
      "contrapose!", "aesop", "tauto", "polyrith", "gcongr", "bound", "interval_cases", "contradiction", "exfalso",
      "assumption", "subst", "subst_vars", "unfold", "have", "calc", "first", "all_goals", "any_goals", "repeat",
      "try", "split_ifs", "specialize", "congr", "ext", "funext", "left", "right", "zify", "qify", "linarith!",
      "nlinarith!", "norm_num1", "simp_arith", "native_decide", "rfl", "trivial", "symm", "change", "set", "let",
      "haveI", "letI", "replace", "clear", "nlinarith?", "field_simp?", "positivity?", "apply_fun", "conv",
      "filter_upwards", "fin_cases", "match", "suffices", "wlog", "abel", "group", "noncomm_ring", "linear_combination");

  private enum Shape {
    BLOCK,
    INLINE_TACTIC,
    TERM
  }

  private final Shape shape;
  private final List<String> lines;

  private ProofBody(Shape shape, List<String> lines) {
    this.shape = shape;
    this.lines = lines;
  }

  /** @throws IllegalArgumentException if {@code body} is blank or a bare {@code by} */
  static ProofBody of(String body) {
    BlankedText blanked = LeanLexer.lex(body);
    int start = blanked.skipLayout(0, body.length());
    if (start >= body.length()) {
      throw new IllegalArgumentException("the proof is empty");
    }
    // Comments before the first token would otherwise hide whether the body starts with `by`.
    String text = body.substring(start, blanked.trimLayout(start, body.length()));
    String code = LeanText.blankCommentsAndStrings(text);
    IdentifierReader identifiers = new IdentifierReader(code);
    int firstEnd = identifiers.end(0);
    String first = code.substring(0, firstEnd);
    if (first.equals("by")) {
      String rest = text.substring(2);
      int newline = rest.indexOf('\n');
      String firstLine = newline < 0 ? rest : rest.substring(0, newline);
      List<String> later = newline < 0 ? List.of() : Indentation.lines(rest.substring(newline + 1));
      if (LeanText.blankCommentsAndStrings(firstLine).isBlank()) {
        List<String> block = trimBlank(Indentation.moveTo(later, 0));
        if (block.isEmpty()) {
          throw new IllegalArgumentException("the proof is `by` with no tactic");
        }
        return new ProofBody(Shape.BLOCK, block);
      }
      return inline(Shape.INLINE_TACTIC, firstLine.strip(), later);
    }
    List<String> all = Indentation.lines(text);
    if (TACTICS.contains(first) || first.isEmpty() && code.startsWith("·")) {
      List<String> later = Indentation.moveTo(all.subList(1, all.size()), 0);
      List<String> block = new ArrayList<>();
      block.add(all.get(0).strip());
      block.addAll(later);
      return new ProofBody(Shape.BLOCK, trimBlank(block));
    }
    return inline(Shape.TERM, all.get(0).strip(), all.subList(1, all.size()));
  }

  private static ProofBody inline(Shape shape, String first, List<String> later) {
    List<String> lines = new ArrayList<>();
    lines.add(first);
    lines.addAll(trimBlank(Indentation.moveTo(later, CONTINUATION)));
    return new ProofBody(shape, lines);
  }

  private static List<String> trimBlank(List<String> lines) {
    int from = 0;
    int to = lines.size();
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    return new ArrayList<>(lines.subList(from, to));
  }

  /** The body after {@code :=} of a have or lemma whose line is indented {@code column}. */
  String afterAssign(int column) {
    if (shape == Shape.BLOCK) {
      return "by" + joined(lines, column + 2);
    }
    return (shape == Shape.INLINE_TACTIC ? "by " : "") + lines.get(0) + joined(lines.subList(1, lines.size()), column);
  }

  /**
   * The body as tactic steps at {@code column}, the first one written where the replaced step
   * started (so without indentation of its own).
   */
  String asTactics(int column) {
    if (shape == Shape.BLOCK) {
      return lines.get(0) + joined(lines.subList(1, lines.size()), column);
    }
    return (shape == Shape.TERM ? "exact " : "") + lines.get(0) + joined(lines.subList(1, lines.size()), column);
  }

  private static String joined(List<String> lines, int column) {
    StringBuilder b = new StringBuilder();
    for (String line : lines) {
      b.append('\n');
      if (!line.isEmpty()) {
        b.append(" ".repeat(column)).append(line);
      }
    }
    return b.toString();
  }
}
