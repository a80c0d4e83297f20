package dev.leanprove.leanbridge.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class ReplayOutcomeTest {

  static final Verdict PROVED = new Verdict(ReasonCode.PROVED, List.of(), Duration.ofMillis(5), "", "text");

  private static ReplayOutcome one(boolean ok, String reason, String... axioms) {
    return ReplayOutcome.checked(List.of(new ReplayResult("Foo.t", ok, List.of(axioms), reason, "why")));
  }

  @Test
  void settle_notProvedFirstStage_isKeptAsIs() {
    Verdict error = new Verdict(ReasonCode.LEAN_ERROR, List.of(), Duration.ZERO, "unsolved goals", "text");

    assertThat(one(true, "").settle(error, "Foo.t", VerifierConfig.DEFAULT)).isSameAs(error);
  }

  @Test
  void settle_checkerOk_isProvedWithKernelReplayTrust() {
    Verdict v = one(true, "", "propext").settle(PROVED, "Foo.t", VerifierConfig.DEFAULT);

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
    assertThat(v.trust()).isEqualTo(Trust.KERNEL_REPLAY);
    assertThat(v.checkedText()).isEqualTo("text");
  }

  @Test
  void settle_unavailable_isScreenedOrRefusedWhenRequired() {
    ReplayOutcome none = ReplayOutcome.unavailable("not built");

    assertThat(none.settle(PROVED, "Foo.t", VerifierConfig.DEFAULT).trust()).isEqualTo(Trust.SCREENED);
    assertThat(none.settle(PROVED, "Foo.t", VerifierConfig.DEFAULT.withRequireKernelReplay(true)).code())
        .isEqualTo(ReasonCode.TOOLCHAIN_MISSING);
  }

  @Test
  void settle_faultOrMissingResult_isNeverProved() {
    assertThat(ReplayOutcome.failed(ReasonCode.TIMEOUT, "slow").settle(PROVED, "Foo.t", VerifierConfig.DEFAULT).code())
        .isEqualTo(ReasonCode.TIMEOUT);
    assertThat(one(true, "").settle(PROVED, "Bar.t", VerifierConfig.DEFAULT).code()).isEqualTo(ReasonCode.SYSTEM_ERROR);
  }

  @Test
  void settle_eachCheckerReason_hasItsCode() {
    assertThat(ReplayOutcome.codeFor("type-mismatch")).isEqualTo(ReasonCode.STATEMENT_CHANGED);
    assertThat(ReplayOutcome.codeFor("dependency-changed")).isEqualTo(ReasonCode.STATEMENT_CHANGED);
    assertThat(ReplayOutcome.codeFor("replay-failed")).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(ReplayOutcome.codeFor("not-a-theorem")).isEqualTo(ReasonCode.FORBIDDEN);
    assertThat(ReplayOutcome.codeFor("uses-sorry")).isEqualTo(ReasonCode.SORRY);
    assertThat(ReplayOutcome.codeFor("bad-axiom")).isEqualTo(ReasonCode.BAD_AXIOM);
    assertThat(ReplayOutcome.codeFor("something new")).isEqualTo(ReasonCode.SYSTEM_ERROR);
  }

  @Test
  void settle_okButAxiomThisConfigRefuses_isBadAxiom() {
    Verdict v = one(true, "", "propext", "Lean.ofReduceBool").settle(PROVED, "Foo.t", VerifierConfig.DEFAULT);

    assertThat(v.code()).isEqualTo(ReasonCode.BAD_AXIOM);
  }

  @Test
  void settle_perUseNativeAxiomTheCheckerDidNotKnowButConfigAllows_isProved() {
    VerifierConfig allowing = new VerifierConfig(Duration.ofSeconds(9), 0, VerifierConfig.STANDARD_AXIOMS, true, Set.of(),
        VerifierConfig.DEFAULT_MAX_SOURCE_CHARS);

    Verdict v = one(false, "bad-axiom", "Foo.t._native.native_decide.ax_1").settle(PROVED, "Foo.t", allowing);

    assertThat(v.code()).isEqualTo(ReasonCode.PROVED);
  }

  @Test
  void settle_sorryAxEvenIfChecked_isSorry() {
    assertThat(one(true, "", "sorryAx").settle(PROVED, "Foo.t", VerifierConfig.DEFAULT).code()).isEqualTo(ReasonCode.SORRY);
  }

  @Test
  void parseAnswer_wrongIdOrErrorOrGarbage_isRefused() {
    assertThatThrownBy(() -> ReplayResult.parseAnswer("{\"id\": 2, \"error\": \"\", \"results\": []}", 1))
        .hasMessageContaining("answered request 2");
    assertThatThrownBy(() -> ReplayResult.parseAnswer("{\"error\": \"bad request: x\", \"results\": []}", 1))
        .hasMessageContaining("refused the request");
    assertThatThrownBy(() -> ReplayResult.parseAnswer("'t' depends on axioms: [propext]", 1))
        .hasMessageContaining("not JSON");
  }

  @Test
  void requestLine_isOneLineOfJson() {
    ReplayRequest r = new ReplayRequest(3, java.nio.file.Path.of("/c/C.olean"), java.nio.file.Path.of("/k/K\nx.olean"),
        List.of("Foo.«t\n»"), List.of("propext"));

    assertThat(r.toJsonLine()).doesNotContain("\n").contains("\"id\":3").contains("\"targets\":[\"Foo.«t\\n»\"]");
  }
}
