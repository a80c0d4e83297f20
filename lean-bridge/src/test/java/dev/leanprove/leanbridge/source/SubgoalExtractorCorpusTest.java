package dev.leanprove.leanbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leanprove.leanbridge.verdict.Statements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link SubgoalExtractor} on every statement shape of miniF2F's valid split, as DeepSeek-Prover-V1.5's
 * JSONL gives them: a sketch of two haves and a final sorry for each.
 */
final class SubgoalExtractorCorpusTest {

  private static final String HEADER = "import Mathlib\nimport Aesop\n\nset_option maxHeartbeats 400000\n\n"
      + "open BigOperators Real Nat Topology Rat\n\n";
  private static final String SKETCH =
      "  have h_a : 0 < 1 := by sorry\n  have h_b : (1 : ℕ) ≤ 2 := by\n    sorry\n  sorry";
  private static final String HAVE_A = "(h_a : 0 < 1)";
  private static final String HAVE_B = "(h_b : (1 : ℕ) ≤ 2)";

  private static Map<String, String> statements() throws IOException {
    String dir = System.getProperty("leanprove.shared.dir");
    assertThat(dir).as("system property leanprove.shared.dir (set by surefire)").isNotBlank();
    Map<String, String> statements = new LinkedHashMap<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of(dir, "data/minif2f-valid.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode row = json.readTree(line);
      statements.put(row.get("name").asText(), row.get("formal_statement").asText());
    }
    return statements;
  }

  private static Declaration theorem(String name, String formalStatement) {
    LeanSource source = LeanSource.parse(HEADER + formalStatement + SKETCH);
    return source.theorem(name).orElseThrow();
  }

  private static SubgoalExtraction extract(String name, String formalStatement) {
    Declaration d = theorem(name, formalStatement);
    return SubgoalExtractor.extract(d, Sketch.parse(d.proof()));
  }

  /**
   * The binder groups of {@code theorem NAME binders : type} and the offset of its colon, read the
   * plain way (brackets counted, comments blanked), independently of the code under test.
   */
  private static List<String> binderGroups(String statement, int[] colon) {
    String code = LeanText.blankCommentsAndStrings(statement);
    int i = code.indexOf(' ', "theorem ".length());
    List<String> groups = new ArrayList<>();
    while (i < code.length()) {
      char c = code.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (c == ':') {
        colon[0] = i;
        return groups;
      } else if ("({[⦃".indexOf(c) >= 0) {
        int depth = 0;
        int k = i;
        do {
          char d = code.charAt(k);
          depth += "({[⦃⟨".indexOf(d) >= 0 ? 1 : ")}]⦄⟩".indexOf(d) >= 0 ? -1 : 0;
          k++;
        } while (depth > 0);
        groups.add(statement.substring(i, k));
        i = k;
      } else {
        int k = i;
        while (!Character.isWhitespace(code.charAt(k))) {
          k++;
        }
        groups.add(statement.substring(i, k));
        i = k;
      }
    }
    throw new AssertionError("no colon in " + statement);
  }

