package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns each {@code sorry} of a theorem's sketch into a standalone lemma (see {@link Subgoal}).
 *
 * <p>A lemma must mean exactly what the sorry has to prove where it stands, or not exist. So a
 * sorry gets a lemma only when the hypotheses around it are known: every step before it is a have
 * or obtain that writes its proposition (and an obtain's pattern can be split, see
 * {@link Destructuring}). Any other earlier step ({@code intro}, {@code norm_num at h}, {@code subst},
 * an untyped {@code have h := e} …) may change the goal or the hypotheses, so every sorry after it is
 * reported as unsupported, with the reason; so is a sorry nested inside a step instead of being the
 * step's whole proof.
 *
 * <p>Names follow the proof: the theorem's binders are copied as written; a have shadowed by a later
 * one of the same name (anonymous haves are all {@code this}) becomes {@code (_ : P)}, inaccessible as
 * in the proof, unless a proposition in between refers to it, in which case it keeps its name and is
 * shadowed by the later binder just as in the proof.
 */
public final class SubgoalExtractor {

  private SubgoalExtractor() {}

  /** The subgoals of {@code sketch}, a proof of {@code theorem}. */
  public static SubgoalExtraction extract(Declaration theorem, Sketch sketch) {
    Objects.requireNonNull(theorem, "theorem");
    Objects.requireNonNull(sketch, "sketch");
    Optional<Signature> signature = Signature.parse(theorem.statement());
    String base = theorem.name().isEmpty() ? "example" : sanitize(theorem.name());
    Set<String> taken = new HashSet<>();
    taken.add(theorem.name());
    List<Subgoal> subgoals = new ArrayList<>();
    List<SubgoalExtraction.Unsupported> unsupported = new ArrayList<>();
    List<Hypothesis> context = new ArrayList<>();
    String contextProblem = null;
    for (SketchStep step : sketch.steps()) {
      if (step.containsSorry()) {
        String reason = problem(signature, theorem, step, contextProblem);
        if (reason != null) {
          unsupported.add(new SubgoalExtraction.Unsupported(step.index(), reason));
        } else {
          String name = unique(lemmaName(base, step), taken);
          subgoals.add(subgoal(step, name, signature.get(), context));
        }
      }
      if (contextProblem == null) {
        contextProblem = extend(context, step);
      }
    }
    return new SubgoalExtraction(subgoals, unsupported);
  }

  private static String problem(
      Optional<Signature> signature, Declaration theorem, SketchStep step, String contextProblem) {
    if (signature.isEmpty()) {
      return "cannot read the binders and the conclusion of `" + oneLine(theorem.statement()) + "`";
    }
    if (!step.sorry()) {
      return "step " + step.number() + " (`" + head(step) + "`) has a sorry inside it, not as its whole proof";
    }
    if (contextProblem != null) {
      return contextProblem;
    }
    if (step.kind() != StepKind.OTHER && step.proposition().isEmpty()) {
      return "step " + step.number() + " (`" + head(step) + "`) writes no proposition for a lemma to state";
    }
    return null;
  }

  /** Adds what {@code step} puts in the context; returns why the context is unknown after it, or null. */
  private static String extend(List<Hypothesis> context, SketchStep step) {
    String where = "step " + step.number() + " (`" + head(step) + "`)";
    if (step.kind() == StepKind.OTHER) {
      return "the earlier " + where + " is not a have or obtain, so the goal and hypotheses after it are unknown";
    }
    if (step.proposition().isEmpty()) {
      return "the earlier " + where + " writes no proposition, so a lemma cannot take it as a hypothesis";
    }
    String proposition = conclusion(step);
    if (!step.pattern().isEmpty()) {
      try {
        context.addAll(Destructuring.of(step.pattern(), proposition));
        return null;
      } catch (Destructuring.Unsupported e) {
        return "the earlier " + where + " cannot be split into hypotheses: " + e.getMessage();
      }
    }
    if (step.names().size() != 1) {
      return "cannot read the name the earlier " + where + " introduces";
    }
    context.add(new Hypothesis(step.names().get(0), proposition));
    return null;
  }

  private static String conclusion(SketchStep step) {
    return step.binders().isEmpty() ? step.proposition() : "∀ " + step.binders() + ", " + step.proposition();
  }

