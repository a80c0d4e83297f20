package dev.leanprove.orchestrator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ProofCandidate;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.leanbridge.verdict.Trust;
import dev.leanprove.leanbridge.verdict.Verdict;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class VerdictWireTest {

  static final LeanMessage ERROR = new LeanMessage("Check.lean", new Position(7, 2), new Position(8, 0), Severity.ERROR,
      "Tactic.unsolvedGoals", "unsolved goals\nx : ℕ\n⊢ x = x");
  static final LeanMessage NO_POSITION = new LeanMessage("Check.lean", null, null, Severity.INFORMATION, "[anonymous]",
      "'t' depends on axioms: [propext]");

  @Test
  void verdict_throughJson_isTheSameRecord() {
    Verdict v = new Verdict(ReasonCode.LEAN_ERROR, List.of(ERROR, NO_POSITION), Duration.ofNanos(1_234_567_891L),
        "7:2: unsolved goals", "theorem t : x = x := by\n  simp\n", Trust.KERNEL_REPLAY);

    Verdict back = VerdictWire.verdict(new JsonObject(VerdictWire.verdict(v).encode()));

    assertThat(back).isEqualTo(v);
  }

  @Test
  void report_throughJson_isTheSameRecord() {
    FileReport r = new FileReport(ReasonCode.SORRY,
        List.of(new TheoremVerdict("a", "Foo.a", Verdict.withoutLean(ReasonCode.PROVED, "")),
            new TheoremVerdict("example@9", "leanprove_example_1_abc", new Verdict(ReasonCode.SORRY, List.of(ERROR),
                Duration.ofMillis(3), "sorry", "x"))),
        List.of(ERROR), Duration.ofMillis(42), "");

    FileReport back = VerdictWire.report(new JsonObject(VerdictWire.report(r).encode()));

    assertThat(back).isEqualTo(r);
  }

  @Test
  void request_throughJson_rebuildsTheCandidate() {
    LeanSource source = LeanSource.parse("theorem t (x : ℕ) : x = x := by\n  sorry\n");
    ProofCandidate c = new ProofCandidate(source, "t", "by\n  rfl", "lemma h : True := trivial", Optional.of("theorem t (x : ℕ) : x = x"));
    VerifyRequest request = VerifyRequest.of("7", VerifyRequest.Kind.PROOF, c, Optional.of(Duration.ofSeconds(60)));

    VerifyRequest back = VerifyRequest.fromJson(new JsonObject(request.toJson().encode()));

    assertThat(back).isEqualTo(request);
    assertThat(back.candidate().proof()).isEqualTo("by\n  rfl");
    assertThat(back.candidate().source().text()).isEqualTo(source.text());
  }
}