  @Test
  void extract_everyMiniF2FValidStatement_lemmasKeepTheBindersAndAddEarlierHaves() throws IOException {
    Map<String, String> all = statements();
    assertThat(all).hasSize(244);
    for (Map.Entry<String, String> problem : all.entrySet()) {
      String name = problem.getKey();
      Declaration d = theorem(name, problem.getValue());
      SubgoalExtraction e = SubgoalExtractor.extract(d, Sketch.parse(d.proof()));
      int[] colon = {-1};
      List<String> groups = binderGroups(d.statement(), colon);

      assertThat(e.complete()).as(name).isTrue();
      assertThat(e.subgoals()).as(name).extracting(Subgoal::lemmaName)
          .containsExactly(name + "_h_a", name + "_h_b", name + "_step3");
      for (int k = 0; k < 3; k++) {
        Subgoal g = e.subgoals().get(k);
        LeanSource lemma = LeanSource.parse(HEADER + g.statement() + " := by\n  sorry\n");
        assertThat(lemma.theorems()).as(g.lemmaName()).hasSize(1);
        Declaration parsed = lemma.theorems().get(0);
        assertThat(parsed.name()).isEqualTo(g.lemmaName());
        assertThat(parsed.statement()).isEqualTo(g.statement());
        assertThat(groups).as(g.lemmaName()).allSatisfy(group -> assertThat(g.statement()).contains(group));
        assertThat(g.statement().contains(HAVE_A)).as(g.lemmaName()).isEqualTo(k > 0);
        assertThat(g.statement().contains(HAVE_B)).as(g.lemmaName()).isEqualTo(k > 1);
        String withoutHaves = g.statement().replace(" " + HAVE_A, "").replace(" " + HAVE_B, "");
        String conclusion = k == 2 ? d.statement().substring(colon[0] + 1) : g.proposition();
        assertThat(Statements.equivalent(d.statement().substring(0, colon[0] + 1) + " " + conclusion, withoutHaves))
            .as("%s is %s with the haves", g.statement(), d.statement()).isTrue();
        int parameters = groups.stream().mapToInt(group -> Math.max(1, Signature.parse("theorem x " + group + " : True")
            .orElseThrow().binders().get(0).names().size())).sum();
        assertThat(g.arguments()).as(g.lemmaName()).hasSize(parameters + k);
        boolean implicit = groups.stream().anyMatch(group -> "{[⦃".indexOf(group.charAt(0)) >= 0);
        assertThat(g.call()).as(g.lemmaName()).startsWith((implicit ? "@" : "") + g.lemmaName());
      }
      assertThat(e.subgoals().get(2).proposition()).as(name)
          .isEqualTo(d.statement().substring(colon[0] + 1).replaceAll("\\s+", " ").strip());
    }
  }

