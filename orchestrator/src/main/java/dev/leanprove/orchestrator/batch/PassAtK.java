package dev.leanprove.orchestrator.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * pass@k: the chance that at least one of k samples proves a problem, estimated from n samples of
 * which c are correct without bias (Chen et al. 2021, the estimator DeepSeek-Prover reports):
 * {@code 1 - C(n-c, k) / C(n, k)}, computed as a product so large n does not overflow.
 */
final class PassAtK {

  /** The k values reported: these, up to the samples per problem, and that number itself. */
  private static final int[] STANDARD = {1, 8, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192};

  private PassAtK() {}

  static double estimate(int n, int c, int k) {
    if (k < 1 || k > n || c < 0 || c > n) {
      throw new IllegalArgumentException("pass@k needs 1 <= k <= n and 0 <= c <= n: n=" + n + " c=" + c + " k=" + k);
    }
    if (n - c < k) {
      return 1.0;
    }
    double allFail = 1.0;
    for (int i = n - c + 1; i <= n; i++) {
      allFail *= 1.0 - (double) k / i;
    }
    return 1.0 - allFail;
  }

  /**
   * One problem's pass@k from its judged model samples. Fewer than k samples (the time or token
   * budget ran out, or some were machine faults): solved if any sample was, else unsolved.
   */
  static double forProblem(int n, int c, int k) {
    if (n < k) {
      return c > 0 ? 1.0 : 0.0;
    }
    return estimate(n, c, k);
  }

  static List<Integer> ks(int samples) {
    List<Integer> ks = new ArrayList<>();
    for (int k : STANDARD) {
      if (k <= samples) {
        ks.add(k);
      }
    }
    if (samples > 0 && !ks.contains(samples)) {
      ks.add(samples);
    }
    return ks;
  }
}
