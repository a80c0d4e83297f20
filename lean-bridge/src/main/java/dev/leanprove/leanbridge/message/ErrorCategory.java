package dev.leanprove.leanbridge.message;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What kind of problem a Lean message reports, for repair prompts and statistics; decided by the
 * message's kind when Lean tagged it, otherwise by the wordings recorded in the transcripts.
 */
public enum ErrorCategory {
  UNSOLVED_GOALS,
  UNKNOWN_IDENTIFIER,
  TYPE_MISMATCH,
  TACTIC_FAILED,
  /** The elaborator's {@code (deterministic) timeout} and the kernel's {@code deterministic timeout}. */
  HEARTBEAT_TIMEOUT,
  /** Any other {@code (kernel) ...} error: the kernel rejected what the elaborator accepted. */
  KERNEL_ERROR,
  PARSE_ERROR,
  /** {@code declaration uses sorry}, a warning (an error under {@code warningAsError}). */
  SORRY_WARNING,
  /** A {@code #print axioms} result. */
  AXIOM_REPORT,
  OTHER;

  static final String SORRY_KIND = "hasSorry";
  private static final String UNKNOWN_IDENTIFIER_KIND = "lean.unknownIdentifier._namedError";

  private static final Pattern SORRY_TEXT = Pattern.compile("declaration uses ['`]sorry['`]");
  // Lean replaces the text of the first error over the limit and keeps that error's kind.
  private static final Pattern MAX_ERRORS = Pattern.compile(
      "maximum number of errors \\(\\d+; from option `maxErrors`\\) reached, exiting");
  private static final Pattern UNKNOWN_IDENTIFIER_TEXT =
      Pattern.compile("unknown identifier\\b", Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE_MISMATCH_TEXT =
      Pattern.compile("(?:application )?type mismatch\\b", Pattern.CASE_INSENSITIVE);
  private static final List<Pattern> TACTIC_FAILED_TEXT = List.of(
      Pattern.compile("n?linarith failed"),
      Pattern.compile("ring(?:_nf)? failed"),
      Pattern.compile("omega could not prove the goal"),
      Pattern.compile("decide failed"),
      Pattern.compile("[^\\n]*failed to reduce to (?:true|false)"),
      // "tactic 'decide' proved that the proposition", "Tactic `apply` failed", ...
      Pattern.compile("[Tt]actic ['`][^'`\\s]+['`] (?:failed|proved that)"));
  // "unexpected token ..." and one-line "expected ..." come from the parser; "unexpected bound
  // variable" and the like come from the elaborator, so "unexpected" alone is not enough.
  private static final Pattern PARSE_ERROR_TEXT =
      Pattern.compile("unexpected (?:token|end of input|identifier)\\b|expected [^\\n]");

  /** The category of {@code m}; information messages are only ever AXIOM_REPORT or OTHER. */
  public static ErrorCategory of(LeanMessage m) {
    Objects.requireNonNull(m, "m");
    String text = m.data().stripLeading();
    if (MAX_ERRORS.matcher(text).lookingAt()) {
      return OTHER;
    }
    if (isSorryWarning(m)) {
      return SORRY_WARNING;
    }
    if (m.severity() == Severity.INFORMATION) {
      return AxiomReport.parse(m.data()).isPresent() ? AXIOM_REPORT : OTHER;
    }
    if (UNKNOWN_IDENTIFIER_KIND.equals(m.kind())) {
      return UNKNOWN_IDENTIFIER;
    }
    // A timeout can sit inside another error ("failed to synthesize ... (deterministic) timeout").
    if (text.startsWith("(kernel) deterministic timeout") || text.contains("(deterministic) timeout")) {
      return HEARTBEAT_TIMEOUT;
    }
    if (text.startsWith("(kernel)")) {
      return KERNEL_ERROR;
    }
    if (text.startsWith("unsolved goals")) {
      return UNSOLVED_GOALS;
    }
    if (UNKNOWN_IDENTIFIER_TEXT.matcher(text).lookingAt()) {
      return UNKNOWN_IDENTIFIER;
    }
    if (TYPE_MISMATCH_TEXT.matcher(text).lookingAt()) {
      return TYPE_MISMATCH;
    }
    for (Pattern tactic : TACTIC_FAILED_TEXT) {
      if (tactic.matcher(text).lookingAt()) {
        return TACTIC_FAILED;
      }
    }
    if (PARSE_ERROR_TEXT.matcher(text).lookingAt()) {
      return PARSE_ERROR;
    }
    return OTHER;
  }

  /**
   * Whether {@code m} is Lean's "declaration uses sorry" message, in either quote style
   * ({@code 'sorry'} up to v4.27, {@code `sorry`} from v4.28) or by its kind {@code hasSorry};
   * a warning, or an error when {@code warningAsError} promoted it.
   */
  public static boolean isSorryWarning(LeanMessage m) {
    Objects.requireNonNull(m, "m");
    if (m.severity() == Severity.INFORMATION) {
      return false;
    }
    return SORRY_KIND.equals(m.kind()) || SORRY_TEXT.matcher(m.data().stripLeading()).lookingAt();
  }
}