  private static Subgoal subgoal(SketchStep step, String lemmaName, Signature signature, List<Hypothesis> context) {
    String proposition = step.kind() == StepKind.OTHER ? signature.conclusion() : conclusion(step);
    List<String> names = new ArrayList<>();
    List<String> types = new ArrayList<>();
    List<Signature.BinderKind> kinds = new ArrayList<>();
    boolean explicit = false;
    for (Signature.Binder binder : signature.binders()) {
      explicit |= binder.kind() != Signature.BinderKind.EXPLICIT;
      List<String> binderNames = binder.names().isEmpty() ? Collections.singletonList(null) : binder.names();
      for (String name : binderNames) {
        names.add(name);
        types.add(binder.type());
        kinds.add(binder.kind());
      }
    }
    for (Hypothesis h : context) {
      names.add(h.name());
      types.add(h.proposition());
      kinds.add(Signature.BinderKind.EXPLICIT);
    }
    types.add(proposition);
    List<String> arguments = new ArrayList<>();
    for (int p = 0; p < names.size(); p++) {
      arguments.add(argument(names, types, kinds, p));
    }
    StringBuilder statement = new StringBuilder("theorem ").append(lemmaName);
    if (!signature.bindersText().isEmpty()) {
      statement.append(' ').append(signature.bindersText());
    }
    for (int i = 0; i < context.size(); i++) {
      statement.append(' ').append(new Hypothesis(lemmaNameOf(context, i), context.get(i).proposition()).binder());
    }
    statement.append(" : ").append(proposition);
    String call = (explicit ? "@" : "") + lemmaName + (arguments.isEmpty() ? "" : " " + String.join(" ", arguments));
    return new Subgoal(step.index(), lemmaName, statement.toString(), proposition, arguments, call);
  }

  /**
   * What the call passes for parameter {@code p}: its name where the sorry can say it; else {@code _}
   * when a later type mentions it (unification finds it, as it must for a shadowed variable such as
   * miniF2F's {@code (n : ℤ) (h₁ : s = n ^ 2 …) (n)}) or when it is an instance; else
   * {@code (by assumption)}, which finds a hypothesis by its type.
   */
  private static String argument(List<String> names, List<String> types, List<Signature.BinderKind> kinds, int p) {
    String name = names.get(p);
    if (name == null) {
      return "_";
    }
    boolean shadowed = names.subList(p + 1, names.size()).contains(name);
    if (!name.equals("_") && !shadowed) {
      return name;
    }
    boolean mentioned = !name.equals("_") && types.subList(p + 1, types.size()).stream()
        .anyMatch(t -> !LeanText.findToken(LeanText.blankCommentsAndStrings(t), name).isEmpty());
    return mentioned || kinds.get(p) == Signature.BinderKind.INSTANCE ? "_" : "(by assumption)";
  }

  /** The name hypothesis {@code i} gets in the lemma: {@code _} when shadowed and not referred to before that. */
  private static String lemmaNameOf(List<Hypothesis> context, int i) {
    String name = context.get(i).name();
    int shadow = i + 1;
    while (shadow < context.size() && !context.get(shadow).name().equals(name)) {
      shadow++;
    }
    if (shadow == context.size()) {
      return name;
    }
    for (int j = i + 1; j <= shadow; j++) {
      String between = LeanText.blankCommentsAndStrings(context.get(j).proposition());
      if (!LeanText.findToken(between, name).isEmpty()) {
        return name;
      }
    }
    return "_";
  }

  private static String lemmaName(String base, SketchStep step) {
    if (step.kind() == StepKind.HAVE && step.pattern().isEmpty() && step.names().size() == 1) {
      String name = step.names().get(0);
      if (!name.equals("this") && !name.equals("_")) {
        return base + "_" + sanitize(name);
      }
    }
    return base + "_step" + step.number();
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int k = 2; !taken.add(candidate); k++) {
      candidate = name + "_" + k;
    }
    return candidate;
  }

  /** {@code name} as a plain identifier: guillemets dropped, characters Lean would not read as part of it turned into {@code _}. */
  static String sanitize(String name) {
    String s = name.replace("«", "").replace("»", "");
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(cp -> {
      if (LeanChars.isIdRest(cp) || (cp == '.' && b.length() > 0 && b.charAt(b.length() - 1) != '.')) {
        b.appendCodePoint(cp);
      } else {
        b.append('_');
      }
    });
    while (b.length() > 0 && b.charAt(b.length() - 1) == '.') {
      b.setLength(b.length() - 1);
    }
    if (b.length() == 0 || !LeanChars.isIdFirst(b.codePointAt(0))) {
      b.insert(0, 'x');
    }
    return b.toString();
  }

  private static String head(SketchStep step) {
    String firstLine = step.text().lines().findFirst().orElse("").strip();
    return firstLine.length() > 60 ? firstLine.substring(0, 60) + "…" : firstLine;
  }

  private static String oneLine(String text) {
    String s = text.replaceAll("\\s+", " ").strip();
    return s.length() > 100 ? s.substring(0, 100) + "…" : s;
  }
}
