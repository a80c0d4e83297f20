package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.DeclarationKind;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.LeanText;
import dev.leanprove.leanbridge.verdict.CheckPlan.AxiomCommand;
import dev.leanprove.leanbridge.verdict.CheckPlan.Insertion;
import dev.leanprove.leanbridge.verdict.CheckPlan.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the exact text Lean checks: a candidate spliced after its theorem's original statement, or
 * a whole file, each judged theorem followed by our {@code #print axioms _root_.FULL.NAME} command.
 *
 * <p>The command names the theorem from the root, so neither the namespaces still open at the end of
 * the file nor an {@code open} can make Lean report on another constant. An example has no name to
 * ask about, so in the checked text it becomes a theorem with a generated name.
 */
final class CheckPlanner {

  private static final String PRINT_AXIOMS = "#print axioms ";

  private CheckPlanner() {}

  /**
   * The declaration a candidate's theorem name means: the one with that fully qualified name, else the
   * only one written with that name.
   *
   * @throws IllegalArgumentException when no theorem, or more than one, has that name
   */
  static Declaration resolve(LeanSource source, String name) {
    List<Declaration> qualified = new ArrayList<>();
    List<Declaration> written = new ArrayList<>();
    String wanted = TheoremNames.plain(name);
    for (Declaration d : source.theorems()) {
      if (d.kind() == DeclarationKind.EXAMPLE || !TheoremNames.readable(d.name())) {
        continue;
      }
      if (TheoremNames.plain(source.qualifiedName(d)).equals(wanted)) {
        qualified.add(d);
      } else if (TheoremNames.plain(d.name()).equals(wanted)) {
        written.add(d);
      }
    }
    List<Declaration> found = qualified.isEmpty() ? written : qualified;
    if (found.isEmpty()) {
      throw new IllegalArgumentException("no theorem named " + name);
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException("more than one theorem is named " + name + "; use the fully qualified name");
    }
    return found.get(0);
  }

  static CheckPlan planCandidate(ProofCandidate candidate, Declaration decl) {
    String text = candidate.source().text();
    StringBuilder b = new StringBuilder(text.length() + candidate.proof().length() + 64);
    b.append(text, 0, decl.start());
    int start = b.length();
    if (!candidate.auxiliary().isBlank()) {
      b.append(candidate.auxiliary().strip()).append("\n\n");
    }
    b.append(text, decl.start(), decl.proofStart()).append(' ').append(candidate.proof().strip());
    int end = b.length();
    b.append("\n\n");
    int ownFrom = b.length();
    int axiomsLine = LeanText.positionAt(b.toString(), b.length()).line();
    String name = candidate.source().qualifiedName(decl);
    b.append(PRINT_AXIOMS).append(TheoremNames.ROOT).append(name).append('\n');
    Target target = new Target(decl.displayName(), name, start, end, axiomsLine);
    String checked = b.toString();
    return new CheckPlan(checked, checked, List.of(target), candidate.source().header().end(), List.of(),
        userAxiomCommands(checked, ownFrom), ownFrom);
  }

  // The spliced proof must stay inside the declaration: text that ends it early (a command at
  // column 0) would let the "proof" close the theorem with something else. Comments after the
  // last tactic do not count: Lean's declaration ends before them anyway.
  static Optional<Verdict> confirmSplice(CheckPlan plan, ProofCandidate candidate, Declaration original) {
    LeanSource checked = LeanSource.parse(plan.text());
    Target target = plan.targets().get(0);
    List<Declaration> named = checked.theorems().stream()
        .filter(d -> d.kind() != DeclarationKind.EXAMPLE && checked.qualifiedName(d).equals(target.qualifiedName()))
        .toList();
    Optional<Declaration> again = named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    String proof = candidate.proof().strip();
    int proofStart = target.end() - proof.length();
    int proofCodeEnd = proofStart + LeanText.blankCommentsAndStrings(proof).stripTrailing().length();
    if (again.isPresent()
        && again.get().statement().equals(original.statement())
        && again.get().proofStart() <= proofStart
        && again.get().end() >= proofCodeEnd) {
      return confirmOwnCommands(plan).map(problem -> Verdict.withoutLean(ReasonCode.FORBIDDEN, problem));
    }
    return Optional.of(Verdict.withoutLean(ReasonCode.FORBIDDEN,
        "the proof does not stay inside the theorem: it contains a top-level command or declares the theorem's name again"));
  }

  /**
   * The whole file as it is, except that each example is a theorem with a generated name, followed
   * by our {@code #print axioms} for every theorem. A theorem whose name cannot be read gets none
   * (callers refuse such files first, see {@link TheoremNames#problem}).
   */
  static CheckPlan planFile(LeanSource source) {
    String text = source.text();
    StringBuilder checked = new StringBuilder(text.length() + 64 * (source.theorems().size() + 1));
    List<Insertion> insertions = new ArrayList<>();
    List<String> names = new ArrayList<>();
    int copied = 0;
    TheoremNames.ForExamples exampleNames = new TheoremNames.ForExamples(text);
    int shiftedLine = 0;
    int shift = 0;
    for (Declaration d : source.theorems()) {
      if (d.kind() != DeclarationKind.EXAMPLE) {
        names.add(TheoremNames.readable(d.name()) ? source.qualifiedName(d) : "");
        continue;
      }
      String generated = exampleNames.next();
      names.add(TheoremNames.qualify(source.namespaceOf(d), generated));
      // `example` and `theorem` have the same length, so only the name is inserted.
      int keywordEnd = d.keywordStart() + DeclarationKind.EXAMPLE.keyword().length();
      checked.append(text, copied, d.keywordStart()).append(DeclarationKind.THEOREM.keyword()).append(' ').append(generated);
      copied = keywordEnd;
      Position keyword = source.positionAt(d.keywordStart());
      // Columns after earlier insertions on the same line, as Insertion expects.
      shift = keyword.line() == shiftedLine ? shift : 0;
      shiftedLine = keyword.line();
      int keywordColumn = keyword.column() + shift;
      insertions.add(new Insertion(keyword.line(), keywordColumn + DeclarationKind.EXAMPLE.keyword().length(),
          1 + generated.length(), keywordColumn));
      shift += 1 + generated.length();
    }
    checked.append(text, copied, text.length());
    StringBuilder own = new StringBuilder();
    if (!text.endsWith("\n")) {
      own.append('\n');
    }
    own.append('\n');
    // Counted, not searched for: the line after the text's last is its line count plus the lines we add.
    int line = source.positionAt(text.length()).line() + (text.endsWith("\n") ? 1 : 2);
    List<Target> targets = new ArrayList<>();
    List<Declaration> decls = source.theorems();
    for (int i = 0; i < decls.size(); i++) {
      Declaration d = decls.get(i);
      String name = names.get(i);
      int axiomsLine = 0;
      if (!name.isEmpty()) {
        axiomsLine = line++;
        own.append(PRINT_AXIOMS).append(TheoremNames.ROOT).append(name).append('\n');
      }
      targets.add(new Target(d.displayName(), name, d.start(), d.end(), axiomsLine));
    }
    String userText = text + own;
    int ownFrom = checked.length();
    return new CheckPlan(checked.append(own).toString(), userText, targets, source.header().end(), insertions,
        userAxiomCommands(userText, text.length()), ownFrom);
  }

  /**
   * Why our {@code #print axioms} commands might not run as we wrote them, if they might: the text
   * before them leaves a comment or string open (which would swallow them, so that only a printed
   * imitation could report), or ends in a dangling {@code … in} (as {@code #guard_msgs (drop info) in},
   * which would hide our first report).
   */
  static Optional<String> confirmOwnCommands(CheckPlan plan) {
    String text = plan.text();
    String blanked = LeanText.blankCommentsAndStrings(text);
    if (!blanked.regionMatches(plan.ownFrom(), text, plan.ownFrom(), text.length() - plan.ownFrom())) {
      return Optional.of("the text leaves a comment or string open at its end, which would swallow the commands"
          + " that check its axioms");
    }
    String before = blanked.substring(0, plan.ownFrom()).stripTrailing();
    if (before.endsWith("in") && LeanText.findToken(before.substring(Math.max(0, before.length() - 3)), "in").size() == 1) {
      return Optional.of("the text ends with a dangling `in`, which would apply to the commands that check its axioms");
    }
    return Optional.empty();
  }

  /** The {@code #print axioms NAME} commands in {@code text[0, end)}, outside comments and strings. */
  static List<AxiomCommand> userAxiomCommands(String text, int end) {
    String blanked = LeanText.blankCommentsAndStrings(text.substring(0, end));
    List<AxiomCommand> commands = new ArrayList<>();
    for (int at : LeanText.findToken(blanked, "#print")) {
      int i = at + "#print".length();
      int afterSpace = skipSpace(blanked, i);
      if (afterSpace == i || !blanked.startsWith("axioms", afterSpace)) {
        continue;
      }
      int nameStart = skipSpace(blanked, afterSpace + "axioms".length());
      int nameEnd = nameStart;
      while (nameEnd < blanked.length() && !Character.isWhitespace(blanked.charAt(nameEnd))) {
        nameEnd++;
      }
      if (nameStart > afterSpace + "axioms".length() && nameEnd > nameStart) {
        commands.add(new AxiomCommand(LeanText.positionAt(text, at), text.substring(nameStart, nameEnd)));
      }
    }
    return commands;
  }

  private static int skipSpace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }
}
