package dev.leanprove.leanbridge;

import java.util.Locale;

/** Where the first stage of a check runs: warm REPL processes, a fresh Lean process each time, or the REPL where it is built. */
public enum VerifierKind {
  AUTO,
  REPL,
  PROCESS;

  /** Reads {@code auto}, {@code repl} or {@code process}, in any case. */
  public static VerifierKind parse(String text) {
    for (VerifierKind kind : values()) {
      if (kind.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("verifier must be repl, process or auto: " + text);
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
