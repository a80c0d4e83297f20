package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

final class ErrorCategoryTest {

  @Test
  void isSorryWarning_bothRecordedQuoteStyles_true() {
    ReplTranscript.Message legacy = ReplTranscript.messages("repl-legacy-v4.27-sorry-quotes").get(0);
    ReplTranscript.Message current = ReplTranscript.messages("repl-tactic-error-pos-zero").get(0);
    assertThat(legacy.data()).isEqualTo("declaration uses 'sorry'");
    assertThat(current.data()).isEqualTo("declaration uses `sorry`");

    for (ReplTranscript.Message m : List.of(legacy, current)) {
      LeanMessage untagged = message(m.severity(), "", m.data());
      assertThat(ErrorCategory.isSorryWarning(untagged)).as(m.data()).isTrue();
      assertThat(ErrorCategory.of(untagged)).as(m.data()).isEqualTo(ErrorCategory.SORRY_WARNING);
    }
  }

  @Test
  void isSorryWarning_hasSorryKind_trueWhateverTheText() {
    LeanMessage m = message(Severity.WARNING, "hasSorry", "this declaration contains a hole");

    assertThat(ErrorCategory.isSorryWarning(m)).isTrue();
    assertThat(ErrorCategory.of(m)).isEqualTo(ErrorCategory.SORRY_WARNING);
  }

  @Test
  void isSorryWarning_promotedToErrorByWarningAsError_true() {
    assertThat(ErrorCategory.isSorryWarning(message(Severity.ERROR, "", "declaration uses `sorry`"))).isTrue();
  }

  @Test
  void isSorryWarning_otherMessages_false() {
    assertThat(ErrorCategory.isSorryWarning(message(Severity.INFORMATION, "hasSorry", "declaration uses `sorry`")))
        .isFalse();
    assertThat(ErrorCategory.isSorryWarning(message(Severity.WARNING, "", "declaration uses \"sorry\""))).isFalse();
    assertThat(ErrorCategory.isSorryWarning(message(Severity.WARNING, "", "unused variable `sorry`"))).isFalse();
    assertThat(ErrorCategory.isSorryWarning(message(Severity.ERROR, "", "unsolved goals\n⊢ declaration uses `sorry`")))
        .isFalse();
  }

  @Test
  void of_recordedReplErrors_categoryOfEach() {
    assertThat(categories("repl-legacy-v4.22-unknown-identifier"))
        .containsExactly(ErrorCategory.OTHER, ErrorCategory.UNKNOWN_IDENTIFIER);
    assertThat(categories("repl-unknown-identifier"))
        .containsExactly(ErrorCategory.OTHER, ErrorCategory.UNKNOWN_IDENTIFIER);
    assertThat(categories("repl-kernel-error-proofstatus"))
        .containsExactly(ErrorCategory.KERNEL_ERROR, ErrorCategory.SORRY_WARNING);
    assertThat(categories("repl-parse-error-line-breaks"))
        .containsExactly(ErrorCategory.UNSOLVED_GOALS, ErrorCategory.PARSE_ERROR, ErrorCategory.SORRY_WARNING);
    assertThat(categories("repl-mathlib-unsolved-goals-multiple")).containsExactly(ErrorCategory.UNSOLVED_GOALS);
  }

  @Test
  void of_recordedFailedApplyInReplErrorObject_tacticFailed() {
    String error = ReplTranscript.errorObjects("repl-kernel-error-proofstatus").get(0);
    String prefix = "Lean error:\n";
    assertThat(error).startsWith(prefix + "Tactic `apply` failed");

    assertThat(ErrorCategory.of(message(Severity.ERROR, "", error.substring(prefix.length()))))
        .isEqualTo(ErrorCategory.TACTIC_FAILED);
  }

  @ParameterizedTest
  @MethodSource("errorTexts")
  void of_errorText_category(String data, ErrorCategory expected) {
    assertThat(ErrorCategory.of(message(Severity.ERROR, "", data))).isEqualTo(expected);
  }

