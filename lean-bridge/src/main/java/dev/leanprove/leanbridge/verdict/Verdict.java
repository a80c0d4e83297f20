package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.message.LeanMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of checking one theorem.
 *
 * @param messages Lean's messages about this theorem (our own {@code #print axioms} report left out)
 * @param detail one human sentence on why, e.g. the forbidden token and where it is; "" when proved
 * @param checkedText the exact Lean text that was checked ("" when it never reached Lean)
 * @param trust whether the kernel-replay checker confirmed it or only the first stage judged it
 */
public record Verdict(
    ReasonCode code, List<LeanMessage> messages, Duration wall, String detail, String checkedText, Trust trust) {

  public Verdict {
    Objects.requireNonNull(code, "code");
    messages = List.copyOf(messages);
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(checkedText, "checkedText");
    Objects.requireNonNull(trust, "trust");
  }

  /** A verdict of the first stage alone ({@link Trust#SCREENED}). */
  public Verdict(ReasonCode code, List<LeanMessage> messages, Duration wall, String detail, String checkedText) {
    this(code, messages, wall, detail, checkedText, Trust.SCREENED);
  }

  public Verdict withTrust(Trust newTrust) {
    return new Verdict(code, messages, wall, detail, checkedText, newTrust);
  }

  /** A verdict reached without running Lean (screening, missing toolchain). */
  public static Verdict withoutLean(ReasonCode code, String detail) {
    return new Verdict(code, List.of(), Duration.ZERO, detail, "");
  }

  public boolean proved() {
    return code == ReasonCode.PROVED;
  }
}
