package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code obtain ⟨x, hx⟩ : ∃ x : T, P x := …} leaves in the context, as hypotheses a lemma can
 * take: {@code (x : T) (hx : P x)}. Splits {@code ∃} with written binder types and {@code ∧}, and
 * renames a witness when the pattern names it differently.
 *
 * <p>Anything else is refused with a reason rather than guessed: an untyped witness
 * ({@code ∃ x, P x}: a lemma would have to invent its type), a binder predicate ({@code ∃ x > 0, …}),
 * alternatives ({@code h | h}: a case split), {@code rfl} and {@code -} (they change other
 * hypotheses), typed patterns, and propositions whose shape does not match the pattern.
 */
final class Destructuring {

  private static final Set<String> BINDER_TOKENS =
      Set.of("∀", "∃", "∃!", "λ", "fun", "∑", "∏", "⋃", "⋂", "let", "have", "show", "Σ", "Π");
  private static final Set<String> LOW_PRECEDENCE = Set.of("∨", "→", "↔", "$", "<|", "|>", ",", "←", "=>");

  /** Why a pattern cannot be turned into hypotheses. */
  static final class Unsupported extends Exception {
    Unsupported(String reason) {
      super(reason, null, false, false);
    }
  }

  private sealed interface Node permits Name, Tuple {}

  private record Name(String name) implements Node {}

  private record Tuple(List<Node> items) implements Node {}

  private record Var(String name, String type) {}

  private Destructuring() {}

  /** The hypotheses {@code pattern} makes of {@code proposition}, in order. */
  static List<Hypothesis> of(String pattern, String proposition) throws Unsupported {
    PatternReader reader = new PatternReader(pattern);
    Node node = reader.alternatives();
    reader.expectEnd();
    return destructure(node, proposition);
  }

  private static List<Hypothesis> destructure(Node node, String proposition) throws Unsupported {
    if (node instanceof Name) {
      return List.of(new Hypothesis(((Name) node).name(), withoutOuterParens(proposition)));
    }
    return sequence(((Tuple) node).items(), proposition);
  }

  private static List<Hypothesis> sequence(List<Node> items, String proposition) throws Unsupported {
    if (items.size() == 1) {
      return destructure(items.get(0), proposition);
    }
    String p = withoutOuterParens(proposition);
    List<Hypothesis> out = new ArrayList<>();
    List<Node> rest = items.subList(1, items.size());
    List<Var> vars = existential(p);
    if (vars != null) {
      Var witness = vars.get(0);
      if (witness.type() == null) {
        throw new Unsupported("the type of `" + witness.name() + "` in `" + p + "` is not written, so a lemma cannot bind it");
      }
      if (!(items.get(0) instanceof Name) || ((Name) items.get(0)).name().equals("_")) {
        throw new Unsupported("the witness `" + witness.name() + "` of `" + p + "` gets no name in the pattern");
      }
      String name = ((Name) items.get(0)).name();
      List<Var> later = new ArrayList<>(vars.subList(1, vars.size()));
      String body = existentialBody(p);
      if (!name.equals(witness.name())) {
        for (int k = 0; k < later.size(); k++) {
          Var v = later.get(k);
          if (v.name().equals(witness.name()) || v.name().equals(name)) {
            throw new Unsupported("renaming `" + witness.name() + "` to `" + name + "` in `" + p + "` meets another `" + v.name() + "`");
          }
          later.set(k, new Var(v.name(), v.type() == null ? null : rename(v.type(), witness.name(), name)));
        }
        body = rename(body, witness.name(), name);
      }
      String remaining = existentialRest(later, body);
      out.add(new Hypothesis(name, witness.type()));
      out.addAll(sequence(rest, remaining));
      return out;
    }
    String[] sides = conjunction(p);
    if (sides == null) {
      throw new Unsupported("`" + p + "` is neither `∃ …, …` nor `… ∧ …`, so the pattern cannot split it");
    }
    out.addAll(destructure(items.get(0), sides[0]));
    out.addAll(sequence(rest, sides[1]));
    return out;
  }

