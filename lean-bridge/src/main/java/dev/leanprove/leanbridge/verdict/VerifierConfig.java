package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.process.LeanRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How strictly and within which limits candidates are checked.
 *
 * @param timeout wall-clock limit per Lean run; the whole process tree is killed at it
 * @param memoryLimitBytes resident-memory cap for one Lean run's process tree, 0 for none
 * @param allowedAxioms axioms a proof may depend on (DESIGN §3 rule 5)
 * @param allowNativeDecide whether {@code native_decide}'s compiler axioms are accepted
 * @param allowedTokens forbidden tokens the user chose to allow (e.g. {@code notation})
 * @param maxSourceChars the largest source text accepted; larger input is refused, not checked
 * @param requireKernelReplay whether PROVED needs the kernel-replay checker; without it a
 *     {@code screened} PROVED becomes {@link ReasonCode#TOOLCHAIN_MISSING}
 */
public record VerifierConfig(
    Duration timeout,
    long memoryLimitBytes,
    Set<String> allowedAxioms,
    boolean allowNativeDecide,
    Set<String> allowedTokens,
    int maxSourceChars,
    boolean requireKernelReplay) {

  public static final Set<String> STANDARD_AXIOMS = Set.of("propext", "Classical.choice", "Quot.sound");

  /** Lean with Mathlib needs several GB; more than this is a runaway proof. */
  public static final long DEFAULT_MEMORY_LIMIT_BYTES = 12L << 30;

  /** Far above any competition problem or model output; a 10 MB paste is a mistake. */
  public static final int DEFAULT_MAX_SOURCE_CHARS = 1 << 20;

  public static final VerifierConfig DEFAULT =
      new VerifierConfig(LeanRunner.DEFAULT_TIMEOUT, DEFAULT_MEMORY_LIMIT_BYTES, STANDARD_AXIOMS, false, Set.of(),
          DEFAULT_MAX_SOURCE_CHARS);

  public VerifierConfig {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (memoryLimitBytes < 0) {
      throw new IllegalArgumentException("memory limit must not be negative: " + memoryLimitBytes);
    }
    allowedAxioms = Set.copyOf(allowedAxioms);
    allowedTokens = Set.copyOf(allowedTokens);
    if (maxSourceChars < 1) {
      throw new IllegalArgumentException("max source size must be positive: " + maxSourceChars);
    }
  }

  /** A configuration that accepts a {@code screened} PROVED (no kernel replay required). */
  public VerifierConfig(Duration timeout, long memoryLimitBytes, Set<String> allowedAxioms, boolean allowNativeDecide,
      Set<String> allowedTokens, int maxSourceChars) {
    this(timeout, memoryLimitBytes, allowedAxioms, allowNativeDecide, allowedTokens, maxSourceChars, false);
  }

  public VerifierConfig withTimeout(Duration newTimeout) {
    return new VerifierConfig(newTimeout, memoryLimitBytes, allowedAxioms, allowNativeDecide, allowedTokens, maxSourceChars,
        requireKernelReplay);
  }

  public VerifierConfig withRequireKernelReplay(boolean required) {
    return new VerifierConfig(timeout, memoryLimitBytes, allowedAxioms, allowNativeDecide, allowedTokens, maxSourceChars,
        required);
  }

  /** Every rule and limit that can change a verdict, in a fixed order (sets sorted): part of a verifier's revision. */
  String fingerprint() {
    return "timeout=" + timeout.toMillis() + "ms memory=" + memoryLimitBytes + " axioms=" + new TreeSet<>(allowedAxioms)
        + " nativeDecide=" + allowNativeDecide + " allowed=" + new TreeSet<>(allowedTokens) + " maxSource=" + maxSourceChars
        + " kernelReplay=" + requireKernelReplay;
  }

  /** The axiom names the kernel checker is told to allow (the version-specific native_decide ones are judged here). */
  List<String> checkerAllowedAxioms() {
    List<String> names = new ArrayList<>(new TreeSet<>(allowedAxioms));
    if (allowNativeDecide) {
      names.add("Lean.ofReduceBool");
      names.add("Lean.trustCompiler");
    }
    return names;
  }

  /** Whether an axiom a proof depends on is acceptable. */
  boolean accepts(String axiom) {
    if (allowedAxioms.contains(axiom)) {
      return true;
    }
    // native_decide: Lean.ofReduceBool/trustCompiler up to 4.28, one NAME._native.native_decide.ax_N per use from 4.29.
    return allowNativeDecide
        && (axiom.equals("Lean.ofReduceBool") || axiom.equals("Lean.trustCompiler") || axiom.contains("._native.native_decide."));
  }
}
