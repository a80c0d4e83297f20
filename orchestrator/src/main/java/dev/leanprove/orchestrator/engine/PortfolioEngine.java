package dev.leanprove.orchestrator.engine;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No model: the standard closing tactics of competition proofs, tried in one Lean run as
 * {@code first | t1 | t2 | …} (DESIGN §1), cheapest first.
 *
 * <p>Every alternative either closes the goal or fails: a tactic that can succeed while leaving
 * goals ({@code norm_num}, {@code simp_all}, {@code ring_nf}) is followed by {@code <;> done},
 * because {@code first} commits to the first alternative that succeeds and the proof would then
 * end with unsolved goals instead of trying the next one. {@code nlinarith} gets square hints
 * ({@code sq_nonneg (a - b)}, {@code sq_nonneg (a + b)}, {@code sq_nonneg a}) built from the
 * statement's numeric variables, the products DeepSeek-Prover-V2's own proofs pass it.
 * {@code native_decide} is left out: it adds the {@code Lean.ofReduceBool} axiom, which the
 * verifier rejects by default.
 */
public final class PortfolioEngine implements Engine {

  /** Variables beyond this many add hints quadratically and rarely help. */
  static final int MAX_HINT_VARIABLES = 4;

  private static final Set<String> NUMERIC_TYPES = Set.of("ℝ", "ℚ", "ℤ", "ℕ", "Real", "Rat", "Int", "Nat");
  private static final Pattern BINDER = Pattern.compile("[({]\\s*([^(){}:\\[\\]]+?)\\s*:\\s*([^(){}]+?)\\s*[)}]");
  private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_'!?₀-₉]*");
  private static final Pattern LEAN_BLOCK = Pattern.compile("```lean4[^\\n]*\\n(.*?)```", Pattern.DOTALL);

  @Override
  public String name() {
    return EngineType.PORTFOLIO.configName();
  }

  /** The tactics with no statement to draw hints from. */
  public List<String> tactics() {
    return tactics(List.of());
  }

  /** The tactics, with {@code nlinarith} hints built from the statement's variables. */
  public List<String> tactics(String statement) {
    return tactics(variables(statement));
  }

  /** The whole portfolio as one proof: {@code by}, then {@code first} over every tactic. */
  public String combined() {
    return combine(tactics());
  }

  /** {@link #combined()} with hints from the statement's variables. */
  public String combined(String statement) {
    return combine(tactics(statement));
  }

  /**
   * One completion: when the prompt holds a {@code ```lean4} block, a block with that code's
   * statement and {@code := } the combined proof, so the usual extractor takes it like a model's
   * answer; otherwise the bare combined proof. The portfolio is deterministic, so it answers one
   * completion whatever {@code n} asks: copies would only cost identical Lean runs.
   */
  @Override
  public Future<List<Completion>> sample(Prompt prompt, SamplingParams params) {
    String text = statementOf(prompt)
        .map(statement -> "```lean4\n" + statement + " := " + combined(statement) + "\n```")
        .orElseGet(this::combined);
    return Future.succeededFuture(List.of(new Completion(text, "stop", 0, 0)));
  }

  private static List<String> tactics(List<String> variables) {
    String hints = hints(variables);
    String nlinarith = hints.isEmpty() ? "nlinarith" : "nlinarith [" + hints + "]";
    return List.of(
        "(norm_num <;> done)",
        "linarith",
        nlinarith,
        "positivity",
        "omega",
        "decide",
        "(simp_all <;> done)",
        "(field_simp <;> ring_nf <;> done)",
        "(norm_num <;> linarith)",
        "(norm_num <;> " + nlinarith + ")",
        "(ring_nf <;> done)",
        "(norm_num [Finset.sum_range_succ, Finset.prod_range_succ] <;> done)",
        "aesop");
  }

  private static String combine(List<String> tactics) {
    StringBuilder proof = new StringBuilder("by\n  first");
    for (String tactic : tactics) {
      proof.append("\n  | ").append(tactic);
    }
    return proof.toString();
  }

  /** Square hints over pairs of same-typed variables, then each variable alone. */
  private static String hints(List<String> variables) {
    List<String> hints = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      for (int j = i + 1; j < variables.size(); j++) {
        hints.add("sq_nonneg (" + variables.get(i) + " - " + variables.get(j) + ")");
        hints.add("sq_nonneg (" + variables.get(i) + " + " + variables.get(j) + ")");
      }
    }
    for (String variable : variables) {
      hints.add("sq_nonneg " + variable);
    }
    return String.join(", ", hints);
  }

  /**
   * The numeric variables bound in the statement's binders, e.g. {@code a b} from
   * {@code (a b : ℝ)}: those of the most common numeric type, at most {@link #MAX_HINT_VARIABLES},
   * so every hint type-checks without coercions.
   */
  static List<String> variables(String statement) {
    Map<String, List<String>> byType = new LinkedHashMap<>();
    Matcher binder = BINDER.matcher(statement);
    while (binder.find()) {
      String type = binder.group(2).trim();
      if (!NUMERIC_TYPES.contains(type)) {
        continue;
      }
      for (String name : binder.group(1).trim().split("\\s+")) {
        if (IDENTIFIER.matcher(name).matches()) {
          List<String> names = byType.computeIfAbsent(type, key -> new ArrayList<>());
          if (!names.contains(name)) {
            names.add(name);
          }
        }
      }
    }
    List<String> chosen = byType.values().stream()
        .reduce((best, next) -> next.size() > best.size() ? next : best)
        .orElse(List.of());
    return List.copyOf(chosen.subList(0, Math.min(chosen.size(), MAX_HINT_VARIABLES)));
  }

  /** The code before the proof ({@code := by}) in the last {@code ```lean4} block of the prompt. */
  static Optional<String> statementOf(Prompt prompt) {
    for (int i = prompt.messages().size() - 1; i >= 0; i--) {
      ChatMessage message = prompt.messages().get(i);
      if (message.role() == ChatMessage.Role.ASSISTANT) {
        continue;
      }
      Matcher block = LEAN_BLOCK.matcher(message.content());
      String code = null;
      while (block.find()) {
        code = block.group(1);
      }
      if (code != null) {
        int proof = code.lastIndexOf(":= by");
        if (proof < 0) {
          proof = code.lastIndexOf(":=");
        }
        if (proof > 0) {
          return Optional.of(code.substring(0, proof).stripTrailing());
        }
      }
    }
    return Optional.empty();
  }
}