  private static String withoutOuterParens(String proposition) {
    String p = proposition.strip();
    while (p.startsWith("(") && closing(LeanText.blankCommentsAndStrings(p), 0) == p.length() - 1) {
      p = p.substring(1, p.length() - 1).strip();
    }
    return p;
  }

  /** The bound variables of {@code ∃ binders, body}, or null when {@code p} is no existential. */
  private static List<Var> existential(String p) throws Unsupported {
    if (!p.startsWith("∃") || p.startsWith("∃!")) {
      return null;
    }
    String code = LeanText.blankCommentsAndStrings(p);
    int comma = topLevel(code, 1, ",");
    if (comma < 0) {
      return null;
    }
    String binders = p.substring(1, comma).strip();
    String bindersCode = code.substring(1, comma).strip();
    List<Var> vars = new ArrayList<>();
    if (binders.startsWith("(")) {
      int i = 0;
      while (i < binders.length()) {
        int close = closing(bindersCode, i);
        if (bindersCode.charAt(i) != '(' || close < 0) {
          throw new Unsupported("cannot read the binders of `" + p + "`");
        }
        addVars(vars, binders.substring(i + 1, close), p);
        i = close + 1;
        while (i < binders.length() && Character.isWhitespace(binders.charAt(i))) {
          i++;
        }
      }
    } else {
      addVars(vars, binders, p);
    }
    return vars;
  }

  private static void addVars(List<Var> vars, String group, String p) throws Unsupported {
    String code = LeanText.blankCommentsAndStrings(group);
    int colon = topLevel(code, 0, ":");
    String names = colon < 0 ? group : group.substring(0, colon);
    String type = colon < 0 ? null : group.substring(colon + 1).strip();
    String[] words = names.strip().split("\\s+");
    for (String word : words) {
      if (word.isEmpty() || new IdentifierReader(word).end(0) != word.length()) {
        throw new Unsupported("`" + p + "` binds with a predicate or pattern (`" + names.strip() + "`), not plain names");
      }
      vars.add(new Var(word, type == null || type.isEmpty() ? null : type));
    }
  }

  private static String existentialBody(String p) {
    String code = LeanText.blankCommentsAndStrings(p);
    return p.substring(topLevel(code, 1, ",") + 1).strip();
  }

  /** {@code ∃ vars, body}, or {@code body} when no variable is left. */
  private static String existentialRest(List<Var> vars, String body) {
    if (vars.isEmpty()) {
      return body;
    }
    StringBuilder b = new StringBuilder("∃");
    for (Var v : vars) {
      b.append(" (").append(v.name()).append(" : ").append(v.type() == null ? "_" : v.type()).append(')');
    }
    return b.append(", ").append(body).toString();
  }

  /** {@code [A, B]} for {@code A ∧ B} split at its top-level {@code ∧}, or null. */
  private static String[] conjunction(String p) {
    String code = LeanText.blankCommentsAndStrings(p);
    TokenWalk walk = new TokenWalk(code, 0);
    int and = -1;
    while (walk.next()) {
      int i = walk.start();
      if (walk.depth() != 0) {
        continue;
      }
      if (BINDER_TOKENS.contains(code.substring(i, walk.end()))) {
        break;
      }
      if (walk.isIdentifier()) {
        continue;
      }
      if (LOW_PRECEDENCE.stream().anyMatch(op -> code.startsWith(op, i))) {
        return null;
      }
      if (code.charAt(i) == '∧' && and < 0) {
        and = i;
      }
    }
    if (and < 0) {
      return null;
    }
    return new String[] {p.substring(0, and).strip(), p.substring(and + 1).strip()};
  }

