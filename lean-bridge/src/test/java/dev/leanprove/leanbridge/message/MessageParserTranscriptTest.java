package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every plain, json, msgtext, guard_msgs and print-axioms case of the shared Lean transcripts,
 * parsed as Lean would print it. Positions in msgtext/guard_msgs wrappers are made up (those
 * sources record none); everything else is the recorded text.
 */
final class MessageParserTranscriptTest {

  static final List<String> PLAIN_CASES = List.of(
      "plain-decide-failed",
      "plain-heartbeat-timeout-typeclass",
      "plain-no-endpos-2021",
      "plain-parse-errors-recovery",
      "plain-type-mismatch-2021",
      "plain-unknown-identifier-named-error",
      "plain-unsolved-goals-case-tags");
  static final List<String> JSON_CASES = List.of("json-lines-lean-4.31-captured");
  static final List<String> MSGTEXT_CASES = List.of("msgtext-info-warning-error");
  static final List<String> GUARD_MSGS_CASES = List.of(
      "guardmsgs-heartbeat-timeout",
      "guardmsgs-kernel-deterministic-timeout",
      "guardmsgs-nlinarith-failed",
      "guardmsgs-omega-counterexample",
      "guardmsgs-ring-failed");
  static final List<String> PRINT_AXIOMS_CASES = List.of(
      "print-axioms-native-decide-v4.26",
      "print-axioms-native-decide-v4.29",
      "print-axioms-no-axioms",
      "print-axioms-propext-only",
      "print-axioms-sorryax",
      "print-axioms-standard");

  private static final Set<String> STANDARD_AXIOMS = Set.of("propext", "Classical.choice", "Quot.sound");

  @Test
  void transcripts_everyNonReplCase_isCoveredHere() {
    Set<String> covered = Stream.of(PLAIN_CASES, JSON_CASES, MSGTEXT_CASES, GUARD_MSGS_CASES,
            PRINT_AXIOMS_CASES)
        .flatMap(List::stream)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> recorded = Transcripts.caseNames().stream()
        .filter(name -> !name.startsWith("repl-"))
        .collect(Collectors.toCollection(TreeSet::new));

    assertThat(covered).isEqualTo(recorded);
  }

  // ---- plain ----------------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("plainCases")
  void parsePlain_recordedOutput_matchesGoldenFile(String caseName) {
    ParsedOutput parsed = MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of());

