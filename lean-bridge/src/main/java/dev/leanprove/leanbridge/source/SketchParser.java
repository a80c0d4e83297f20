package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Cuts a proof into its top-level tactic steps, the way Lean's tactic block reads them: a step
 * starts on a new line at the block's column, outside brackets. A line there that starts with a
 * combinator or an alternative ({@code <;>}, {@code |}, {@code else} …) continues the step before
 * it, since Lean's parser attaches it to the innermost tactic before it.
 */
final class SketchParser {

  private static final Set<String> CONTINUING_SYMBOLS = Set.of("<;>", "<|>", "|", ":=", ";");
  private static final Set<String> CONTINUING_WORDS = Set.of("else", "then", "with", "from", "at", "using");
  private static final Set<String> SORRY_WORDS = Set.of("sorry", "admit");

  private final String text;
  private final BlankedText blanked;
  private final String code;
  private final IdentifierReader identifiers;
  private final LineIndex lines;

  SketchParser(String text) {
    this.text = text;
    this.blanked = LeanLexer.lex(text);
    this.code = blanked.text();
    this.identifiers = new IdentifierReader(code);
    this.lines = LineIndex.of(text);
  }

  Sketch parse() {
    int n = text.length();
    int first = blanked.skipLayout(0, n);
    int end = blanked.trimLayout(first, n);
    if (first >= end) {
      return new Sketch(text, false, 0, false, List.of());
    }
    if (!isWord(first, "by")) {
      return new Sketch(text, false, column(first), false, List.of(otherStep(0, first, end)));
    }
    int blockStart = blanked.skipLayout(first + 2, end);
    if (blockStart >= end) {
      return new Sketch(text, true, column(first), false, List.of());
    }
    int blockColumn = column(blockStart);
    boolean onByLine = lines.lineOf(blockStart) == lines.lineOf(first);
    List<Integer> starts = stepStarts(blockStart, end, blockColumn);
    List<SketchStep> steps = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      int start = starts.get(k);
      int stepEnd = blanked.trimLayout(start, k + 1 < starts.size() ? starts.get(k + 1) : end);
      steps.add(step(k, start, stepEnd));
    }
    return new Sketch(text, true, blockColumn, onByLine, steps);
  }

  private List<Integer> stepStarts(int blockStart, int end, int blockColumn) {
    List<Integer> starts = new ArrayList<>();
    starts.add(blockStart);
    TokenWalk walk = new TokenWalk(code, identifiers, blockStart, end);
    while (walk.next()) {
      int i = walk.start();
      if (walk.firstOnLine() && walk.depth() == 0 && column(i) <= blockColumn && !continuesStep(i)) {
        starts.add(i);
      }
    }
    return starts;
  }

  private boolean continuesStep(int i) {
    int idEnd = identifiers.end(i);
    if (idEnd > i) {
      return CONTINUING_WORDS.contains(code.substring(i, idEnd));
    }
    return CONTINUING_SYMBOLS.stream().anyMatch(s -> code.startsWith(s, i) && !code.startsWith("||", i));
  }

  private SketchStep step(int index, int start, int end) {
    int keywordEnd = identifiers.end(start);
    String keyword = code.substring(start, keywordEnd);
    StepKind kind = keyword.equals("have") ? StepKind.HAVE : keyword.equals("obtain") ? StepKind.OBTAIN : StepKind.OTHER;
    int assign = kind == StepKind.OTHER ? -1 : topLevel(keywordEnd, end, true);
    if (assign < 0) {
      // Mathlib's `have h : P` without `:=` opens a goal: it is no hypothesis with a proof to split off.
      return otherStep(index, start, end);
    }
    int colon = topLevel(keywordEnd, assign, false);
    int targetStart = blanked.skipLayout(keywordEnd, assign);
    int targetEnd = blanked.trimLayout(targetStart, colon >= 0 ? colon : assign);
    String proposition = colon >= 0 ? TermText.clean(text.substring(colon + 1, assign)) : "";
    int proofStart = blanked.skipLayout(assign + 2, end);
    List<String> names = new ArrayList<>();
    String pattern = "";
    String binders = "";
    if (targetStart >= targetEnd) {
      if (kind == StepKind.HAVE) {
        names.add("this");
      }
    } else if (code.charAt(targetStart) == '⟨' || code.charAt(targetStart) == '(') {
      pattern = TermText.clean(text.substring(targetStart, targetEnd));
      names.addAll(patternNames(pattern));
    } else {
      int nameEnd = identifiers.end(targetStart);
      int rest = blanked.skipLayout(nameEnd, targetEnd);
      if (nameEnd > targetStart && rest >= targetEnd) {
        names.add(text.substring(targetStart, nameEnd));
      } else if (nameEnd > targetStart && kind == StepKind.HAVE && "({[⦃".indexOf(code.charAt(rest)) >= 0) {
        names.add(text.substring(targetStart, nameEnd));
        binders = TermText.clean(text.substring(rest, targetEnd));
      } else {
        // `obtain h | h : …` and other rcases patterns
        pattern = TermText.clean(text.substring(targetStart, targetEnd));
        names.addAll(patternNames(pattern));
      }
    }
    return new SketchStep(
        index, kind, start, end, text.substring(start, end), names, pattern, binders, proposition,
        proofStart, text.substring(proofStart, end), isSorry(proofStart, end, true), containsSorry(start, end));
  }

  private SketchStep otherStep(int index, int start, int end) {
    return new SketchStep(
        index, StepKind.OTHER, start, end, text.substring(start, end), List.of(), "", "", "", -1, "",
        isSorry(start, end, false), containsSorry(start, end));
  }

  /** Offset of the first {@code :=} (or lone {@code :}) at bracket depth 0 in [from, to), or -1. */
  private int topLevel(int from, int to, boolean assign) {
    TokenWalk walk = new TokenWalk(code, identifiers, from, to);
    while (walk.next()) {
      int i = walk.start();
      if (walk.isIdentifier() || walk.depth() != 0 || code.charAt(i) != ':') {
        continue;
      }
      boolean isAssign = i + 1 < to && code.charAt(i + 1) == '=';
      boolean isCons = i + 1 < to && code.charAt(i + 1) == ':';
      if (assign && isAssign || !assign && !isAssign && !isCons) {
        return i;
      }
      if (isAssign || isCons) {
        walk.skipTo(i + 2);
      }
    }
    return -1;
  }

  private boolean isSorry(int from, int to, boolean mayStartWithBy) {
    String[] words = code.substring(from, to).strip().split("\\s+");
    if (words.length == 1) {
      return SORRY_WORDS.contains(words[0]);
    }
    return mayStartWithBy && words.length == 2 && words[0].equals("by") && SORRY_WORDS.contains(words[1]);
  }

  private boolean containsSorry(int from, int to) {
    String stepCode = code.substring(from, to);
    return SORRY_WORDS.stream().anyMatch(w -> !LeanText.findToken(stepCode, w).isEmpty());
  }

  private boolean isWord(int at, String word) {
    return identifiers.end(at) == at + word.length() && code.startsWith(word, at);
  }

  private int column(int offset) {
    return lines.positionAt(offset).column();
  }

  /** The names an rcases pattern binds, in order: every identifier but {@code rfl} and {@code _}. */
  static List<String> patternNames(String pattern) {
    String patternCode = LeanText.blankCommentsAndStrings(pattern);
    TokenWalk walk = new TokenWalk(patternCode, 0);
    List<String> names = new ArrayList<>();
    while (walk.next()) {
      String name = patternCode.substring(walk.start(), walk.end());
      if (walk.isIdentifier() && !name.equals("rfl") && !name.equals("_")) {
        names.add(name);
      }
    }
    return names;
  }
}
