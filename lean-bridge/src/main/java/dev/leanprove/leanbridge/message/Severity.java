package dev.leanprove.leanbridge.message;

import java.util.Locale;

/** How serious a Lean message is; Lean's JSON says "information", the REPL says "info". */
public enum Severity {
  INFORMATION,
  WARNING,
  ERROR;

  /** Reads the spellings Lean, its JSON output and the REPL use. */
  public static Severity parse(String text) {
    switch (text.toLowerCase(Locale.ROOT)) {
      case "information":
      case "info":
        return INFORMATION;
      case "warning":
        return WARNING;
      case "error":
        return ERROR;
      default:
        throw new IllegalArgumentException("unknown Lean message severity: " + text);
    }
  }

  /** The word Lean's JSON output uses. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
