package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

final class SummaryBuilderTest {

  @Test
  void build_oneProblemOfEachKind_countsByHand() {
    Summary s = SampleRun.summary();

    assertThat(s.total()).isEqualTo(7);
    assertThat(s.proved()).isEqualTo(3);
    assertThat(s.notProved()).isEqualTo(2);
    assertThat(s.invalid()).isEqualTo(1);
    assertThat(s.unfinished()).isEqualTo(1);
    assertThat(s.portfolioSolved()).isEqualTo(1);
    assertThat(s.solvedRate()).isCloseTo(3 / 7.0, within(1e-12));
    assertThat(s.allProved()).isFalse();
    // Measured: mathd_algebra_1 (n=4, c=1), mathd_algebra_2 (portfolio), amc12a (n=4, c=0), amc12b (n=4, c=4).
    assertThat(s.passAtKProblems()).isEqualTo(4);
    assertThat(s.passAtK()).extracting(Summary.PassAtKValue::k).containsExactly(1, 4);
    assertThat(s.passAtK().get(0).value()).isCloseTo((0.25 + 1 + 0 + 1) / 4, within(1e-12));
    assertThat(s.passAtK().get(1).value()).isCloseTo((1 + 1 + 0 + 1) / 4.0, within(1e-12));
    assertThat(s.passAtKNote()).isEmpty();
    assertThat(s.categories()).containsExactly(
        new Summary.CategoryCount("amc12", 2, 1), new Summary.CategoryCount("mathd_algebra", 2, 2),
        new Summary.CategoryCount("aime", 1, 0), new Summary.CategoryCount("imo", 1, 0),
        new Summary.CategoryCount("induction", 1, 0));
    assertThat(s.failures()).containsExactly(new Summary.ReasonCount("LEAN_ERROR", 2), new Summary.ReasonCount("NO_TARGET", 1));
    // 6 portfolio attempts, 4 + 5 + 2 + 4 model attempts.
    assertThat(s.attempts()).isEqualTo(21);
    assertThat(s.attemptVerdicts()).containsExactly(new Summary.ReasonCount("LEAN_ERROR", 11),
        new Summary.ReasonCount("PROVED", 6), new Summary.ReasonCount("SYSTEM_ERROR", 2),
        new Summary.ReasonCount("OUT_OF_MEMORY", 1), new Summary.ReasonCount("SORRY", 1));
    assertThat(s.samples()).isEqualTo(12);
    assertThat(s.completionTokens()).isEqualTo(15 * 250);
    assertThat(s.promptTokens()).isEqualTo(21 * 100);
    assertThat(s.problemWallMs()).isEqualTo(2000 + 500 + 3000 + 3000 + 800);
    assertThat(s.elapsedMs()).isEqualTo(12_345);
    assertThat(s.problems()).filteredOn(p -> p.name().equals("aime_1983_p1")).singleElement()
        .satisfies(p -> assertThat(p.outcome()).isEqualTo("UNFINISHED"));
    assertThat(s.problems()).filteredOn(Summary.ProblemLine::portfolio).extracting(Summary.ProblemLine::name)
        .containsExactly("mathd_algebra_2");
  }

  @Test
  void build_withoutModelOrWithFirstProof_noPassAtKAndSaysWhy() {
    RunSettings portfolioOnly = new RunSettings("portfolio", "", "4.24.0", 8, 16384, "cot repair=2 depth=2", true, false, OptionalLong.empty());
    RunSettings firstProof = new RunSettings("openai", "m", "4.24.0", 8, 16384, "cot repair=2 depth=2", true, true, OptionalLong.empty());

    Summary none = SummaryBuilder.build(SampleRun.problems(), SampleRun.log(portfolioOnly), portfolioOnly, List.of(), 0);
    Summary first = SummaryBuilder.build(SampleRun.problems(), SampleRun.log(firstProof), firstProof, List.of(), 0);

    assertThat(none.passAtK()).isEmpty();
    assertThat(none.passAtKNote()).contains("no model engine");
    assertThat(first.passAtK()).isEmpty();
    assertThat(first.passAtKNote()).contains("--first-proof");
    assertThat(first.proved()).isEqualTo(3);
  }

  @Test
  void build_emptyLog_everythingUnfinished() {
    Summary s = SummaryBuilder.build(SampleRun.problems(), new RecordedRun(), Records.MODEL_RUN, List.of(), 0);

    assertThat(s.unfinished()).isEqualTo(7);
    assertThat(s.passAtK()).isEmpty();
    assertThat(s.passAtKNote()).contains("no problem has a model sample");
    assertThat(s.sessions()).isEqualTo(1);
  }

  @Test
  void json_carriesTheSameNumbers() {
    Summary s = SampleRun.summary();

    JsonObject json = SummaryJson.of(s);

    assertThat(json.getJsonObject("problems").getInteger("proved")).isEqualTo(3);
    assertThat(json.getJsonArray("passAtK").getJsonObject(0).getDouble("value")).isEqualTo(s.passAtK().get(0).value());
    assertThat(json.getJsonArray("categories")).hasSize(5);
    assertThat(json.getJsonArray("problemList")).hasSize(7);
    assertThat(json.getJsonArray("inputIssues").getJsonObject(0).getString("origin")).isEqualTo("p.jsonl:9");
    assertThat(json.getJsonObject("settings").getInteger("samples")).isEqualTo(4);
  }

  @Test
  void markdown_listsSolvedCategoriesPassAtKAndInputProblems() {
    String md = SummaryMarkdown.of(SampleRun.summary());

    assertThat(md).contains("**Solved 3 / 7 (42.9%)** · portfolio 1 · not proved 2 · invalid 1 · unfinished 1")
        .contains("| 1 | 56.3% |").contains("| 4 | 75.0% |")
        .contains("| mathd_algebra | 2 | 2 | 100.0% |")
        .contains("| LEAN_ERROR | 2 |")
        .contains("- `imo_1960_p1`: NO_TARGET — nothing to prove")
        .contains("- p.jsonl:9: not a JSON object")
        .contains("| mathd_algebra_2 | PROVED (portfolio) | PROVED | 0 | 0 |");
  }
}
