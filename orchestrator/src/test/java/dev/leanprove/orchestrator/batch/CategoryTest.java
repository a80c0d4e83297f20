package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CategoryTest {

  @Test
  void of_miniF2FNames_givesTheirFamily() {
    assertThat(Category.of("mathd_algebra_10")).isEqualTo("mathd_algebra");
    assertThat(Category.of("mathd_numbertheory_48")).isEqualTo("mathd_numbertheory");
    assertThat(Category.of("amc12a_2019_p21")).isEqualTo("amc12");
    assertThat(Category.of("amc12_2000_p5")).isEqualTo("amc12");
    assertThat(Category.of("aimeI_2000_p7")).isEqualTo("aime");
    assertThat(Category.of("aime_1983_p9")).isEqualTo("aime");
    assertThat(Category.of("imo_1961_p1")).isEqualTo("imo");
    assertThat(Category.of("induction_sum_odd")).isEqualTo("induction");
    assertThat(Category.of("algebra_sqineq_2unitcircatblt1")).isEqualTo("algebra");
    assertThat(Category.of("numbertheory_sqmod3in01d")).isEqualTo("numbertheory");
  }

  @Test
  void of_unknownNames_groupByFirstWord() {
    assertThat(Category.of("putnam_1990_a1")).isEqualTo("putnam");
    assertThat(Category.of("lemma")).isEqualTo("lemma");
    assertThat(Category.of("_x")).isEqualTo("_x");
  }
}
