package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A theorem's statement split into its binders and its conclusion: {@code theorem t (x y : ℝ)
 * {n : ℕ} [Fintype α] (h : 0 < x) : P} gives the binder text {@code (x y : ℝ) {n : ℕ} [Fintype α]
 * (h : 0 < x)}, its groups with their names and kinds, and the conclusion {@code P}.
 *
 * @param bindersText the binders exactly as written (comments and line breaks included), "" for none
 * @param binders the binder groups in order
 * @param conclusion the type after the top-level {@code :}, made fit for one line by {@link TermText}
 */
record Signature(String bindersText, List<Binder> binders, String conclusion) {

  /** How a binder is passed. */
  enum BinderKind {
    EXPLICIT,
    IMPLICIT,
    STRICT_IMPLICIT,
    INSTANCE
  }

  /**
   * One bracketed group or bare name; an anonymous instance binder ({@code [Fintype α]}) has no
   * names, and {@code type} is "" when none is written ({@code (n)}).
   */
  record Binder(BinderKind kind, List<String> names, String type) {
    Binder {
      names = List.copyOf(names);
    }
  }

  Signature {
    binders = List.copyOf(binders);
  }

  /** Reads {@code theorem NAME binders : conclusion} (as {@link Declaration#statement()} holds it); empty when it cannot. */
  static Optional<Signature> parse(String statement) {
    return new Reader(statement).read();
  }

  private static final class Reader {
    private final String text;
    private final BlankedText blanked;
    private final String code;
    private final IdentifierReader identifiers;

    Reader(String text) {
      this.text = text;
      this.blanked = LeanLexer.lex(text);
      this.code = blanked.text();
      this.identifiers = new IdentifierReader(code);
    }

    Optional<Signature> read() {
      int n = text.length();
      int keywordStart = blanked.skipLayout(0, n);
      int keywordEnd = identifiers.end(keywordStart);
      String keyword = code.substring(keywordStart, keywordEnd);
      int afterName = keywordEnd;
      if (!keyword.equals("example")) {
        int nameStart = blanked.skipLayout(keywordEnd, n);
        afterName = identifiers.end(nameStart);
        if (afterName == nameStart) {
          return Optional.empty();
        }
      }
      int bindersStart = blanked.skipLayout(afterName, n);
      List<Binder> binders = new ArrayList<>();
      int i = bindersStart;
      while (true) {
        i = blanked.skipLayout(i, n);
        if (i >= n) {
          return Optional.empty();
        }
        char c = code.charAt(i);
        if (c == ':' && !code.startsWith(":=", i)) {
          break;
        }
        if ("({[⦃".indexOf(c) >= 0) {
          int close = TokenWalk.closing(code, identifiers, i);
          Optional<Binder> group = close < 0 ? Optional.empty() : group(i, close);
          if (group.isEmpty()) {
            return Optional.empty();
          }
          binders.add(group.get());
          i = close + 1;
          continue;
        }
        int nameEnd = identifiers.end(i);
        if (nameEnd == i) {
          return Optional.empty();
        }
        binders.add(new Binder(BinderKind.EXPLICIT, List.of(code.substring(i, nameEnd)), ""));
        i = nameEnd;
      }
      String conclusion = TermText.clean(text.substring(i + 1));
      if (conclusion.isEmpty()) {
        return Optional.empty();
      }
      String bindersText = text.substring(bindersStart, blanked.trimLayout(bindersStart, i));
      return Optional.of(new Signature(bindersText, binders, conclusion));
    }

    private Optional<Binder> group(int open, int close) {
      char opener = code.charAt(open);
      int from = open + 1;
      int to = close;
      BinderKind kind;
      if (opener == '(') {
        kind = BinderKind.EXPLICIT;
      } else if (opener == '[') {
        kind = BinderKind.INSTANCE;
      } else if (opener == '⦃') {
        kind = BinderKind.STRICT_IMPLICIT;
      } else if (code.charAt(from) == '{' && code.charAt(to - 1) == '}') {
        kind = BinderKind.STRICT_IMPLICIT;
        from++;
        to--;
      } else {
        kind = BinderKind.IMPLICIT;
      }
      int colon = colon(from, to);
      if (colon < 0 && kind == BinderKind.INSTANCE) {
        return Optional.of(new Binder(kind, List.of(), text.substring(from, to).strip()));
      }
      String type = colon < 0 ? "" : text.substring(colon + 1, to).strip();
      List<String> names = new ArrayList<>();
      int i = blanked.skipLayout(from, colon < 0 ? to : colon);
      int end = colon < 0 ? to : colon;
      while (i < end) {
        int nameEnd = identifiers.end(i);
        if (nameEnd == i) {
          return Optional.empty();
        }
        names.add(code.substring(i, nameEnd));
        i = blanked.skipLayout(nameEnd, end);
      }
      return names.isEmpty() ? Optional.empty() : Optional.of(new Binder(kind, names, type));
    }

    /** The lone {@code :} at depth 0 in [from, to), or -1 (a default value's {@code :=} is no colon). */
    private int colon(int from, int to) {
      TokenWalk walk = new TokenWalk(code, identifiers, from, to);
      while (walk.next()) {
        int i = walk.start();
        if (!walk.isIdentifier() && walk.depth() == 0 && code.charAt(i) == ':') {
          return code.startsWith(":=", i) ? -1 : i;
        }
      }
      return -1;
    }
  }
}
