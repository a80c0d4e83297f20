package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The exact text handed to Lean and where each judged theorem sits in it.
 *
 * <p>Two texts: {@code text} is what Lean checks; {@code userText} is the same text as the user
 * wrote it (examples not renamed). They have the same lines; only the lines of renamed examples
 * differ, by the {@code insertions}. Target offsets and the positions of judged messages are in
 * {@code userText}, so they point into the user's file.
 *
 * @param targets the theorems to judge, with their offsets in {@code userText}
 * @param headerEnd offset where the header (imports, options) ends; errors before it fail every target
 * @param insertions what renaming examples inserted into lines of {@code text}
 * @param userAxiomCommands the {@code #print axioms} commands of the text that are not ours
 * @param ownFrom offset in {@code text} where the commands we appended begin
 */
record CheckPlan(String text, String userText, List<Target> targets, int headerEnd, List<Insertion> insertions,
    List<AxiomCommand> userAxiomCommands, int ownFrom) {

  CheckPlan {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(userText, "userText");
    targets = List.copyOf(targets);
    // Right to left, so mapping a position through one insertion leaves the others' columns valid.
    insertions = insertions.stream()
        .sorted(Comparator.comparingInt(Insertion::line).thenComparing(Comparator.comparingInt(Insertion::column).reversed()))
        .toList();
    userAxiomCommands = List.copyOf(userAxiomCommands);
  }

  /**
   * One theorem to judge.
   *
   * @param qualifiedName the full name Lean gives it (examples get a generated one), "" when unreadable
   * @param start offset in {@code userText} where its text (auxiliary lemmas included) begins
   * @param end offset where it ends
   * @param axiomsLine the 1-based line of our {@code #print axioms} command for it (column 0), or 0 when it has none
   */
  record Target(String displayName, String qualifiedName, int start, int end, int axiomsLine) {

    boolean contains(int offset) {
      return offset >= start && offset < end;
    }
  }

  /**
   * Text that renaming an example put into a line of the checked text. Columns count code points in
   * the line as it is with this and every insertion to its left made, and none to its right.
   *
   * @param column where it starts
   * @param width its length
   * @param anchor where positions inside it map to (the example keyword)
   */
  record Insertion(int line, int column, int width, int anchor) {

    Position toUser(Position p) {
      if (p.line() != line || p.column() < column) {
        return p;
      }
      return new Position(line, p.column() < column + width ? anchor : p.column() - width);
    }
  }

  /**
   * A {@code #print axioms NAME} command of the checked text that we did not append.
   *
   * @param at the position of its {@code #print} keyword
   * @param name the name as written
   */
  record AxiomCommand(Position at, String name) {}

  /** {@code m} with its positions in the user's text. */
  LeanMessage toUser(LeanMessage m) {
    if (insertions.isEmpty() || m.position().isEmpty()) {
      return m;
    }
    return new LeanMessage(m.fileName(), toUser(m.pos()), m.endPos() == null ? null : toUser(m.endPos()),
        m.severity(), m.kind(), m.data());
  }

  private Position toUser(Position p) {
    Position mapped = p;
    for (Insertion i : insertions) {
      mapped = i.toUser(mapped);
    }
    return mapped;
  }

  /** Whether a user's own {@code #print axioms} command starts at {@code p} (in the user's text). */
  boolean isUserAxiomCommand(Position p) {
    return userAxiomCommands.stream().anyMatch(c -> c.at().equals(p));
  }

  /**
   * How many {@code #print axioms} reports Lean can print for {@code qualifiedName}: ours, plus one for
   * each user command whose name could resolve to it (a dotted suffix of it).
   */
  int possibleReports(String qualifiedName) {
    String full = TheoremNames.plain(qualifiedName);
    int count = 1;
    for (AxiomCommand c : userAxiomCommands) {
      String written = TheoremNames.plain(c.name());
      if (written.startsWith(TheoremNames.ROOT)) {
        written = written.substring(TheoremNames.ROOT.length());
      }
      if (full.equals(written) || full.endsWith("." + written)) {
        count++;
      }
    }
    return count;
  }

  /** Whether {@code printed}, a name in an axiom report, is {@code qualifiedName} as Lean prints it. */
  static boolean names(String printed, String qualifiedName) {
    String p = TheoremNames.plain(printed);
    String q = TheoremNames.plain(qualifiedName);
    // A private declaration's constant is `_private.<module>.0.<name>`.
    return !q.isEmpty() && (p.equals(q) || Pattern.matches("_private\\..+\\.0\\." + Pattern.quote(q), p));
  }
}
