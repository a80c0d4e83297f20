package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanprove.leanbridge.standin.StandInLean;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.LakeVerifier;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.Statements;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Verdict;
import dev.leanprove.leanbridge.verdict.VerifierConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's real-material check: every DeepSeek-Prover-V2 proof of a miniF2F valid problem turned into a
 * sketch, split into subgoal lemmas, and composed back from the original have proofs, with the stand-in
 * toolchain's oracle knowing exactly those proofs.
 */
final class ProofComposerCorpusTest {

  /** What this test achieved when written; a change that composes fewer is a regression. */
  private static final int EXPECTED_INLINE = 218;
  private static final int EXPECTED_LEMMAS = 1168;
  private static final int EXPECTED_UNSUPPORTED = 5;
  private static final int EXPECTED_AUXILIARY = 215;

  /** Cases per stand-in: every Lean run reads the whole oracle, so one oracle for all 221 would slow each run. */
  private static final int SHARD_SIZE = 12;

  @TempDir
  Path dir;

  private static Path shared(String relative) {
    String dir = System.getProperty("leanprove.shared.dir");
    assertThat(dir).as("system property leanprove.shared.dir (set by surefire)").isNotBlank();
    return Path.of(dir).resolve(relative);
  }

  /** One DeepSeek solution with its miniF2F statement file, cut into a sketch and subgoals. */
  private static final class Case {
    final String name;
    final LeanSource solution;
    final Declaration theorem;
    final LeanSource target;
    final Sketch original;
    final Sketch sketch;
    final SubgoalExtraction extraction;
    final Map<Integer, String> proofs = new HashMap<>();

    Case(Path file) throws IOException {
      String fileName = file.getFileName().toString();
      name = fileName.substring(0, fileName.length() - ".lean".length());
      solution = LeanSource.parse(Files.readString(file, StandardCharsets.UTF_8));
      theorem = solution.theorem(name).orElseThrow();
      target = LeanSource.parse(Files.readString(shared("data/minif2f/Valid/" + fileName), StandardCharsets.UTF_8));
      original = Sketch.parse(theorem.proof());
      sketch = Sketch.parse(original.withHaveProofsSorried());
      extraction = SubgoalExtractor.extract(target.theorem(name).orElseThrow(), sketch);
      for (SketchStep s : sketch.sorrySteps()) {
        proofs.put(s.index(), original.steps().get(s.index()).proof());
      }
    }
  }