  private static String rename(String text, String from, String to) throws Unsupported {
    String code = LeanText.blankCommentsAndStrings(text);
    for (String binder : BINDER_TOKENS) {
      if (!LeanText.findToken(code, binder).isEmpty()) {
        throw new Unsupported("renaming `" + from + "` to `" + to + "` under the binder `" + binder + "` of `" + text + "`");
      }
    }
    if (!LeanText.findToken(code, to).isEmpty()) {
      throw new Unsupported("renaming `" + from + "` to `" + to + "` would capture the `" + to + "` in `" + text + "`");
    }
    IdentifierReader identifiers = new IdentifierReader(code);
    StringBuilder b = new StringBuilder(text.length());
    int i = 0;
    while (i < code.length()) {
      int idEnd = identifiers.end(i);
      if (idEnd > i) {
        String id = code.substring(i, idEnd);
        if (id.startsWith(from + ".")) {
          throw new Unsupported("`" + id + "` in `" + text + "` uses `" + from + "` with a projection");
        }
        b.append(id.equals(from) ? to : text.substring(i, idEnd));
        i = idEnd;
      } else {
        b.append(text.charAt(i));
        i++;
      }
    }
    return b.toString();
  }

  /** First occurrence of {@code token} at bracket depth 0 in {@code code} from {@code from}, or -1. */
  private static int topLevel(String code, int from, String token) {
    TokenWalk walk = new TokenWalk(code, from);
    while (walk.next()) {
      int i = walk.start();
      if (!walk.isIdentifier() && walk.depth() == 0 && code.startsWith(token, i) && !code.startsWith(token + "=", i)) {
        return i;
      }
    }
    return -1;
  }

  private static int closing(String code, int open) {
    return TokenWalk.closing(code, new IdentifierReader(code), open);
  }

  /** Recursive descent over an rcases pattern. */
  private static final class PatternReader {
    private final String code;
    private final IdentifierReader identifiers;
    private int i;

    PatternReader(String pattern) {
      this.code = LeanText.blankCommentsAndStrings(pattern);
      this.identifiers = new IdentifierReader(code);
    }

    Node alternatives() throws Unsupported {
      Node node = one();
      skipBlanks();
      if (i < code.length() && code.charAt(i) == '|') {
        throw new Unsupported("the pattern has alternatives (`|`), a case split no single lemma context describes");
      }
      return node;
    }

    void expectEnd() throws Unsupported {
      skipBlanks();
      if (i < code.length()) {
        throw new Unsupported("cannot read the pattern `" + code.strip() + "`");
      }
    }

    private Node one() throws Unsupported {
      skipBlanks();
      if (i >= code.length()) {
        throw new Unsupported("the pattern `" + code.strip() + "` ends early");
      }
      char c = code.charAt(i);
      if (c == '⟨') {
        i++;
        List<Node> items = new ArrayList<>();
        while (true) {
          items.add(alternatives());
          skipBlanks();
          if (i < code.length() && code.charAt(i) == ',') {
            i++;
          } else if (i < code.length() && code.charAt(i) == '⟩') {
            i++;
            return new Tuple(items);
          } else {
            throw new Unsupported("cannot read the pattern `" + code.strip() + "`");
          }
        }
      }
      if (c == '(') {
        i++;
        Node inner = alternatives();
        skipBlanks();
        if (i >= code.length() || code.charAt(i) != ')') {
          throw new Unsupported("the pattern `" + code.strip() + "` has a typed or unreadable part");
        }
        i++;
        return inner;
      }
      if (c == '@') {
        i++;
        return one();
      }
      if (c == '-') {
        throw new Unsupported("the pattern clears a hypothesis with `-`");
      }
      int end = identifiers.end(i);
      if (end == i) {
        throw new Unsupported("cannot read the pattern `" + code.strip() + "`");
      }
      String name = code.substring(i, end);
      i = end;
      if (name.equals("rfl")) {
        throw new Unsupported("the pattern `rfl` substitutes a variable away, changing the other hypotheses");
      }
      return new Name(name);
    }

    private void skipBlanks() {
      while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
        i++;
      }
    }
  }
}
