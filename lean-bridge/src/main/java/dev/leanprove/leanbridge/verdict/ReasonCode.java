package dev.leanprove.leanbridge.verdict;

/** Why a candidate proof was accepted or rejected (DESIGN §3). */
public enum ReasonCode {
  PROVED,
  LEAN_ERROR,
  SORRY,
  STATEMENT_CHANGED,
  FORBIDDEN,
  BAD_AXIOM,
  TIMEOUT,
  OUT_OF_MEMORY,
  TOOLCHAIN_MISSING,
  SYSTEM_ERROR;

  /**
   * Whether the fault lies with the machine rather than the proof: such verdicts are retried
   * and kept out of pass@k.
   */
  public boolean isInfrastructure() {
    return this == OUT_OF_MEMORY || this == TOOLCHAIN_MISSING || this == SYSTEM_ERROR;
  }

  /**
   * One code for several theorems' codes: a machine fault first (it may explain the rest), else
   * the first failure, else {@code PROVED}.
   */
  public static ReasonCode overall(java.util.List<ReasonCode> codes) {
    for (ReasonCode c : codes) {
      if (c.isInfrastructure()) {
        return c;
      }
    }
    return codes.stream().filter(c -> c != PROVED).findFirst().orElse(PROVED);
  }
}