  private static List<Case> cases() throws IOException {
    try (Stream<Path> files = Files.list(shared("data/deepseek-prover-v2-solutions/valid"))) {
      List<Case> cases = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".lean")).sorted().toList()) {
        cases.add(new Case(f));
      }
      return cases;
    }
  }

  /** Why a case cannot be composed at all, or empty. */
  private static Optional<String> obstacle(Case c) {
    String deepseek = notationOf2024(c.theorem.statement());
    String minif2f = notationOf2024(c.target.theorem(c.name).orElseThrow().statement());
    if (!Statements.equivalent(minif2f, deepseek)) {
      return Optional.of("DeepSeek proved another statement than miniF2F's: " + oneLine(c.theorem.statement()));
    }
    return Optional.empty();
  }

  /** Mathlib renamed `∑ x in s` to `∑ x ∈ s` and miniF2F now writes `π` for `Real.pi`: same terms, other spelling. */
  private static String notationOf2024(String statement) {
    return statement.replaceAll("([∑∏]) (\\S+) in ", "$1 $2 ∈ ").replace("Real.pi", "π");
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Comments and layout do not matter to Lean's reading of a proof, apart from columns. */
  private static String squeezed(String proof) {
    return LeanText.blankCommentsAndStrings(proof).replaceAll("\\s+", " ").strip();
  }

  /**
   * The oracle: each original have's proof proves its proposition; every other original step is a fine
   * step of its theorem. Filled twice, from {@link Sketch}'s steps and from the stand-in's own
   * reading of steps (it splits at every line at the block's column, also before {@code <;>}), so
   * that the stand-in's verdict rests on the original text, not on the parser under test alone.
   */
  private static void teachOracle(StandInLean lean, List<Case> cases) {
    Map<String, List<String>> propositions = new LinkedHashMap<>();
    for (Case c : cases) {
      List<String> steps = new ArrayList<>();
      for (SketchStep s : c.original.steps()) {
        if (s.statesProposition()) {
          propositions.computeIfAbsent(s.proposition(), k -> new ArrayList<>()).add(s.proof());
          if (!s.binders().isEmpty()) {
            propositions.computeIfAbsent("∀ " + s.binders() + ", " + s.proposition(), k -> new ArrayList<>()).add(s.proof());
          }
        } else {
          steps.add(s.text());
        }
      }
      for (String step : standInSteps(c.theorem.proof())) {
        String[] have = standInHave(step);
        if (have != null) {
          propositions.computeIfAbsent(have[0], k -> new ArrayList<>()).add(have[1]);
        } else {
          steps.add(step);
        }
      }
      lean.steps(c.name, steps.toArray(String[]::new));
    }
    propositions.forEach((p, bodies) -> lean.proposition(p, bodies.toArray(String[]::new)));
  }

  /** The stand-in's top-level steps of a proof: every line at or left of the block's column, outside brackets, starts one. */
  private static List<String> standInSteps(String proof) {
    String code = LeanText.blankCommentsAndStrings(proof);
    int i = code.indexOf("by") + 2;
    while (i < code.length() && Character.isWhitespace(code.charAt(i))) {
      i++;
    }
    int base = LeanText.positionAt(proof, i).column();
    List<Integer> starts = new ArrayList<>(List.of(i));
    int depth = 0;
    boolean lineStart = false;
    for (int k = i; k < code.length(); k++) {
      char ch = code.charAt(k);
      if (ch == '\n') {
        lineStart = true;
        continue;
      }
      if (lineStart && !Character.isWhitespace(ch)) {
        lineStart = false;
        if (depth == 0 && LeanText.positionAt(proof, k).column() <= base) {
          starts.add(k);
        }
      }
      if ("([{⦃⟨".indexOf(ch) >= 0) {
        depth++;
      } else if (")]}⦄⟩".indexOf(ch) >= 0) {
        depth = Math.max(0, depth - 1);
      }
    }
    List<String> steps = new ArrayList<>();
    for (int k = 0; k < starts.size(); k++) {
      steps.add(code.substring(starts.get(k), k + 1 < starts.size() ? starts.get(k + 1) : code.length()).strip());
    }
    return steps;
  }

  /** {@code [P, BODY]} for a stand-in step {@code have h : P := BODY}, else null. */
  private static String[] standInHave(String step) {
    String s = step.replaceAll("\\s+", " ");
    if (!s.startsWith("have ") && !s.startsWith("obtain ")) {
      return null;
    }
    int assign = topLevel(s, ":=", 0);
    int colon = assign < 0 ? -1 : topLevel(s.substring(0, assign), ":", 0);
    return colon < 0 ? null : new String[] {s.substring(colon + 1, assign).strip(), s.substring(assign + 2).strip()};
  }

  private static int topLevel(String s, String needle, int from) {
    int depth = 0;
    for (int k = from; k < s.length(); k++) {
      char ch = s.charAt(k);
      if ("([{⦃⟨".indexOf(ch) >= 0) {
        depth++;
      } else if (")]}⦄⟩".indexOf(ch) >= 0) {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0 && s.startsWith(needle, k) && !(needle.equals(":") && s.startsWith(":=", k))) {
        return k;
      }
    }
    return -1;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(60, TimeUnit.SECONDS);
  }

  /** Work on one shard of cases: the futures of its Lean runs, by a key naming what each checks. */
  private interface ShardWork<T> {
    Map<String, CompletableFuture<T>> submit(StandInLean lean, LakeVerifier verifier, List<Case> shard) throws Exception;
  }

  /** Runs {@code work} shard by shard, each with a stand-in that knows that shard's proofs; at most 2 Lean runs at once. */
  private <T> Map<String, T> perShard(List<Case> cases, ShardWork<T> work) throws Exception {
    Map<String, T> results = new LinkedHashMap<>();
    for (int from = 0; from < cases.size(); from += SHARD_SIZE) {
      List<Case> shard = cases.subList(from, Math.min(cases.size(), from + SHARD_SIZE));
      try (StandInLean lean = StandInLean.create(dir.resolve("shard" + from), 2)) {
        teachOracle(lean, shard);
        for (Map.Entry<String, CompletableFuture<T>> e : work.submit(lean, lean.verifier(VerifierConfig.DEFAULT), shard).entrySet()) {
          results.put(e.getKey(), await(e.getValue()));
        }
      }
    }
    return results;
  }

  /** The cases DeepSeek proved with miniF2F's statement; the others go to {@code failures} with the reason. */
  private static List<Case> sameStatement(List<Case> cases, Map<String, String> failures) {
    List<Case> kept = new ArrayList<>();
    for (Case c : cases) {
      Optional<String> obstacle = obstacle(c);
      if (obstacle.isPresent()) {
        failures.put(c.name, obstacle.get());
      } else {
        kept.add(c);
      }
    }
    return kept;
  }

  private static List<String> proved(Map<String, Verdict> verdicts, Map<String, String> failures) {
    List<String> proved = new ArrayList<>();
    verdicts.forEach((name, v) -> {
      if (v.proved()) {
        proved.add(name);
      } else {
        failures.put(name, "the stand-in says " + v.code() + ": " + oneLine(v.detail()));
      }
    });
    return proved;
  }

  private static void report(String title, int total, List<String> handled, Map<String, String> failures) {
    System.out.println(title + ": " + handled.size() + " of " + total);
    failures.forEach((name, reason) -> System.out.println("  not handled: " + name + ": " + reason));
  }

  @Test
  void inline_allDeepSeekSolutions_composeToProofsTheStandInAccepts() throws Exception {
    List<Case> cases = cases();
    assertThat(cases).hasSize(221);
    Map<String, String> failures = new TreeMap<>();
    Map<String, Verdict> verdicts = perShard(sameStatement(cases, failures), (lean, verifier, shard) -> {
      Map<String, CompletableFuture<Verdict>> pending = new LinkedHashMap<>();
      for (Case c : shard) {
        assertThat(c.sketch.steps()).as(c.name).hasSameSizeAs(c.original.steps());
        String composed = ProofComposer.inline(c.sketch, c.proofs);
        assertThat(squeezed(composed)).as(c.name).isEqualTo(squeezed(c.theorem.proof()));
        pending.put(c.name, verifier.verify(ProofCandidate.of(c.target, c.name, composed)));
      }
      return pending;
    });
    List<String> composed = proved(verdicts, failures);

    report("composed (inline) and PROVED", cases.size(), composed, failures);
    assertThat(composed.size()).isGreaterThanOrEqualTo(EXPECTED_INLINE);
    assertThat(composed.size() + failures.size()).isEqualTo(cases.size());
    assertThat(failures.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
  }

  @Test
  void inline_wrongHaveProofs_isNotProved() throws Exception {
    List<Case> sample = sameStatement(cases(), new TreeMap<>()).stream()
        .filter(c -> c.proofs.size() >= 2).limit(5).toList();
    Map<String, Verdict> verdicts = perShard(sample, (lean, verifier, shard) -> {
      Map<String, CompletableFuture<Verdict>> pending = new LinkedHashMap<>();
      for (Case c : shard) {
        Map<Integer, String> wrong = new HashMap<>();
        c.proofs.keySet().forEach(k -> wrong.put(k, "by\n  nlinarith [sq_nonneg (" + k + " : ℝ)]"));
        pending.put(c.name + " wrong", verifier.verify(ProofCandidate.of(c.target, c.name, ProofComposer.inline(c.sketch, wrong))));
        pending.put(c.name + " sketch", verifier.verify(ProofCandidate.of(c.target, c.name, c.sketch.text())));
      }
      return pending;
    });

    assertThat(verdicts).hasSize(10);
    verdicts.forEach((key, v) ->
        assertThat(v.code()).as(key).isEqualTo(key.endsWith("sketch") ? ReasonCode.SORRY : ReasonCode.LEAN_ERROR));
  }

  @Test
  void extract_allDeepSeekSolutions_eachLemmaWithItsOriginalProofIsAccepted() throws Exception {
    List<Case> cases = cases();
    Map<String, String> unsupported = new TreeMap<>();
    int[] lemmas = {0};
    Map<String, FileReport> reports = perShard(cases, (lean, verifier, shard) -> {
      Map<String, CompletableFuture<FileReport>> pending = new LinkedHashMap<>();
      for (Case c : shard) {
        for (SubgoalExtraction.Unsupported u : c.extraction.unsupported()) {
          unsupported.put(c.name + " step " + (u.stepIndex() + 1), u.reason());
        }
        if (c.extraction.subgoals().isEmpty()) {
          continue;
        }
        StringBuilder file = new StringBuilder(c.target.header().text());
        for (Subgoal g : c.extraction.subgoals()) {
          String text = g.statement() + " := " + c.proofs.get(g.stepIndex()) + "\n\n";
          LeanSource alone = LeanSource.parse(text);
          assertThat(alone.theorems()).as(g.lemmaName()).hasSize(1);
          assertThat(alone.theorems().get(0).name()).isEqualTo(g.lemmaName());
          file.append(text);
          lemmas[0]++;
        }
        pending.put(c.name, verifier.check(LeanSource.parse(file.toString())));
      }
      return pending;
    });
    Map<String, String> rejected = new TreeMap<>();
    int accepted = 0;
    for (Map.Entry<String, FileReport> e : reports.entrySet()) {
      for (TheoremVerdict t : e.getValue().theorems()) {
        if (t.verdict().proved()) {
          accepted++;
        } else {
          rejected.put(e.getKey() + " " + t.name(), t.verdict().code() + ": " + oneLine(t.verdict().detail()));
        }
      }
    }

    System.out.println("subgoal lemmas accepted with their original proofs: " + accepted + " of " + lemmas[0]);
    rejected.forEach((name, reason) -> System.out.println("  rejected: " + name + ": " + reason));
    unsupported.forEach((name, reason) -> System.out.println("  no lemma: " + name + ": " + reason));
    assertThat(rejected).isEmpty();
    assertThat(accepted).isEqualTo(lemmas[0]).isGreaterThanOrEqualTo(EXPECTED_LEMMAS);
    assertThat(unsupported).hasSizeLessThanOrEqualTo(EXPECTED_UNSUPPORTED);
    assertThat(unsupported.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
  }

  @Test
  void withAuxiliaryLemmas_deepSeekSolutions_composeToProofsTheStandInAccepts() throws Exception {
    List<Case> cases = cases();
    Map<String, String> failures = new TreeMap<>();
    List<Case> complete = new ArrayList<>();
    for (Case c : sameStatement(cases, failures)) {
      if (c.extraction.complete()) {
        complete.add(c);
      } else {
        failures.put(c.name, "a sorry without a lemma: " + c.extraction.unsupported().get(0).reason());
      }
    }
    Map<String, Verdict> verdicts = perShard(complete, (lean, verifier, shard) -> {
      Map<String, Composition> compositions = new LinkedHashMap<>();
      for (Case c : shard) {
        Composition composition = ProofComposer.withAuxiliaryLemmas(c.sketch, c.extraction, c.proofs);
        assertThat(composition.proof()).as(c.name).doesNotContain("sorry");
        compositions.put(c.name, composition);
        // The stand-in knows a call only when told, as it knows any other step.
        for (Subgoal g : c.extraction.subgoals()) {
          SketchStep step = c.sketch.steps().get(g.stepIndex());
          if (step.kind() == StepKind.OTHER) {
            lean.steps(c.name, "exact " + g.call());
          } else {
            lean.proposition(step.proposition(), g.call());
          }
        }
      }
      // Only now: a run must not read the oracle while it is being rewritten.
      Map<String, CompletableFuture<Verdict>> pending = new LinkedHashMap<>();
      for (Case c : shard) {
        Composition composition = compositions.get(c.name);
        pending.put(c.name, verifier.verify(
            new ProofCandidate(c.target, c.name, composition.proof(), composition.auxiliary(), Optional.empty())));
      }
      return pending;
    });
    List<String> composed = proved(verdicts, failures);

    report("composed with auxiliary lemmas and PROVED", cases.size(), composed, failures);
    assertThat(composed).hasSameSizeAs(complete);
    assertThat(composed.size()).isGreaterThanOrEqualTo(EXPECTED_AUXILIARY);
  }

  @Test
  void mathdAlgebra247_deepSeekDroppedABinderOfItsInput_miniF2FFileHasTheSameStatement() throws Exception {
    String jsonl = Files.readAllLines(shared("data/minif2f-valid.jsonl")).stream()
        .filter(l -> l.contains("\"mathd_algebra_247\"")).findFirst().orElseThrow();
    String input = new ObjectMapper().readTree(jsonl).get("formal_statement").asText();
    Case c = new Case(shared("data/deepseek-prover-v2-solutions/valid/mathd_algebra_247.lean"));

    String given = LeanSource.parse(input + "  sorry").theorem("mathd_algebra_247").orElseThrow().statement();
    assertThat(given).contains("(n) (_ : n = 3)");
    assertThat(Statements.equivalent(given, c.theorem.statement())).isFalse();
    assertThat(Statements.equivalent(c.target.theorem(c.name).orElseThrow().statement(), c.theorem.statement())).isTrue();
    assertThat(obstacle(c)).isEmpty();
  }

  @Test
  void obstacle_statementsDifferingOnlyInNotation_areTheSame() throws Exception {
    Case sum = new Case(shared("data/deepseek-prover-v2-solutions/valid/mathd_numbertheory_24.lean"));
    Case pi = new Case(shared("data/deepseek-prover-v2-solutions/valid/imo_1965_p1.lean"));
    Case answer = new Case(shared("data/deepseek-prover-v2-solutions/valid/mathd_algebra_433.lean"));

    assertThat(sum.theorem.statement()).contains("∑ k in");
    assertThat(obstacle(sum)).isEmpty();
    assertThat(pi.theorem.statement()).contains("Real.pi");
    assertThat(obstacle(pi)).isEmpty();
    assertThat(obstacle(answer)).get().asString().contains("another statement");
  }
}
