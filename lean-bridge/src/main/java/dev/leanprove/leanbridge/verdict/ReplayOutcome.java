package dev.leanprove.leanbridge.verdict;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the second stage said about one checked text: per-target results, or why it could not decide.
 *
 * @param results the checker's results when it ran
 * @param fault set when the second stage was attempted and could not decide (the verdict is then never PROVED)
 * @param unavailable whether the second stage could not run at all (the verdict stays {@code screened})
 * @param detail why it could not decide or run; "" when it ran
 */
record ReplayOutcome(List<ReplayResult> results, Optional<ReasonCode> fault, boolean unavailable, String detail) {

  ReplayOutcome {
    results = List.copyOf(results);
    Objects.requireNonNull(fault, "fault");
    Objects.requireNonNull(detail, "detail");
  }

  static ReplayOutcome checked(List<ReplayResult> results) {
    return new ReplayOutcome(results, Optional.empty(), false, "");
  }

  static ReplayOutcome failed(ReasonCode code, String detail) {
    return new ReplayOutcome(List.of(), Optional.of(code), false, detail);
  }

  static ReplayOutcome unavailable(String detail) {
    return new ReplayOutcome(List.of(), Optional.empty(), true, detail);
  }

  /**
   * The final verdict on {@code target} from the first stage's: only a PROVED first stage is
   * re-judged, and only the checker's ok (with axioms this configuration accepts) keeps it PROVED.
   */
  Verdict settle(Verdict stage1, String target, VerifierConfig config) {
    if (!stage1.proved()) {
      return stage1;
    }
    if (unavailable) {
      if (config.requireKernelReplay()) {
        return rejudged(stage1, ReasonCode.TOOLCHAIN_MISSING,
            "kernel replay is required (--require-kernel-replay) but could not run: " + detail, Trust.SCREENED);
      }
      return stage1.withTrust(Trust.SCREENED);
    }
    if (fault.isPresent()) {
      return rejudged(stage1, fault.get(), "kernel replay did not finish: " + detail, Trust.SCREENED);
    }
    Optional<ReplayResult> mine = results.stream().filter(r -> r.name().equals(target)).findFirst();
    if (mine.isEmpty()) {
      return rejudged(stage1, ReasonCode.SYSTEM_ERROR, "the kernel checker gave no result for " + target, Trust.SCREENED);
    }
    ReplayResult r = mine.get();
    // The checker knows only the listed names; native_decide's per-use axioms (4.29 on) are judged here.
    boolean onlyAxioms = r.reason().equals("bad-axiom") && r.axioms().stream().allMatch(config::accepts);
    if (!r.ok() && !onlyAxioms) {
      return rejudged(stage1, codeFor(r.reason()), "kernel replay: " + r.reason() + ": " + r.detail(), Trust.KERNEL_REPLAY);
    }
    if (r.axioms().contains("sorryAx")) {
      return rejudged(stage1, ReasonCode.SORRY, "kernel replay: depends on sorryAx", Trust.KERNEL_REPLAY);
    }
    List<String> bad = r.axioms().stream().filter(a -> !config.accepts(a)).toList();
    if (!bad.isEmpty()) {
      return rejudged(stage1, ReasonCode.BAD_AXIOM,
          "kernel replay: depends on axioms outside the allowed set: " + bad, Trust.KERNEL_REPLAY);
    }
    return stage1.withTrust(Trust.KERNEL_REPLAY);
  }

  /**
   * The reason code for a checker reason. A kernel rejection of text Lean's elaborator accepted
   * means the environment was tampered with (the kernel was bypassed or a declaration forged), never
   * an honest mistake, so it is FORBIDDEN like the other ways of not stating the theorem as asked.
   */
  static ReasonCode codeFor(String reason) {
    switch (reason) {
      case "type-mismatch":
      case "dependency-changed":
      case "imports-differ":
      case "missing-in-challenge":
        return ReasonCode.STATEMENT_CHANGED;
      case "replay-failed":
      case "missing-target":
      case "not-a-theorem":
        return ReasonCode.FORBIDDEN;
      case "uses-sorry":
        return ReasonCode.SORRY;
      case "bad-axiom":
        return ReasonCode.BAD_AXIOM;
      default:
        return ReasonCode.SYSTEM_ERROR;
    }
  }

  private static Verdict rejudged(Verdict stage1, ReasonCode code, String detail, Trust trust) {
    return new Verdict(code, stage1.messages(), stage1.wall(), detail, stage1.checkedText(), trust);
  }
}
