package dev.leanprove.leanbridge.source;

import java.util.Set;

/**
 * Cuts one {@code theorem}/{@code lemma}/{@code example} command into name, statement and proof.
 *
 * <p>The proof starts after the first {@code :=} at bracket depth 0 that is not the {@code :=} of a
 * {@code let}/{@code have} inside the statement; default arguments such as {@code (n : ℕ := 3)} sit
 * inside brackets. A declaration written with equations has no such {@code :=}: its proof starts at
 * the first line that begins with {@code |} and contains {@code =>}; a line beginning {@code |x| ≤ 1}
 * is an absolute value, not an equation.
 */
final class DeclarationParser {

  private static final Set<String> LOCAL_BINDERS = Set.of("let", "have", "haveI", "letI");

  private final BlankedText blanked;
  private final String original;
  private final String text;
  private final IdentifierReader identifiers;
  private final LineIndex lines;

  DeclarationParser(BlankedText blanked, LineIndex lines) {
    this.blanked = blanked;
    this.original = blanked.original();
    this.text = blanked.text();
    this.identifiers = new IdentifierReader(text);
    this.lines = lines;
  }

  /** Reads a {@link CommandKind#DECLARATION} with its prefixes joined to it ({@link CommandSplitter#joinPrefixes}). */
  Declaration parse(Command command) {
    DeclarationKind kind = DeclarationKind.ofKeyword(command.head());
    int keywordStart = command.headStart();
    int end = command.end();
    int afterName = command.headEnd();
    String name = "";
    if (kind != DeclarationKind.EXAMPLE) {
      int nameStart = blanked.skipLayout(afterName, end);
      int nameEnd = identifiers.end(nameStart);
      if (nameEnd > nameStart && nameEnd <= end) {
        name = original.substring(nameStart, nameEnd);
        afterName = nameEnd;
      }
    }
    int statementEnd;
    int proofStart;
    int assign = topLevelAssign(afterName, end);
    if (assign >= 0 && text.charAt(assign) == ':') {
      statementEnd = blanked.trimLayout(keywordStart, assign);
      proofStart = assign + 2;
    } else if (assign >= 0) {
      statementEnd = blanked.trimLayout(keywordStart, assign);
      proofStart = assign;
    } else {
      statementEnd = blanked.trimLayout(keywordStart, end);
      proofStart = statementEnd;
    }
    int proofEnd = blanked.trimLayout(proofStart, end);
    return new Declaration(
        kind,
        name,
        command.start(),
        keywordStart,
        proofStart,
        proofEnd,
        original.substring(keywordStart, statementEnd),
        original.substring(proofStart, proofEnd).strip(),
        lines.lineOf(keywordStart));
  }

  /** Offset of the proof's {@code :=}, or of the {@code |} of the first equation, or -1. */
  private int topLevelAssign(int from, int end) {
    TokenWalk walk = new TokenWalk(text, identifiers, from, end);
    int pendingBinders = 0;
    while (walk.next()) {
      int i = walk.start();
      if (walk.depth() != 0) {
        continue;
      }
      if (walk.isIdentifier()) {
        if (LOCAL_BINDERS.contains(text.substring(i, walk.end()))) {
          pendingBinders++;
        }
        continue;
      }
      char c = text.charAt(i);
      if (c == ':' && i + 1 < end && text.charAt(i + 1) == '=') {
        if (pendingBinders == 0) {
          return i;
        }
        pendingBinders--;
        walk.skipTo(i + 2);
      } else if (c == '|' && walk.firstOnLine() && startsEquation(i, end)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the {@code |} at {@code bar} opens an equation {@code | pattern => value}. */
  private boolean startsEquation(int bar, int end) {
    if (bar + 1 >= end || !LeanChars.isBlank(text.charAt(bar + 1))) {
      return false;
    }
    for (int i = bar + 1; i + 1 < end && text.charAt(i) != '\n'; i++) {
      if (text.charAt(i) == '=' && text.charAt(i + 1) == '>') {
        return true;
      }
    }
    return false;
  }
}
