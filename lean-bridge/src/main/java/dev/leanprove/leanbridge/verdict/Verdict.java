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

  /**
   * Roughly how many bytes of heap this verdict holds (its texts at two bytes a char, plus object
   * overheads): what a cache of verdicts weighs them by. The checked text is usually the most of it.
   */
  public long retainedBytes() {
    long bytes = 64 + 2L * (checkedText.length() + detail.length());
    for (LeanMessage m : messages) {
      bytes += 96 + 2L * (m.fileName().length() + m.kind().length() + m.data().length());
    }
    return bytes;
  }

  public boolean proved() {
    return code == ReasonCode.PROVED;
  }
}
