package dev.leanprove.leanbridge.verdict;

/** How a verdict was reached: by the kernel-replay checker, or by screening and Lean's own run only. */
public enum Trust {
  /** The second stage replayed the candidate through the kernel and compared it with the challenge. */
  KERNEL_REPLAY("kernel-replay"),
  /** Only the first stage ran: the text screen and {@code lake env lean}; nothing re-checked its output. */
  SCREENED("screened");

  private final String label;

  Trust(String label) {
    this.label = label;
  }

  /** The name used in JSON output and the README. */
  public String label() {
    return label;
  }
}