    assertThat(GoldenMessages.actual(parsed)).isEqualTo(GoldenMessages.expected(caseName));
  }

  @ParameterizedTest
  @MethodSource("plainCases")
  void parsePlain_recordedOutput_printsBackToTheSameBytes(String caseName) {
    String output = Transcripts.read(caseName, "output.txt");

    ParsedOutput parsed = MessageParser.parsePlain(output, Set.of());

    assertThat(parsed.messages()).isNotEmpty();
    assertThat(parsed.unparsedLines()).isEmpty();
    assertThat(LeanOutputFormat.plain(parsed.messages())).isEqualTo(output);
  }

  @ParameterizedTest
  @MethodSource("plainCases")
  void parseJson_plainCaseRewrittenAsJson_givesTheSameMessages(String caseName) {
    List<LeanMessage> plain =
        MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of()).messages();
    String json = plain.stream()
        .map(LeanOutputFormat::jsonLine)
        .collect(Collectors.joining());

    ParsedOutput parsed = MessageParser.parseJson(json);

    assertThat(parsed.messages()).isNotEmpty().isEqualTo(plain);
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @Test
  void parsePlain_decideFailed_twoMultiLineTacticErrors() {
    String caseName = "plain-decide-failed";
    List<LeanMessage> messages =
        MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of()).messages();

    assertThat(messages)
        .extracting(LeanMessage::fileName, m -> m.pos().toString(), m -> m.endPos().toString(),
            LeanMessage::severity, LeanMessage::kind, ErrorCategory::of)
        .containsExactly(
            tuple("decideTactic.lean", "13:22", "13:28", Severity.ERROR, "", ErrorCategory.TACTIC_FAILED),
            tuple("decideTactic.lean", "21:28", "21:34", Severity.ERROR, "", ErrorCategory.TACTIC_FAILED));
    assertThat(messages.get(0).data())
        .isEqualTo("tactic 'decide' proved that the proposition\n  1 ≠ 1\nis false");
    assertThat(messages.get(1).data()).isEqualTo(
        "tactic 'decide' failed for proposition\n  unknownProp\n"
            + "since its 'Decidable' instance did not reduce to the 'isTrue' constructor:\n"
            + "  Classical.choice ⋯");
    assertThat(Transcripts.sourceSlice(caseName, messages.get(0).pos(), messages.get(0).endPos()))
        .isEqualTo("decide");
  }

  @Test
  void parsePlain_heartbeatInsideFailedToSynthesize_isOneTimeoutError() {
    List<LeanMessage> messages = MessageParser.parsePlain(
        Transcripts.read("plain-heartbeat-timeout-typeclass", "output.txt"), Set.of()).messages();

    assertThat(messages).hasSize(1);
    LeanMessage m = messages.get(0);
    assertThat(m.fileName()).isEqualTo("tcloop.lean");
    assertThat(m.pos()).isEqualTo(new Position(14, 2));
    assertThat(m.endPos()).isEqualTo(new Position(14, 15));
    assertThat(m.severity()).isEqualTo(Severity.ERROR);
    assertThat(m.data()).startsWith("failed to synthesize\n  B Nat\n(deterministic) timeout at `typeclass`")
        .endsWith("use `set_option diagnostics true` to get diagnostic information\n"
            + "use `set_option diagnostics true` to get diagnostic information");
    assertThat(m.data().lines()).hasSize(6);
    assertThat(ErrorCategory.of(m)).isEqualTo(ErrorCategory.HEARTBEAT_TIMEOUT);
  }

  @Test
  void parsePlain_headerWithoutEndPosition_hasNullEndPos() {
    List<LeanMessage> messages = MessageParser.parsePlain(
        Transcripts.read("plain-no-endpos-2021", "output.txt"), Set.of()).messages();

    assertThat(messages).containsExactly(new LeanMessage("holes.lean", new Position(4, 4), null,
        Severity.ERROR, "", "placeholders '_' cannot be used where a function is expected"));
    assertThat(messages.get(0).endPosition()).isEmpty();
    assertThat(ErrorCategory.of(messages.get(0))).isEqualTo(ErrorCategory.OTHER);
    assertThat(Transcripts.inputLine("plain-no-endpos-2021", 4).substring(4)).startsWith("_ x)");
  }

  @Test
  void parsePlain_parserRecovery_keepsEveryHeaderAndGluesTheBareInfoLine() {
    List<LeanMessage> messages = MessageParser.parsePlain(
        Transcripts.read("plain-parse-errors-recovery", "output.txt"), Set.of()).messages();

    assertThat(messages).hasSize(45)
        .allSatisfy(m -> {
          assertThat(m.fileName()).isEqualTo("parserRecovery.lean");
          assertThat(m.severity()).isEqualTo(Severity.ERROR);
          assertThat(m.kind()).isEmpty();
        });
    assertThat(messages.stream().filter(m -> m.endPos() == null).map(m -> m.pos().toString()))
        .containsExactly("32:27", "34:28", "36:38", "38:37", "40:14", "43:4", "62:20");
    assertThat(messages.stream()
            .filter(m -> m.endPos() != null && m.endPos().line() != m.pos().line())
            .map(m -> m.pos() + "-" + m.endPos()))
        .containsExactly("76:3-77:1", "79:1-80:3", "82:3-83:1");
    assertThat(messages.stream().map(ErrorCategory::of).filter(c -> c != ErrorCategory.PARSE_ERROR))
        .containsExactly(ErrorCategory.UNKNOWN_IDENTIFIER);
    assertThat(messages.get(29).data()).isEqualTo("unknown identifier 'Foo.a'");
    // `#eval x` printed `5` as a bare line: by syntax it is the last error's continuation.
    assertThat(messages.get(44).data()).isEqualTo("unexpected token '('; expected identifier\n5");
    assertThat(messages.get(44).pos()).isEqualTo(new Position(84, 2));
  }

  @Test
  void parsePlain_typeMismatch_keepsIndentedExpressions() {
    List<LeanMessage> messages = MessageParser.parsePlain(
        Transcripts.read("plain-type-mismatch-2021", "output.txt"), Set.of()).messages();

    assertThat(messages).extracting(m -> m.pos() + "-" + m.endPos(), ErrorCategory::of)
        .containsExactly(tuple("7:0-7:13", ErrorCategory.TYPE_MISMATCH),
            tuple("12:0-12:16", ErrorCategory.TYPE_MISMATCH));
    assertThat(messages.get(0).data()).isEqualTo(
        "type mismatch\n  IO.println \"\"\nhas type\n  IO Unit\nbut is expected to have type\n  IO Nat");
    assertThat(messages.get(1).data()).isEqualTo(
        "type mismatch\n  Meta.isDefEq x x\nhas type\n  MetaM Bool\nbut is expected to have type\n  MetaM Unit");
  }

  @Test
  void parsePlain_namedError_kindAsJsonReportsIt() {
    String caseName = "plain-unknown-identifier-named-error";
    List<LeanMessage> messages =
        MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of()).messages();

    assertThat(messages)
        .extracting(m -> m.pos() + "-" + m.endPos(), LeanMessage::kind, LeanMessage::data, ErrorCategory::of)
        .containsExactly(
            tuple("3:7-3:10", "lean.unknownIdentifier._namedError", "Unknown identifier `bla✝`",
                ErrorCategory.UNKNOWN_IDENTIFIER),
            tuple("6:2-6:5", "lean.unknownIdentifier._namedError", "Unknown identifier `bla✝`",
                ErrorCategory.UNKNOWN_IDENTIFIER),
            tuple("11:6-11:9", "lean.unknownIdentifier._namedError", "Unknown identifier `bla✝`",
                ErrorCategory.UNKNOWN_IDENTIFIER));
    // End positions are exclusive: 3:7-3:10 covers exactly `foo`.
    assertThat(messages).allSatisfy(m ->
        assertThat(Transcripts.sourceSlice(caseName, m.pos(), m.endPos())).isEqualTo("foo"));
  }

  @Test
  void parsePlain_unsolvedGoals_nineMessagesWithOneCaseTaggedGoalEach() {
    String caseName = "plain-unsolved-goals-case-tags";
    List<LeanMessage> messages =
        MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of()).messages();

    assertThat(messages).extracting(m -> m.pos() + "-" + m.endPos()).containsExactly(
        "3:11-3:18", "4:11-4:18", "8:14-8:21", "9:14-9:21", "14:11-14:18",
        "18:18-18:25", "19:18-19:25", "23:18-23:25", "24:18-24:25");
    assertThat(messages).allSatisfy(m -> {
      assertThat(m.severity()).isEqualTo(Severity.ERROR);
      assertThat(ErrorCategory.of(m)).isEqualTo(ErrorCategory.UNSOLVED_GOALS);
      assertThat(UnsolvedGoals.goals(m.data())).hasSize(1);
    });
    assertThat(messages.stream().map(m -> UnsolvedGoals.goals(m.data()).get(0).lines().findFirst().orElseThrow()))
        .containsExactly("case zero", "case succ", "case zero", "case succ", "case succ",
            "case ind", "case base", "case ind", "case base");
    assertThat(UnsolvedGoals.goals(messages.get(6).data())).containsExactly(
        "case base\nx y : Nat\nh₁ : ¬(0 < y ∧ y ≤ x)\nh : y > 0\n⊢ x % y < y");
  }

  @Test
  void parsePlain_lineWithSubscript_columnCountsCodePointsAsLeanPrintedThem() {
    String caseName = "plain-unsolved-goals-case-tags";
    LeanMessage ind = MessageParser.parsePlain(Transcripts.read(caseName, "output.txt"), Set.of())
        .messages().get(5);
    String line = Transcripts.inputLine(caseName, 18);
    String before = "  | ind x y h₁ ih ";

    assertThat(ind.pos()).isEqualTo(new Position(18, 18));
    assertThat(line).startsWith(before);
    assertThat(before.codePointCount(0, before.length())).isEqualTo(18);
    assertThat(before.getBytes(StandardCharsets.UTF_8)).hasSize(20);
    assertThat(Transcripts.sourceSlice(caseName, ind.pos(), ind.endPos())).isEqualTo("=> skip");
  }

  // ---- json -----------------------------------------------------------------------------------

  @Test
  void parseJson_capturedLines_matchGoldenFile() {
    String caseName = JSON_CASES.get(0);
    ParsedOutput parsed = MessageParser.parseJson(Transcripts.read(caseName, "output.jsonl"));

    assertThat(GoldenMessages.actual(parsed)).isEqualTo(GoldenMessages.expected(caseName));
  }

  @Test
  void parseJson_capturedLines_sixMessagesWithKindsAndAxiomReports() {
    ParsedOutput parsed = MessageParser.parseJson(Transcripts.read(JSON_CASES.get(0), "output.jsonl"));
    List<LeanMessage> messages = parsed.messages();

    assertThat(parsed.unparsedLines()).isEmpty();
    assertThat(messages)
        .extracting(m -> m.pos() + "-" + m.endPos(), LeanMessage::severity, LeanMessage::kind, ErrorCategory::of)
        .containsExactly(
            tuple("3:8-3:21", Severity.WARNING, "hasSorry", ErrorCategory.SORRY_WARNING),
            tuple("3:27-3:50", Severity.ERROR, "lean.unknownIdentifier._namedError",
                ErrorCategory.UNKNOWN_IDENTIFIER),
            tuple("7:0-7:6", Severity.INFORMATION, "", ErrorCategory.AXIOM_REPORT),
            tuple("3:0-3:6", Severity.INFORMATION, "", ErrorCategory.AXIOM_REPORT),
            tuple("7:0-7:6", Severity.INFORMATION, "", ErrorCategory.AXIOM_REPORT),
            tuple("7:0-7:6", Severity.INFORMATION, "", ErrorCategory.AXIOM_REPORT));
    assertThat(messages).extracting(LeanMessage::fileName).containsOnly("EmpiricistLean/Scratch_x.lean");
    assertThat(messages.get(0).data()).isEqualTo("declaration uses `sorry`");
    assertThat(ErrorCategory.isSorryWarning(messages.get(0))).isTrue();
    assertThat(messages.get(1).data()).isEqualTo("Unknown identifier `rfl_this_is_not_a_thing`");

    List<AxiomReport> reports = messages.subList(2, 6).stream()
        .map(m -> AxiomReport.parse(m.data()).orElseThrow())
        .collect(Collectors.toList());
    assertThat(reports).containsExactly(
        new AxiomReport("Empiricist.scaffold_true", List.of()),
        new AxiomReport("Empiricist.connected_edge_bound", List.of("propext", "Classical.choice", "Quot.sound")),
        new AxiomReport("Empiricist.nd", List.of("Empiricist.nd._native.native_decide.ax_1_1")),
        new AxiomReport("Empiricist.scaffold_true", List.of("sorryAx")));
    assertThat(reports).extracting(AxiomReport::usesSorry).containsExactly(false, false, false, true);
    assertThat(reports.get(2).outside(STANDARD_AXIOMS))
        .containsExactly("Empiricist.nd._native.native_decide.ax_1_1");
  }

  @Test
  void parseJson_capturedLinesAmongLakeChatter_chatterIsUnparsed() {
    String captured = Transcripts.read(JSON_CASES.get(0), "output.jsonl");
    List<String> lines = captured.lines().collect(Collectors.toList());
    String mixed = "⣿ [1/3] Running Mathlib\n" + lines.get(0) + "\n\n"
        + "✔ [2/3] Built EmpiricistLean.Scratch_x\n" + String.join("\n", lines.subList(1, 6)) + "\n";

    ParsedOutput parsed = MessageParser.parseJson(mixed);

    assertThat(parsed.messages()).isEqualTo(MessageParser.parseJson(captured).messages()).hasSize(6);
    assertThat(parsed.unparsedLines())
        .containsExactly("⣿ [1/3] Running Mathlib", "✔ [2/3] Built EmpiricistLean.Scratch_x");
  }

  @Test
  void parsePlain_capturedJsonMessagesPrintedPlain_axiomReportsStandAlone() {
    List<LeanMessage> fromJson =
        MessageParser.parseJson(Transcripts.read(JSON_CASES.get(0), "output.jsonl")).messages();
    String plain = LeanOutputFormat.plain(fromJson);
    Set<String> names = Set.of("Empiricist.scaffold_true", "Empiricist.connected_edge_bound", "Empiricist.nd");

    List<LeanMessage> parsed = MessageParser.parsePlain(plain, names).messages();

    assertThat(parsed).hasSize(6);
    // Plain output shows only error names, so the hasSorry tag is not there to read.
    LeanMessage sorry = fromJson.get(0);
    assertThat(parsed.get(0)).isEqualTo(new LeanMessage(sorry.fileName(), sorry.pos(), sorry.endPos(),
        sorry.severity(), "", sorry.data()));
    assertThat(parsed.get(1)).isEqualTo(fromJson.get(1));
    assertThat(parsed.subList(2, 6)).allSatisfy(m -> {
      assertThat(m.severity()).isEqualTo(Severity.INFORMATION);
      assertThat(m.pos()).isNull();
      assertThat(m.fileName()).isEmpty();
      assertThat(ErrorCategory.of(m)).isEqualTo(ErrorCategory.AXIOM_REPORT);
    });
    assertThat(parsed.subList(2, 6)).extracting(LeanMessage::data)
        .isEqualTo(fromJson.subList(2, 6).stream().map(LeanMessage::data).collect(Collectors.toList()));
  }

  // ---- msgtext --------------------------------------------------------------------------------

  @Test
  void parsePlain_msgtextInFileOrder_infoBeforeFirstHeaderThenWarningAndError() {
    String caseName = MSGTEXT_CASES.get(0);
    String info = Transcripts.messageText(caseName, "output-information.txt");
    String warning = Transcripts.messageText(caseName, "output-warning.txt");
    String error = Transcripts.messageText(caseName, "output-error.txt");
    // Positions made up from input.lean: the manual records text only.
    String output = info + "\n"
        + "Intro.lean:3:8-3:14: warning: " + warning + "\n"
        + "Intro.lean:5:20-5:25: error: " + error + "\n";

    List<LeanMessage> messages = MessageParser.parsePlain(output, Set.of()).messages();

    assertThat(messages).containsExactly(
        new LeanMessage("", null, null, Severity.INFORMATION, "", "\"The answer is 4\""),
        new LeanMessage("Intro.lean", new Position(3, 8), new Position(3, 14), Severity.WARNING, "",
            "declaration uses `sorry`"),
        new LeanMessage("Intro.lean", new Position(5, 20), new Position(5, 25), Severity.ERROR, "", error));
    assertThat(messages).extracting(ErrorCategory::of).containsExactly(
        ErrorCategory.OTHER, ErrorCategory.SORRY_WARNING, ErrorCategory.TYPE_MISMATCH);
    assertThat(error.lines()).hasSize(8).first().isEqualTo("Application type mismatch: The argument");
    assertThat(Transcripts.inputLine(caseName, 3).substring(8, 14)).isEqualTo("bogus ");
  }

  @Test
  void parseJson_msgtextAsLeanWouldPrintIt_sameTextAndCategory() {
    String caseName = MSGTEXT_CASES.get(0);
    List<LeanMessage> written = List.of(
        new LeanMessage("Intro.lean", new Position(1, 0), new Position(1, 5), Severity.INFORMATION, "",
            Transcripts.messageText(caseName, "output-information.txt")),
        new LeanMessage("Intro.lean", new Position(3, 8), new Position(3, 14), Severity.WARNING, "hasSorry",
            Transcripts.messageText(caseName, "output-warning.txt")),
        new LeanMessage("Intro.lean", new Position(5, 20), new Position(5, 25), Severity.ERROR, "",
            Transcripts.messageText(caseName, "output-error.txt")));
    String json = written.stream().map(LeanOutputFormat::jsonLine).collect(Collectors.joining());

    List<LeanMessage> parsed = MessageParser.parseJson(json).messages();

    assertThat(parsed).isEqualTo(written);
    assertThat(parsed).extracting(ErrorCategory::of).containsExactly(
        ErrorCategory.OTHER, ErrorCategory.SORRY_WARNING, ErrorCategory.TYPE_MISMATCH);
  }

  // ---- guard_msgs -----------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("guardMsgsCases")
  void parsePlain_guardMsgsDocstringWrappedInHeaders_givesTheDocstringMessages(String caseName) {
    List<GuardMsgsDocstring.Expected> expected =
        GuardMsgsDocstring.read(Transcripts.read(caseName, "output.txt"));
    List<LeanMessage> written = wrap(expected);

    ParsedOutput parsed = MessageParser.parsePlain(LeanOutputFormat.plain(written), Set.of());

    assertThat(parsed.messages()).isEqualTo(written).hasSameSizeAs(expected);
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("guardMsgsCases")
  void parseJson_guardMsgsDocstringAsJsonLines_givesTheDocstringMessages(String caseName) {
    List<LeanMessage> written = wrap(GuardMsgsDocstring.read(Transcripts.read(caseName, "output.txt")));
    String json = written.stream().map(LeanOutputFormat::jsonLine).collect(Collectors.joining());

    assertThat(MessageParser.parseJson(json).messages()).isEqualTo(written);
  }

  @ParameterizedTest
  @MethodSource("guardMsgsCases")
  void guardMsgsInput_everyGuardedDocstring_survivesPlainOutput(String caseName) {
    List<String> docstrings = GuardMsgsDocstring.docstringsIn(Transcripts.read(caseName, "input.lean"));

    assertThat(docstrings).isNotEmpty();
    assertThat(docstrings.get(0)).isEqualTo(Transcripts.messageText(caseName, "output.txt"));
    for (String docstring : docstrings) {
      List<LeanMessage> written = wrap(GuardMsgsDocstring.read(docstring));
      // Plain output prints information messages bare: no file, no position.
      List<LeanMessage> expected = written.stream()
          .map(m -> m.severity() == Severity.INFORMATION
              ? new LeanMessage("", null, null, Severity.INFORMATION, "", m.data())
              : m)
          .collect(Collectors.toList());
      assertThat(MessageParser.parsePlain(LeanOutputFormat.plain(written), Set.of()).messages())
          .as(docstring)
          .isEqualTo(expected);
    }
  }

  @Test
  void errorCategory_guardMsgsCases_eachRecordedFailureKind() {
    assertThat(guardCategories("guardmsgs-heartbeat-timeout")).containsExactly(ErrorCategory.HEARTBEAT_TIMEOUT);
    assertThat(guardCategories("guardmsgs-kernel-deterministic-timeout"))
        .containsExactly(ErrorCategory.HEARTBEAT_TIMEOUT);
    assertThat(guardCategories("guardmsgs-nlinarith-failed")).containsExactly(ErrorCategory.TACTIC_FAILED);
    assertThat(guardCategories("guardmsgs-omega-counterexample")).containsExactly(ErrorCategory.TACTIC_FAILED);
    assertThat(guardCategories("guardmsgs-ring-failed"))
        .containsExactly(ErrorCategory.TACTIC_FAILED, ErrorCategory.UNSOLVED_GOALS);
  }

  @Test
  void unsolvedGoals_ringFailedSecondMessage_oneGoalWithLetValue() {
    List<LeanMessage> messages = MessageParser.parsePlain(LeanOutputFormat.plain(
        wrap(GuardMsgsDocstring.read(Transcripts.read("guardmsgs-ring-failed", "output.txt")))), Set.of())
        .messages();

    assertThat(UnsolvedGoals.goals(messages.get(0).data())).isEmpty();
    assertThat(UnsolvedGoals.goals(messages.get(1).data()))
        .containsExactly("x : ℤ\na : ℤ := x + 1\nthis : a = 1 + x\n⊢ True");
  }

  @Test
  void parsePlain_guardMsgsHeartbeatInput_otherDocstringsKeepTheirSeverities() {
    String input = Transcripts.read("guardmsgs-heartbeat-timeout", "input.lean");
    List<LeanMessage> messages = new ArrayList<>();
    GuardMsgsDocstring.docstringsIn(input).forEach(d -> messages.addAll(wrap(GuardMsgsDocstring.read(d))));
    // Information messages have no header in plain output, so JSON is the faithful carrier.
    String json = messages.stream().map(LeanOutputFormat::jsonLine).collect(Collectors.joining());

    List<LeanMessage> parsed = MessageParser.parseJson(json).messages();

    assertThat(parsed).extracting(LeanMessage::severity, ErrorCategory::of).containsExactly(
        tuple(Severity.ERROR, ErrorCategory.HEARTBEAT_TIMEOUT),
        tuple(Severity.INFORMATION, ErrorCategory.OTHER),
        tuple(Severity.ERROR, ErrorCategory.OTHER),
        tuple(Severity.INFORMATION, ErrorCategory.OTHER));
    assertThat(parsed.get(1).data()).isEqualTo("theorem bar : True :=\nsorry");
  }

  // ---- print axioms ---------------------------------------------------------------------------

  @ParameterizedTest
  @MethodSource("printAxiomsCases")
  void parsePlain_axiomReportAfterSorryWarning_standsAloneForRequestedName(String caseName) {
    String report = Transcripts.messageText(caseName, "output.txt");
    String output = "Check.lean:1:8-1:13: warning: declaration uses `sorry`\n" + report + "\n";

    ParsedOutput parsed = MessageParser.parsePlain(output, Set.of(printedAxiomsName(caseName)));

    assertThat(parsed.messages()).containsExactly(
        new LeanMessage("Check.lean", new Position(1, 8), new Position(1, 13), Severity.WARNING, "",
            "declaration uses `sorry`"),
        new LeanMessage("", null, null, Severity.INFORMATION, "", report));
    assertThat(parsed.messages()).extracting(ErrorCategory::of)
        .containsExactly(ErrorCategory.SORRY_WARNING, ErrorCategory.AXIOM_REPORT);
  }

  @ParameterizedTest
  @MethodSource("printAxiomsCases")
  void parsePlain_axiomReportOfUnrequestedName_gluedToPreviousMessage(String caseName) {
    String report = Transcripts.messageText(caseName, "output.txt");
    String output = "Check.lean:1:8-1:13: warning: declaration uses `sorry`\n" + report + "\n";

    ParsedOutput parsed = MessageParser.parsePlain(output, Set.of("someOtherTheorem"));

    assertThat(parsed.messages()).containsExactly(
        new LeanMessage("Check.lean", new Position(1, 8), new Position(1, 13), Severity.WARNING, "",
            "declaration uses `sorry`\n" + report));
  }

  @ParameterizedTest
  @MethodSource("printAxiomsCases")
  void parseJson_axiomReportAsInformationLine_isAxiomReport(String caseName) {
    String report = Transcripts.messageText(caseName, "output.txt");
    LeanMessage written = new LeanMessage("Check.lean", new Position(2, 0), new Position(2, 6),
        Severity.INFORMATION, "", report);

    List<LeanMessage> parsed = MessageParser.parseJson(LeanOutputFormat.jsonLine(written)).messages();

    assertThat(parsed).containsExactly(written);
    assertThat(ErrorCategory.of(parsed.get(0))).isEqualTo(ErrorCategory.AXIOM_REPORT);
    assertThat(AxiomReport.parse(parsed.get(0).data()).orElseThrow().declName())
        .isEqualTo(printedAxiomsName(caseName));
  }

  @Test
  void axiomReport_recordedReports_axiomsAndVerdictRelevantFacts() {
    assertThat(reportOf("print-axioms-standard"))
        .isEqualTo(new AxiomReport("excluded_middle", List.of("propext", "Classical.choice", "Quot.sound")));
    assertThat(reportOf("print-axioms-propext-only"))
        .isEqualTo(new AxiomReport("simple_equality", List.of("propext")));
    assertThat(reportOf("print-axioms-no-axioms")).isEqualTo(new AxiomReport("addThree", List.of()));
    assertThat(reportOf("print-axioms-sorryax")).isEqualTo(new AxiomReport("lazy", List.of("sorryAx")));
    assertThat(reportOf("print-axioms-native-decide-v4.26"))
        .isEqualTo(new AxiomReport("bigSum", List.of("Lean.ofReduceBool", "Lean.trustCompiler")));
    assertThat(reportOf("print-axioms-native-decide-v4.29"))
        .isEqualTo(new AxiomReport("bigSum", List.of("bigSum._native.native_decide.ax_1")));

    assertThat(PRINT_AXIOMS_CASES.stream().filter(c -> reportOf(c).usesSorry()))
        .containsExactly("print-axioms-sorryax");
    assertThat(PRINT_AXIOMS_CASES.stream().filter(c -> reportOf(c).outside(STANDARD_AXIOMS).isEmpty()))
        .containsExactly("print-axioms-no-axioms", "print-axioms-propext-only", "print-axioms-standard");
    assertThat(reportOf("print-axioms-native-decide-v4.26").outside(STANDARD_AXIOMS))
        .containsExactly("Lean.ofReduceBool", "Lean.trustCompiler");
  }

  // ---- helpers --------------------------------------------------------------------------------

  static Stream<String> plainCases() {
    return PLAIN_CASES.stream();
  }

  static Stream<String> guardMsgsCases() {
    return GUARD_MSGS_CASES.stream();
  }

  static Stream<String> printAxiomsCases() {
    return PRINT_AXIOMS_CASES.stream();
  }

  /** The docstring's messages as Lean would report them, one made-up position per message. */
  private static List<LeanMessage> wrap(List<GuardMsgsDocstring.Expected> expected) {
    List<LeanMessage> messages = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      GuardMsgsDocstring.Expected e = expected.get(i);
      messages.add(new LeanMessage("Guarded.lean", new Position(10 + i, 2), new Position(10 + i, 9),
          e.severity(), "", e.text()));
    }
    return messages;
  }

  private static List<ErrorCategory> guardCategories(String caseName) {
    return wrap(GuardMsgsDocstring.read(Transcripts.read(caseName, "output.txt"))).stream()
        .map(ErrorCategory::of)
        .collect(Collectors.toList());
  }

  /** The NAME of the case's {@code #print axioms NAME} line in input.lean. */
  private static String printedAxiomsName(String caseName) {
    return Transcripts.read(caseName, "input.lean").lines()
        .filter(l -> l.startsWith("#print axioms "))
        .map(l -> l.substring("#print axioms ".length()).strip())
        .findFirst()
        .orElseThrow();
  }

  private static AxiomReport reportOf(String caseName) {
    return AxiomReport.parse(Transcripts.messageText(caseName, "output.txt")).orElseThrow();
  }
}
