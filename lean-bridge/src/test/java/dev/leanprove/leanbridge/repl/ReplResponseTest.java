package dev.leanprove.leanbridge.repl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.message.Position;
import dev.leanprove.leanbridge.message.Severity;
import dev.leanprove.leanbridge.repl.ReplResponse.CommandResult;
import dev.leanprove.leanbridge.repl.ReplResponse.Failure;
import dev.leanprove.leanbridge.repl.ReplResponse.Sorry;
import dev.leanprove.leanbridge.repl.ReplResponse.TacticResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every REPL case of {@code shared/lean-transcripts}, read through the REPL framing as the pool reads it. */
final class ReplResponseTest {

  @Test
  void transcripts_everyReplCase_isCoveredHere() throws IOException {
    List<String> covered = List.of("repl-success-no-messages", "repl-env-reuse-info-message", "repl-sorries-with-goals",
        "repl-tactic-mode", "repl-tactic-case-tags", "repl-unsolved-goals-case-tags",
        "repl-mathlib-unsolved-goals-multiple", "repl-unknown-identifier", "repl-legacy-v4.22-unknown-identifier",
        "repl-legacy-v4.27-sorry-quotes", "repl-error-unknown-environment", "repl-error-unknown-proof-state",
        "repl-error-tactic-parse", "repl-tactic-error-pos-zero", "repl-parse-error-line-breaks",
        "repl-kernel-error-proofstatus", "repl-pickle-proof-state", "repl-all-tactics", "repl-mathlib-exact-try-this",
        "repl-mathlib-on-goal-real");
    try (Stream<Path> entries = Files.list(dir())) {
      List<String> cases = entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("repl-")).sorted()
          .collect(Collectors.toList());
      assertThat(covered).containsExactlyInAnyOrderElementsOf(cases);
    }
    for (String name : covered) {
      // Every answer of every case is one of the three shapes, and one answer per command.
      assertThat(answers(name)).as(name).hasSize(commands(name).size());
    }
  }

  @Test
  void parse_successNoMessages_isEnvZeroAndNothingElse() {
    assertThat(answers("repl-success-no-messages")).containsExactly(new CommandResult(0, List.of(), List.of()));
  }

  @Test
  void parse_envReuse_readsInfoMessageAsInformation() {
    List<ReplResponse> a = answers("repl-env-reuse-info-message");
    CommandResult second = (CommandResult) a.get(1);
    assertThat(second.env()).isEqualTo(1);
    assertThat(second.messages()).containsExactly(
        new LeanMessage("", new Position(1, 0), new Position(1, 6), Severity.INFORMATION, "", "rfl : f = f"));
  }

  @Test
  void parse_sorriesWithGoals_keepsMultiParagraphWarningAndGoal() {
    List<ReplResponse> a = answers("repl-sorries-with-goals");
    CommandResult linter = (CommandResult) a.get(1);
    assertThat(linter.messages().get(0).data()).startsWith("Variable name `y` is not explicitly referenced.\n\nHint:")
        .endsWith("set_option linter.unusedVariables false`");
    CommandResult theorem = (CommandResult) a.get(2);
    assertThat(theorem.env()).isEqualTo(2);
    Sorry sorry = theorem.sorries().get(0);
    assertThat(sorry.proofState()).isZero();
    assertThat(sorry.pos()).contains(new Position(3, 2));
    assertThat(sorry.endPos()).contains(new Position(3, 7));
    assertThat(sorry.goal()).startsWith("x y : Nat\nf : Nat → Nat\n").endsWith("\n⊢ ∃ k, f 2015 = k");
    assertThat(theorem.messages()).extracting(LeanMessage::severity).containsExactly(Severity.WARNING);
  }

  @Test
  void parse_tacticMode_readsProofStatusAndGoals() {
    List<ReplResponse> a = answers("repl-tactic-mode");
    assertThat(a.get(1)).isEqualTo(new TacticResult(1, List.of("x : Unit\n⊢ Int"), List.of(), List.of(),
        Optional.of("Incomplete: open goals remain")));
    assertThat(a.get(2)).isEqualTo(new TacticResult(2, List.of(), List.of(), List.of(), Optional.of("Completed")));
  }

  @Test
  void parse_tacticCaseTags_sorriesWithoutPosition() {
    List<ReplResponse> a = answers("repl-tactic-case-tags");
    assertThat(((TacticResult) a.get(1)).goals()).containsExactly("case pos\nx : Int\nh : x < 0\n⊢ x = x",
        "case neg\nx : Int\nh : ¬x < 0\n⊢ x = x");
    TacticResult last = (TacticResult) a.get(3);
    assertThat(last.proofStatus()).contains("Incomplete: contains sorry");
    assertThat(last.sorries()).extracting(Sorry::pos).containsOnly(Optional.empty());
    assertThat(last.sorries()).extracting(Sorry::proofState).containsExactly(3, 4);
  }

  @Test
  void parse_unsolvedGoalsCaseTags_twoErrorsWithRanges() {
    CommandResult r = (CommandResult) answers("repl-unsolved-goals-case-tags").get(1);
    assertThat(r.messages()).extracting(LeanMessage::pos).containsExactly(new Position(3, 19), new Position(1, 26));
    assertThat(r.messages()).extracting(LeanMessage::endPos).containsExactly(new Position(3, 20), new Position(3, 20));
    assertThat(r.messages().get(0).data()).isEqualTo("unsolved goals\ncase pos\nx : Bool\nh✝ : x = true\n⊢ Nat");
  }

  @Test
  void parse_mathlibUnsolvedGoalsMultiple_oneErrorTwoGoalsOverTwoLines() {
    CommandResult r = (CommandResult) answers("repl-mathlib-unsolved-goals-multiple").get(1);
    LeanMessage m = r.messages().get(0);
    assertThat(m.pos()).isEqualTo(new Position(1, 33));
    assertThat(m.endPos()).isEqualTo(new Position(2, 24));
    assertThat(m.data()).contains("⊢ 0 + 1 > 0\n\ncase succ\n");
  }

  @Test
  void parse_unknownIdentifier_currentWording() {
    CommandResult r = (CommandResult) answers("repl-unknown-identifier").get(2);
    assertThat(r.env()).isEqualTo(2);
    assertThat(r.messages()).extracting(LeanMessage::data).containsExactly("Unknown identifier `g`");
    assertThat(r.messages().get(0).isError()).isTrue();
  }

  @Test
  void parse_legacyUnknownIdentifier_oldWording() {
    CommandResult r = (CommandResult) answers("repl-legacy-v4.22-unknown-identifier").get(2);
    assertThat(r.messages()).extracting(LeanMessage::data).containsExactly("unknown identifier 'g'");
  }

  @Test
  void parse_legacySorryQuotes_oldWording() {
    CommandResult r = (CommandResult) answers("repl-legacy-v4.27-sorry-quotes").get(0);
    assertThat(r.messages()).extracting(LeanMessage::data).containsExactly("declaration uses 'sorry'");
    assertThat(r.sorries()).extracting(Sorry::goal).containsExactly("⊢ Nat");
  }

  @Test
  void parse_unknownEnvironment_isFailureObject() {
    assertThat(answers("repl-error-unknown-environment")).containsExactly(new Failure("Unknown environment."));
  }

  @Test
  void parse_unknownProofState_isFailureObject() {
    assertThat(answers("repl-error-unknown-proof-state").get(1)).isEqualTo(new Failure("Unknown proof state."));
  }

  @Test
  void parse_tacticParseError_isFailureWithLeanErrorText() {
    assertThat(answers("repl-error-tactic-parse").get(1))
        .isEqualTo(new Failure("Lean error:\n<input>:1:1: unknown tactic"));
  }

  @Test
  void parse_tacticErrorPosZero_keepsZeroPositionsEvenWhenShifted() {
    TacticResult r = (TacticResult) answers("repl-tactic-error-pos-zero").get(1);
    LeanMessage m = r.messages().get(0);
    assertThat(m.pos()).isEqualTo(new Position(0, 0));
    assertThat(m.isError()).isTrue();
    CommandResult asCommand = new CommandResult(0, r.messages(), List.of()).shifted(7, 3);
    assertThat(asCommand.messages().get(0).pos()).isEqualTo(new Position(0, 0));
  }

  @Test
  void parse_parseErrorLineBreaks_twoErrorsThenPlainEnv() {
    List<ReplResponse> a = answers("repl-parse-error-line-breaks");
    assertThat(((CommandResult) a.get(0)).messages()).extracting(LeanMessage::data)
        .containsExactly("unsolved goals\n⊢ 1 = 1", "unexpected token 'sorry'; expected command");
    assertThat(a.get(2)).isEqualTo(new CommandResult(2, List.of(), List.of()));
  }

  @Test
  void parse_kernelErrorProofStatus_keepsKernelMessageAndErrorObject() {
    List<ReplResponse> a = answers("repl-kernel-error-proofstatus");
    assertThat(((CommandResult) a.get(0)).messages().get(0).data()).startsWith("(kernel) application type mismatch");
    TacticResult kernel = (TacticResult) a.get(4);
    assertThat(kernel.proofStatus().orElseThrow()).startsWith("Error: kernel type check failed: (kernel)");
    assertThat(kernel.goals()).isEmpty();
    assertThat(a.get(6)).isInstanceOf(Failure.class);
    assertThat(((Failure) a.get(6)).message()).startsWith("Lean error:\nTactic `apply` failed");
  }

  @Test
  void parse_pickleProofState_everyAnswerIsTacticAfterTheCommands() {
    List<ReplResponse> a = answers("repl-pickle-proof-state");
    assertThat(a.subList(2, a.size())).allMatch(r -> r instanceof TacticResult);
    assertThat(((TacticResult) a.get(a.size() - 1)).proofStatus()).contains("Completed");
  }

  @Test
  void parse_allTactics_stillACommandResult() {
    assertThat(answers("repl-all-tactics")).containsExactly(new CommandResult(0, List.of(), List.of()));
  }

  @Test
  void parse_mathlibExactTryThis_infoAtZeroAndFailure() {
    List<ReplResponse> a = answers("repl-mathlib-exact-try-this");
    TacticResult tryThis = (TacticResult) a.get(2);
    assertThat(tryThis.messages().get(0).severity()).isEqualTo(Severity.INFORMATION);
    assertThat(tryThis.messages().get(0).pos()).isEqualTo(new Position(0, 0));
    assertThat(tryThis.messages().get(0).data()).isEqualTo("Try this:\n  [apply] exact Nat.one_pos");
    assertThat(a.get(4)).isInstanceOf(Failure.class);
  }

  @Test
  void parse_mathlibOnGoalReal_columnsInCodePoints() {
    List<ReplResponse> a = answers("repl-mathlib-on-goal-real");
    CommandResult example = (CommandResult) a.get(1);
    assertThat(example.sorries().get(0).pos()).contains(new Position(1, 60));
    TacticResult step = (TacticResult) a.get(2);
    assertThat(step.goals()).hasSize(2);
    assertThat(step.sorries()).hasSize(2);
  }

  @Test
  void shifted_headerOfThreeLines_movesLinesAndOnlyFirstLineColumns() {
    CommandResult r = (CommandResult) answers("repl-unsolved-goals-case-tags").get(1);
    CommandResult moved = r.shifted(3, 0);
    assertThat(moved.messages()).extracting(LeanMessage::pos).containsExactly(new Position(6, 19), new Position(4, 26));
    CommandResult midLine = r.shifted(3, 5);
    assertThat(midLine.messages()).extracting(LeanMessage::pos).containsExactly(new Position(6, 19), new Position(4, 31));
  }

  @Test
  void command_textWithLineBreaks_isOneBlockEndedByEmptyLine() throws IOException {
    String framed = ReplWire.command("theorem foo : 1 = 1 := by\n\n  sorry", OptionalInt.of(3));
    assertThat(framed).endsWith("}\n\n");
    assertThat(framed.substring(0, framed.length() - 2)).doesNotContain("\n");
    JsonNode back = ReplWire.JSON.readTree(framed);
    assertThat(back.get("cmd").asText()).isEqualTo("theorem foo : 1 = 1 := by\n\n  sorry");
    assertThat(back.get("env").asInt()).isEqualTo(3);
    assertThat(ReplWire.JSON.readTree(ReplWire.command("x", OptionalInt.empty())).has("env")).isFalse();
  }

  @Test
  void next_notJson_failsInsteadOfGuessing() throws IOException {
    ReplWire wire = new ReplWire(new ByteArrayInputStream("[1, 2]\n\n".getBytes(StandardCharsets.UTF_8)));
    org.assertj.core.api.Assertions.assertThatThrownBy(wire::next).isInstanceOf(IOException.class);
  }

  static List<ReplResponse> answers(String caseName) {
    List<ReplResponse> answers = new ArrayList<>();
    try {
      ReplWire wire = new ReplWire(Files.newInputStream(dir().resolve(caseName).resolve("output.jsonl")));
      for (Optional<JsonNode> next = wire.next(); next.isPresent(); next = wire.next()) {
        answers.add(ReplResponse.parse(next.get()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return answers;
  }

  /** The command blocks of a case's input: separated by empty lines, as the REPL reads them. */
  static List<String> commands(String caseName) throws IOException {
    String text = Files.readString(dir().resolve(caseName).resolve("input.jsonl"), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    for (String block : text.split("\n\\s*\n")) {
      if (!block.isBlank()) {
        blocks.add(block);
      }
    }
    return blocks;
  }

  static Path dir() {
    String shared = System.getProperty("leanprove.shared.dir");
    assertThat(shared).as("system property leanprove.shared.dir (set by surefire)").isNotNull();
    return Path.of(shared, "lean-transcripts");
  }
}
