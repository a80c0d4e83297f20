package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

final class PassAtKTest {

  @Test
  void estimate_oneCorrectOfFour_passAtOneIsAQuarter() {
    assertThat(PassAtK.estimate(4, 1, 1)).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void estimate_anyNck_equalsTheBinomialFormula() {
    for (int n = 1; n <= 40; n += 3) {
      for (int c = 0; c <= n; c += 2) {
        for (int k = 1; k <= n; k += 4) {
          double exact = 1 - ratio(choose(n - c, k), choose(n, k));
          assertThat(PassAtK.estimate(n, c, k)).as("n=%d c=%d k=%d", n, c, k).isCloseTo(exact, within(1e-12));
        }
      }
    }
  }

  @Test
  void estimate_largeN_doesNotOverflow() {
    double p = PassAtK.estimate(8192, 3, 1024);
    assertThat(p).isBetween(0.0, 1.0).isCloseTo(1 - Math.pow(1 - 1024.0 / 8192, 3), within(1e-3));
  }

  @Test
  void estimate_noneCorrect_isZero_allCorrect_isOne() {
    assertThat(PassAtK.estimate(32, 0, 8)).isZero();
    assertThat(PassAtK.estimate(32, 32, 1)).isEqualTo(1.0);
    assertThat(PassAtK.estimate(8, 1, 8)).isEqualTo(1.0);
  }

  @Test
  void estimate_kAboveN_orBadCounts_throw() {
    assertThatThrownBy(() -> PassAtK.estimate(4, 1, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=5");
    assertThatThrownBy(() -> PassAtK.estimate(4, 5, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PassAtK.estimate(4, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void forProblem_fewerSamplesThanK_solvedOnlyWhenOneWasCorrect() {
    assertThat(PassAtK.forProblem(3, 1, 8)).isEqualTo(1.0);
    assertThat(PassAtK.forProblem(3, 0, 8)).isZero();
    assertThat(PassAtK.forProblem(8, 2, 8)).isEqualTo(1.0);
  }

  @Test
  void ks_standardValuesUpToTheSamples_plusTheSamples() {
    assertThat(PassAtK.ks(0)).isEmpty();
    assertThat(PassAtK.ks(1)).containsExactly(1);
    assertThat(PassAtK.ks(8)).containsExactly(1, 8);
    assertThat(PassAtK.ks(10)).containsExactly(1, 8, 10);
    assertThat(PassAtK.ks(32)).containsExactly(1, 8, 32);
    assertThat(PassAtK.ks(100)).containsExactly(1, 8, 32, 64, 100);
  }

  private static BigInteger choose(int n, int k) {
    if (k > n) {
      return BigInteger.ZERO;
    }
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }

  private static double ratio(BigInteger a, BigInteger b) {
    return new java.math.BigDecimal(a).divide(new java.math.BigDecimal(b), java.math.MathContext.DECIMAL128).doubleValue();
  }
}