  static Stream<Arguments> errorTexts() {
    return Stream.of(
        arguments("unsolved goals\nx : ℝ\n⊢ x = x", ErrorCategory.UNSOLVED_GOALS),
        arguments("unknown identifier 'Nat.foo'", ErrorCategory.UNKNOWN_IDENTIFIER),
        arguments("Unknown identifier `Nat.foo`", ErrorCategory.UNKNOWN_IDENTIFIER),
        arguments("type mismatch\n  h\nhas type\n  a = b", ErrorCategory.TYPE_MISMATCH),
        arguments("Type mismatch\n  h", ErrorCategory.TYPE_MISMATCH),
        arguments("application type mismatch\n  f x\nargument", ErrorCategory.TYPE_MISMATCH),
        arguments("Application type mismatch: The argument\n  \"two\"", ErrorCategory.TYPE_MISMATCH),
        arguments("linarith failed to find a contradiction\ncase a\n⊢ False\nfailed", ErrorCategory.TACTIC_FAILED),
        arguments("nlinarith failed", ErrorCategory.TACTIC_FAILED),
        arguments("ring failed, ring expressions not equal\n⊢ a = 1 + x", ErrorCategory.TACTIC_FAILED),
        arguments("ring_nf failed", ErrorCategory.TACTIC_FAILED),
        arguments("omega could not prove the goal:\na possible counterexample", ErrorCategory.TACTIC_FAILED),
        arguments("decide failed to reduce to true/false", ErrorCategory.TACTIC_FAILED),
        arguments("failed to reduce to true\n  p", ErrorCategory.TACTIC_FAILED),
        arguments("tactic 'decide' proved that the proposition\n  1 ≠ 1\nis false", ErrorCategory.TACTIC_FAILED),
        arguments("Tactic `decide` failed for proposition\n  p", ErrorCategory.TACTIC_FAILED),
        arguments("(deterministic) timeout at `whnf`, maximum number of heartbeats (200000) has been reached",
            ErrorCategory.HEARTBEAT_TIMEOUT),
        arguments("failed to synthesize\n  B Nat\n(deterministic) timeout at `typeclass`, maximum number",
            ErrorCategory.HEARTBEAT_TIMEOUT),
        arguments("(kernel) deterministic timeout", ErrorCategory.HEARTBEAT_TIMEOUT),
        arguments("(kernel) declaration has metavariables 'foo'", ErrorCategory.KERNEL_ERROR),
        arguments("(kernel) application type mismatch\n  @Eq.ndrec", ErrorCategory.KERNEL_ERROR),
        arguments("unexpected token 'at'; expected term", ErrorCategory.PARSE_ERROR),
        arguments("unexpected end of input; expected ':='", ErrorCategory.PARSE_ERROR),
        arguments("unexpected identifier; expected command", ErrorCategory.PARSE_ERROR),
        arguments("expected token", ErrorCategory.PARSE_ERROR),
        arguments("unexpected bound variable #0", ErrorCategory.OTHER),
        arguments("maximum recursion depth has been reached", ErrorCategory.OTHER),
        arguments("function expected\n  f", ErrorCategory.OTHER),
        arguments("", ErrorCategory.OTHER),
        arguments("\n  unsolved goals", ErrorCategory.UNSOLVED_GOALS));
  }

  @Test
  void of_unknownIdentifierKind_winsOverText() {
    assertThat(ErrorCategory.of(message(Severity.ERROR, "lean.unknownIdentifier._namedError", "Unbekannter Name")))
        .isEqualTo(ErrorCategory.UNKNOWN_IDENTIFIER);
  }

  @Test
  void of_otherNamedErrorKind_decidedByText() {
    assertThat(ErrorCategory.of(message(Severity.ERROR, "lean.somethingElse._namedError", "unsolved goals\n⊢ True")))
        .isEqualTo(ErrorCategory.UNSOLVED_GOALS);
    assertThat(ErrorCategory.of(message(Severity.ERROR, "lean.somethingElse._namedError", "odd")))
        .isEqualTo(ErrorCategory.OTHER);
  }

  @Test
  void of_maxErrorsMessageKeepingAnotherErrorsKind_other() {
    String data = "maximum number of errors (100; from option `maxErrors`) reached, exiting";

    assertThat(ErrorCategory.of(message(Severity.ERROR, "lean.unknownIdentifier._namedError", data)))
        .isEqualTo(ErrorCategory.OTHER);
    assertThat(ErrorCategory.of(message(Severity.ERROR, "", data))).isEqualTo(ErrorCategory.OTHER);
  }

  @Test
  void of_informationMessages_onlyAxiomReportOrOther() {
    assertThat(ErrorCategory.of(message(Severity.INFORMATION, "", "'t' depends on axioms: [propext]")))
        .isEqualTo(ErrorCategory.AXIOM_REPORT);
    assertThat(ErrorCategory.of(message(Severity.INFORMATION, "", "'t' does not depend on any axioms")))
        .isEqualTo(ErrorCategory.AXIOM_REPORT);
    assertThat(ErrorCategory.of(message(Severity.INFORMATION, "", "unsolved goals\n⊢ True")))
        .isEqualTo(ErrorCategory.OTHER);
    assertThat(ErrorCategory.of(message(Severity.INFORMATION, "lean.unknownIdentifier._namedError", "x")))
        .isEqualTo(ErrorCategory.OTHER);
  }

  @Test
  void of_axiomReportTextAsWarning_notAnAxiomReport() {
    assertThat(ErrorCategory.of(message(Severity.WARNING, "", "'t' depends on axioms: [propext]")))
        .isEqualTo(ErrorCategory.OTHER);
  }

  @Test
  void of_null_throws() {
    assertThatThrownBy(() -> ErrorCategory.of(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ErrorCategory.isSorryWarning(null)).isInstanceOf(NullPointerException.class);
  }

  private static List<ErrorCategory> categories(String replCase) {
    return ReplTranscript.messages(replCase).stream()
        .map(m -> ErrorCategory.of(message(m.severity(), "", m.data())))
        .collect(Collectors.toList());
  }

  private static LeanMessage message(Severity severity, String kind, String data) {
    return new LeanMessage("T.lean", new Position(1, 0), new Position(1, 1), severity, kind, data);
  }
}