  @Test
  void extract_representativeShapes_handCheckedStatementsAndCalls() throws IOException {
    Map<String, String> all = statements();
    Map<String, String[]> expected = new LinkedHashMap<>();
    expected.put("amc12a_2008_p4", new String[] {
        "theorem amc12a_2008_p4_step3 (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "(∏ k in Finset.Icc (1 : ℕ) 501, ((4 : ℝ) * k + 4) / (4 * k)) = 502",
        "amc12a_2008_p4_step3 h_a h_b"});
    expected.put("mathd_algebra_247", new String[] {
        "theorem mathd_algebra_247_step3 (t s : ℝ) (n : ℤ) (h₀ : t = 2 * s - s ^ 2) (h₁ : s = n ^ 2 - 2 ^ n + 1)\n"
            + "  (n) (_ : n = 3) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : t = 0",
        "mathd_algebra_247_step3 t s _ h₀ h₁ n (by assumption) h_a h_b"});
    expected.put("imo_1987_p6", new String[] {
        "theorem imo_1987_p6_step3 (p : ℕ) (f : ℕ → ℕ) (h₀ : ∀ x, f x = x ^ 2 + x + p)\n"
            + "  (h₀ : ∀ k : ℕ, k ≤ Nat.floor (Real.sqrt (p / 3)) → Nat.Prime (f k)) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "∀ i ≤ p - 2, Nat.Prime (f i)",
        "imo_1987_p6_step3 p f (by assumption) h₀ h_a h_b"});
    expected.put("amc12a_2016_p3", new String[] {
        "theorem amc12a_2016_p3_step3 (f : ℝ → ℝ → ℝ)\n"
            + "  (h₀ : ∀ x, ∀ (y) (_ : y ≠ 0), f x y = x - y * Int.floor (x / y)) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "f (3 / 8) (-(2 / 5)) = -(1 / 40)",
        "amc12a_2016_p3_step3 f h₀ h_a h_b"});
    expected.put("algebra_amgm_faxinrrp2msqrt2geq2mxm1div2x", new String[] {
        "theorem algebra_amgm_faxinrrp2msqrt2geq2mxm1div2x_step3 (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "∀ x > 0, 2 - Real.sqrt 2 ≥ 2 - x - 1 / (2 * x)",
        "algebra_amgm_faxinrrp2msqrt2geq2mxm1div2x_step3 h_a h_b"});
    expected.put("numbertheory_aneqprodakp4_anmsqrtanp1eq2", new String[] {
        "theorem numbertheory_aneqprodakp4_anmsqrtanp1eq2_step3 (a : ℕ → ℝ) (h₀ : a 0 = 1)\n"
            + "  (h₁ : ∀ n, a (n + 1) = (∏ k in Finset.range (n + 1), a k) + 4) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "∀ n ≥ 1, a n - Real.sqrt (a (n + 1)) = 2",
        "numbertheory_aneqprodakp4_anmsqrtanp1eq2_step3 a h₀ h₁ h_a h_b"});
    expected.put("mathd_numbertheory_303", new String[] {
        "theorem mathd_numbertheory_303_step3 (S : Finset ℕ)\n"
            + "  (h₀ : ∀ n : ℕ, n ∈ S ↔ 2 ≤ n ∧ 171 ≡ 80 [MOD n] ∧ 468 ≡ 13 [MOD n]) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "(∑ k in S, k) = 111",
        "mathd_numbertheory_303_step3 S h₀ h_a h_b"});
    expected.put("mathd_numbertheory_64", new String[] {
        "theorem mathd_numbertheory_64_step3 (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : IsLeast { x : ℕ | 30 * x ≡ 42 [MOD 47] } 39",
        "mathd_numbertheory_64_step3 h_a h_b"});
    expected.put("aime_1984_p15", new String[] {
        "theorem aime_1984_p15_step3 (x y z w : ℝ)\n"
            + "    (h₀ :\n      x ^ 2 / (2 ^ 2 - 1) + y ^ 2 / (2 ^ 2 - 3 ^ 2) + z ^ 2 / (2 ^ 2 - 5 ^ 2) +\n"
            + "          w ^ 2 / (2 ^ 2 - 7 ^ 2) =\n        1)\n"
            + "    (h₁ :\n      x ^ 2 / (4 ^ 2 - 1) + y ^ 2 / (4 ^ 2 - 3 ^ 2) + z ^ 2 / (4 ^ 2 - 5 ^ 2) +\n"
            + "          w ^ 2 / (4 ^ 2 - 7 ^ 2) =\n        1)\n"
            + "    (h₂ :\n      x ^ 2 / (6 ^ 2 - 1) + y ^ 2 / (6 ^ 2 - 3 ^ 2) + z ^ 2 / (6 ^ 2 - 5 ^ 2) +\n"
            + "          w ^ 2 / (6 ^ 2 - 7 ^ 2) =\n        1)\n"
            + "    (h₃ :\n      x ^ 2 / (8 ^ 2 - 1) + y ^ 2 / (8 ^ 2 - 3 ^ 2) + z ^ 2 / (8 ^ 2 - 5 ^ 2) +\n"
            + "          w ^ 2 / (8 ^ 2 - 7 ^ 2) =\n        1) (h_a : 0 < 1) (h_b : (1 : ℕ) ≤ 2) : "
            + "x ^ 2 + y ^ 2 + z ^ 2 + w ^ 2 = 36",
        "aime_1984_p15_step3 x y z w h₀ h₁ h₂ h₃ h_a h_b"});
    for (Map.Entry<String, String[]> shape : expected.entrySet()) {
      Subgoal last = extract(shape.getKey(), all.get(shape.getKey())).subgoals().get(2);

      assertThat(last.statement()).as(shape.getKey()).isEqualTo(shape.getValue()[0]);
      assertThat(last.call()).as(shape.getKey()).isEqualTo(shape.getValue()[1]);
    }
    Subgoal first = extract("amc12a_2008_p4", all.get("amc12a_2008_p4")).subgoals().get(0);
    assertThat(first.statement()).isEqualTo("theorem amc12a_2008_p4_h_a : 0 < 1");
    assertThat(first.call()).isEqualTo("amc12a_2008_p4_h_a");
  }
}
