package dev.leanprove.leanbridge.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leanprove.leanbridge.work.ThreadWork;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Output shapes beyond the recorded transcripts: edges, garbage and size. */
final class MessageParserTest {

  /** Generous: the parse takes well under a second on a slow machine. */

  private static LeanMessage error(String file, Position pos, Position end, String data) {
    return new LeanMessage(file, pos, end, Severity.ERROR, "", data);
  }

  private static LeanMessage information(String data) {
    return new LeanMessage("", null, null, Severity.INFORMATION, "", data);
  }

  private static List<LeanMessage> plain(String output, String... axiomNames) {
    return MessageParser.parsePlain(output, Set.of(axiomNames)).messages();
  }

  // ---- plain: empty and line structure ---------------------------------------------------------

  @Test
  void parsePlain_emptyOutput_nothing() {
    ParsedOutput parsed = MessageParser.parsePlain("", Set.of());

    assertThat(parsed.messages()).isEmpty();
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @Test
  void parsePlain_onlyBlankLines_unparsedNotMessages() {
    ParsedOutput parsed = MessageParser.parsePlain("\n \n\t\n", Set.of());

    assertThat(parsed.messages()).isEmpty();
    assertThat(parsed.unparsedLines()).containsExactly("", " ", "\t");
  }

  @Test
  void parsePlain_leadingBlankLinesThenHeader_blankLinesUnparsed() {
    ParsedOutput parsed = MessageParser.parsePlain("\n\nT.lean:1:0-1:1: error: e\n", Set.of());

    assertThat(parsed.messages()).containsExactly(error("T.lean", new Position(1, 0), new Position(1, 1), "e"));
    assertThat(parsed.unparsedLines()).containsExactly("", "");
  }

  @Test
  void parsePlain_outputWithoutFinalNewline_lastLineKept() {
    assertThat(plain("T.lean:1:0-1:1: error: a\n  b")).containsExactly(
        error("T.lean", new Position(1, 0), new Position(1, 1), "a\n  b"));
  }

  @Test
  void parsePlain_messageTextEndingInNewline_keepsAllButLeansAppendedNewline() {
    // Lean adds "\n" only when the text lacks one, so "a\n" prints as "a\n" and "a\n\n" as "a\n\n".
    String output = "T.lean:1:0-1:1: error: a\n\nT.lean:2:0-2:1: error: b\n";

    assertThat(plain(output)).extracting(LeanMessage::data).containsExactly("a\n", "b");
  }

  @Test
  void parsePlain_windowsLineEnds_sameAsUnix() {
    String unix = "T.lean:1:0-1:1: error: unsolved goals\n⊢ True\nT.lean:2:0: warning: w\n";

    assertThat(plain(unix.replace("\n", "\r\n"))).isEqualTo(plain(unix)).hasSize(2);
  }

  @Test
  void parsePlain_unicodeLineSeparatorsInText_stayInsideTheLine() {
    assertThat(plain("T.lean:1:0-1:1: error: a\u2028b\u0085c\n")).containsExactly(
        error("T.lean", new Position(1, 0), new Position(1, 1), "a\u2028b\u0085c"));
  }

  // ---- plain: headers ---------------------------------------------------------------------------

  @Test
  void parsePlain_fileNamesWithDirectoriesSpacesAndColons_keptWhole() {
    String output = "My Proofs/sub dir/a:b.lean:3:4-3:9: error: x\n"
        + "C:\\work\\T.lean:1:0: warning: y\n"
        + "/tmp/leanprove-ws-1/Main.lean:12:2-14:0: error: z\n";

    assertThat(plain(output)).extracting(LeanMessage::fileName)
        .containsExactly("My Proofs/sub dir/a:b.lean", "C:\\work\\T.lean", "/tmp/leanprove-ws-1/Main.lean");
  }

  @Test
  void parsePlain_headerTextContainingAnotherHeader_firstHeaderWins() {
    assertThat(plain("A.lean:1:0-1:1: error: see B.lean:2:3: error: x\n")).containsExactly(
        error("A.lean", new Position(1, 0), new Position(1, 1), "see B.lean:2:3: error: x"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "  T.lean:2:0-2:1: error: indented, so an expression inside the message",
      "see T.lean:2:0: for the definition",
      "h:1:2: note: no severity label",
      "T.lean:2:0: info: information messages have no header in plain output",
      "T.lean:2:0 error: colon missing",
      "T.lean:2: error: column missing",
      "T.lean:x:0: error: line not a number",
      "T.lean:99999999999:0: error: line too large for a position",
      "T.lean:2:0-2: error: end column missing",
      "T.lean:2:0: error(with space): odd name",
      ":2:0: error: empty file name"})
  void parsePlain_headerLikeContinuationLine_staysText(String line) {
    String output = "T.lean:1:0-1:1: error: first\n" + line + "\n";

    assertThat(plain(output)).containsExactly(
        error("T.lean", new Position(1, 0), new Position(1, 1), "first\n" + line));
  }

  @Test
  void parsePlain_wholeHeaderAtLineStartInsideText_startsNewMessage() {
    // Documented limitation: such a line is a header by every rule we can see.
    assertThat(plain("T.lean:1:0-1:1: error: first\nT.lean:2:0: error: looks like a header\n")).hasSize(2);
  }

  @Test
  void parsePlain_namedErrorAndNamedWarning_kindGetsNamedErrorSuffix() {
    String output = "T.lean:1:0-1:3: error(lean.unknownIdentifier): Unknown identifier `x`\n"
        + "T.lean:2:0-2:3: warning(lean.someWarning): w\n";

    assertThat(plain(output)).extracting(LeanMessage::severity, LeanMessage::kind).containsExactly(
        tuple(Severity.ERROR, "lean.unknownIdentifier._namedError"),
        tuple(Severity.WARNING, "lean.someWarning._namedError"));
  }

  @Test
  void parsePlain_emptyMessageText_emptyData() {
    assertThat(plain("T.lean:1:0: error: \nT.lean:2:0: error:\n")).extracting(LeanMessage::data)
        .containsExactly("", "");
  }

  @Test
  void parsePlain_captionLine_sameDataAsJsonWithCaption() {
    ObjectNode json = LeanOutputFormat.jsonObject(
        error("T.lean", new Position(1, 0), new Position(1, 4), "the text\n  indented"));
    json.put("caption", "Cap");

    List<LeanMessage> fromJson = MessageParser.parseJson(LeanOutputFormat.jsonLine(json)).messages();
    List<LeanMessage> fromPlain = plain("T.lean:1:0-1:4: error: Cap:\nthe text\n  indented\n");

    assertThat(fromJson).isEqualTo(fromPlain).extracting(LeanMessage::data)
        .containsExactly("Cap:\nthe text\n  indented");
  }

  @Test
  void parsePlain_maxErrorsNotice_isTheErrorItReplacedWithThatHeader() {
    // Lean's reportMessages swaps the text of the first error over the limit, keeping the header.
    String output = "T.lean:1:0-1:1: error: unsolved goals\n⊢ True\n"
        + "T.lean:9:4-9:7: error(lean.unknownIdentifier): "
        + "maximum number of errors (100; from option `maxErrors`) reached, exiting\n";

    List<LeanMessage> messages = plain(output);

    assertThat(messages).hasSize(2);
    assertThat(messages.get(1).pos()).isEqualTo(new Position(9, 4));
    assertThat(messages.get(1).data())
        .isEqualTo("maximum number of errors (100; from option `maxErrors`) reached, exiting");
    assertThat(ErrorCategory.of(messages.get(1))).isEqualTo(ErrorCategory.OTHER);
    assertThat(MessageParser.parseJson(LeanOutputFormat.jsonLine(messages.get(1))).messages())
        .containsExactly(messages.get(1));
  }

  // ---- plain: bare information lines and axiom reports ------------------------------------------

  @Test
  void parsePlain_bareLinesBeforeFirstHeader_oneInformationMessageWithoutPosition() {
    assertThat(plain("\"The answer is 4\"\nf : Nat\nT.lean:3:0: error: e\n")).containsExactly(
        information("\"The answer is 4\"\nf : Nat"),
        error("T.lean", new Position(3, 0), null, "e"));
  }

  @Test
  void parsePlain_wrappedAxiomListOfRequestedName_oneMessageToClosingBracket() {
    String report = "'Foo.main' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]";
    String output = "T.lean:1:0-1:1: error: e\n" + report + "\n5\n";

    List<LeanMessage> messages = plain(output, "Foo.main");

    assertThat(messages).containsExactly(
        error("T.lean", new Position(1, 0), new Position(1, 1), "e"),
        information(report),
        information("5"));
    assertThat(AxiomReport.parse(messages.get(1).data()).orElseThrow().axioms())
        .containsExactly("propext", "Classical.choice", "Quot.sound");
  }

  @Test
  void parsePlain_wrappedAxiomListOfUnrequestedName_gluedWhole() {
    String report = "'Foo.main' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]";

    assertThat(plain("T.lean:1:0-1:1: error: e\n" + report + "\n", "Foo.other")).containsExactly(
        error("T.lean", new Position(1, 0), new Position(1, 1), "e\n" + report));
  }

  @Test
  void parsePlain_twoReportsInARow_twoMessages() {
    String output = "'a' does not depend on any axioms\n'b' depends on axioms: [sorryAx]\n";

    assertThat(plain(output, "a", "b")).containsExactly(
        information("'a' does not depend on any axioms"),
        information("'b' depends on axioms: [sorryAx]"));
  }

  @Test
  void parsePlain_reportOfOneRequestedNameAfterAnother_onlyRequestedStandsAlone() {
    String output = "'a' does not depend on any axioms\n'b' depends on axioms: [sorryAx]\n";

    assertThat(plain(output, "a")).containsExactly(
        information("'a' does not depend on any axioms"),
        information("'b' depends on axioms: [sorryAx]"));
    assertThat(plain(output, "b")).containsExactly(
        information("'a' does not depend on any axioms"),
        information("'b' depends on axioms: [sorryAx]"));
    assertThat(plain("x\n" + output, "b")).containsExactly(
        information("x\n'a' does not depend on any axioms"),
        information("'b' depends on axioms: [sorryAx]"));
  }

  @Test
  void parsePlain_escapedDeclarationName_matchesWithOrWithoutEscapes() {
    String output = "T.lean:1:0-1:1: warning: w\n'Foo.«my thm»' depends on axioms: [propext]\n";

    assertThat(plain(output, "Foo.my thm")).hasSize(2);
    assertThat(plain(output, "Foo.«my thm»")).hasSize(2);
    assertThat(plain(output, "my thm")).hasSize(1);
  }

  @Test
  void parsePlain_axiomListCutByHeader_reportEndsThere() {
    String output = "'t' depends on axioms: [propext,\nT.lean:4:0: error: e\n";

    List<LeanMessage> messages = plain(output, "t");

    assertThat(messages).containsExactly(
        information("'t' depends on axioms: [propext,"),
        error("T.lean", new Position(4, 0), null, "e"));
    assertThat(ErrorCategory.of(messages.get(0))).isEqualTo(ErrorCategory.OTHER);
  }

  @Test
  void parsePlain_axiomListNeverClosed_runsToEndOfOutput() {
    assertThat(plain("'t' depends on axioms: [propext,\n Quot.sound\n", "t"))
        .containsExactly(information("'t' depends on axioms: [propext,\n Quot.sound"));
  }

  @Test
  void parsePlain_indentedAxiomSentence_staysContinuation() {
    String output = "T.lean:1:0-1:1: error: e\n  't' does not depend on any axioms\n";

    assertThat(plain(output, "t")).hasSize(1);
  }

  // ---- plain: garbage and size ------------------------------------------------------------------

  @Test
  void parsePlain_randomBytesDecodedAsUtf8_oneInformationMessageHoldingTheText() {
    byte[] bytes = new byte[64 * 1024];
    new Random(20240601L).nextBytes(bytes);
    String garbage = "x" + new String(bytes, StandardCharsets.UTF_8) + "\n";
    assertThat(garbage).contains("\uFFFD");

    ParsedOutput parsed = MessageParser.parsePlain(garbage, Set.of("t"));

    assertThat(parsed.messages()).hasSize(1);
    assertThat(parsed.messages().get(0).severity()).isEqualTo(Severity.INFORMATION);
    assertThat(parsed.messages().get(0).pos()).isNull();
    assertThat(parsed.messages().get(0).data() + "\n").isEqualTo(garbage.replace("\r\n", "\n"));
  }

  @Test
  void parsePlain_replacementCharactersInHeader_stillAHeader() {
    assertThat(plain("Bad\uFFFD.lean:1:0-1:4: error: \uFFFD\uFFFD\n\u0000tail\n")).containsExactly(
        error("Bad\uFFFD.lean", new Position(1, 0), new Position(1, 4), "\uFFFD\uFFFD\n\u0000tail"));
  }

  private static String plainOutput(int count) {
    StringBuilder output = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      output.append("/work/ws/Main.lean:").append(i).append(":2-").append(i).append(":9: error: unsolved goals\n")
          .append("x y : ℝ\nh₁ : x < y\n")
          .append("⊢ x + 0 < y + 0 ∧ ").append("y * y ≥ 0 ∧ ".repeat(20)).append("True\n");
      if (i % 1000 == 0) {
        output.append("'thm").append(i).append("' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]\n");
      }
    }
    return output.toString();
  }

  // Growth is counted in the parsing thread's CPU time, which a loaded machine does not inflate.
  @Test
  void parsePlain_severalMegabytes_isLinear() {
    double growth = ThreadWork.cpuGrowth(n -> {
      String output = plainOutput(n);
      return () -> MessageParser.parsePlain(output, Set.of("thm1000"));
    }, 2_500);
    int count = 2_500 * ThreadWork.FACTOR;
    String output = plainOutput(count);
    assertThat(output.length()).isGreaterThan(4_000_000);

    ParsedOutput parsed = MessageParser.parsePlain(output, Set.of("thm5000"));

    assertThat(growth).isLessThan(ThreadWork.LINEAR_BOUND);
    assertThat(parsed.messages()).hasSize(count + 1);
    assertThat(parsed.messages().get(5000).data())
        .isEqualTo("'thm5000' depends on axioms: [propext,\n Classical.choice,\n Quot.sound]");
    assertThat(UnsolvedGoals.goals(parsed.messages().get(count).data())).hasSize(1);
  }

  private static String fragments(int n) {
    return "a:1:2: errorX".repeat(12 * n) + "\n" + "1:".repeat(60 * n) + " warning\n";
  }

  @Test
  void parsePlain_megabyteLinesOfHeaderFragments_noRegexBlowUp() {
    double growth = ThreadWork.cpuGrowth(n -> {
      String output = "T.lean:1:0-1:1: error: e\n" + fragments(n);
      return () -> plain(output);
    }, 1_000);
    String fragments = fragments(1_000 * ThreadWork.FACTOR);

    List<LeanMessage> messages = plain("T.lean:1:0-1:1: error: e\n" + fragments);

    assertThat(growth).isLessThan(ThreadWork.LINEAR_BOUND);
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).data()).hasSize(1 + 1 + fragments.length() - 1);
  }

  @Test
  void parsePlain_nulls_throw() {
    assertThatThrownBy(() -> MessageParser.parsePlain(null, Set.of())).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> MessageParser.parsePlain("", null)).isInstanceOf(NullPointerException.class);
  }

  // ---- json -------------------------------------------------------------------------------------

  private static final String SORRY_LINE = "{\"caption\":\"\",\"data\":\"declaration uses `sorry`\","
      + "\"endPos\":{\"column\":21,\"line\":3},\"fileName\":\"T.lean\",\"isSilent\":false,"
      + "\"keepFullRange\":false,\"kind\":\"hasSorry\",\"pos\":{\"column\":8,\"line\":3},\"severity\":\"warning\"}";
  private static final LeanMessage SORRY = new LeanMessage("T.lean", new Position(3, 8), new Position(3, 21),
      Severity.WARNING, "hasSorry", "declaration uses `sorry`");

  @Test
  void parseJson_emptyOutput_nothing() {
    ParsedOutput parsed = MessageParser.parseJson("");

    assertThat(parsed.messages()).isEmpty();
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @Test
  void parseJson_blankLinesBetweenMessages_skipped() {
    ParsedOutput parsed = MessageParser.parseJson("\n" + SORRY_LINE + "\n  \n\r\n" + SORRY_LINE + "\r\n");

    assertThat(parsed.messages()).containsExactly(SORRY, SORRY);
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @Test
  void parseJson_keysInAnotherOrderAndNoFinalNewline_sameMessage() {
    String line = "{\"severity\":\"warning\",\"pos\":{\"line\":3,\"column\":8},\"kind\":\"hasSorry\","
        + "\"fileName\":\"T.lean\",\"endPos\":{\"line\":3,\"column\":21},\"data\":\"declaration uses `sorry`\"}";

    assertThat(MessageParser.parseJson(line).messages()).containsExactly(SORRY);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "✔ [12/13] Built Main",
      "error: build failed",
      "{",
      "[1, 2]",
      "42",
      "\"declaration uses `sorry`\"",
      "null",
      "{\"message\": \"Unknown environment.\"}",
      "{\"severity\":\"warning\",\"data\":\"x\"} trailing",
      "{\"severity\":\"warning\",\"data\":\"x\"}{\"severity\":\"warning\",\"data\":\"y\"}",
      "{\"data\":\"no severity\"}",
      "{\"severity\":\"trace\",\"data\":\"x\"}",
      "{\"severity\":2,\"data\":\"x\"}",
      "{\"severity\":\"error\"}",
      "{\"severity\":\"error\",\"data\":17}",
      "{\"severity\":\"error\",\"data\":\"x\",\"pos\":\"1:0\"}",
      "{\"severity\":\"error\",\"data\":\"x\",\"pos\":{\"line\":-1,\"column\":0}}",
      "{\"severity\":\"error\",\"data\":\"x\",\"pos\":{\"line\":1}}",
      "{\"severity\":\"error\",\"data\":\"x\",\"pos\":{\"line\":10000000000,\"column\":0}}",
      "{\"severity\":\"error\",\"data\":\"x\",\"pos\":{\"line\":1.5,\"column\":0}}",
      "{\"severity\":\"error\",\"data\":\"x\",\"endPos\":[3,4]}",
      "{\"severity\":\"error\",\"data\":\"x\",\"fileName\":7}",
      "{\"severity\":\"error\",\"data\":\"x\",\"kind\":{}}",
      "{\"severity\":\"error\",\"data\":\"x\",\"caption\":false}"})
  void parseJson_lineThatIsNoMessage_unparsedAndOthersKept(String line) {
    ParsedOutput parsed = MessageParser.parseJson(SORRY_LINE + "\n" + line + "\n" + SORRY_LINE + "\n");

    assertThat(parsed.messages()).containsExactly(SORRY, SORRY);
    assertThat(parsed.unparsedLines()).containsExactly(line);
  }

  @Test
  void parseJson_silentMessage_dropped() {
    ObjectNode silent = LeanOutputFormat.jsonObject(SORRY);
    silent.put("isSilent", true);
    ObjectNode noFlag = LeanOutputFormat.jsonObject(SORRY);
    noFlag.remove("isSilent");

    ParsedOutput parsed = MessageParser.parseJson(
        LeanOutputFormat.jsonLine(silent) + LeanOutputFormat.jsonLine(noFlag));

    assertThat(parsed.messages()).containsExactly(SORRY);
    assertThat(parsed.unparsedLines()).isEmpty();
  }

  @Test
  void parseJson_optionalFieldsAbsentOrNull_defaults() {
    String oldLean = "{\"data\":\"d\",\"fileName\":\"T.lean\",\"pos\":{\"column\":0,\"line\":1},\"severity\":\"error\"}";
    String nulls = "{\"data\":\"d\",\"fileName\":null,\"pos\":null,\"endPos\":null,\"kind\":null,"
        + "\"caption\":null,\"isSilent\":null,\"severity\":\"information\"}";

    assertThat(MessageParser.parseJson(oldLean + "\n" + nulls).messages()).containsExactly(
        error("T.lean", new Position(1, 0), null, "d"),
        information("d"));
  }

  @Test
  void parseJson_anonymousKind_emptyLikePlain() {
    LeanMessage info = new LeanMessage("T.lean", new Position(7, 0), new Position(7, 6), Severity.INFORMATION, "",
        "'t' does not depend on any axioms");
    String line = LeanOutputFormat.jsonLine(info);
    assertThat(line).contains("\"kind\":\"[anonymous]\"");

    assertThat(MessageParser.parseJson(line).messages()).containsExactly(info);
  }

  @Test
  void parseJson_textDecodedFromInvalidUtf8_validLinesStillMessages() {
    byte[] bytes = (SORRY_LINE.replace("uses", "us\u00ffes") + "\n").getBytes(StandardCharsets.ISO_8859_1);
    bytes[SORRY_LINE.indexOf("uses") + 2] = (byte) 0xC3; // a lead byte with no continuation
    byte[] random = new byte[4096];
    new Random(7L).nextBytes(random);
    String output = new String(bytes, StandardCharsets.UTF_8) + new String(random, StandardCharsets.UTF_8) + "\n";

    ParsedOutput parsed = MessageParser.parseJson(output);

    assertThat(parsed.messages()).hasSize(1);
    assertThat(parsed.messages().get(0).data()).startsWith("declaration us\uFFFD");
    assertThat(parsed.unparsedLines()).isNotEmpty();
  }

  @Test
  void parseJson_deeplyNestedValue_unparsedWithoutStackOverflow() {
    String nested = "[".repeat(200_000) + "]".repeat(200_000);

    ParsedOutput parsed = MessageParser.parseJson(nested + "\n" + SORRY_LINE);

    assertThat(parsed.messages()).containsExactly(SORRY);
    assertThat(parsed.unparsedLines()).containsExactly(nested);
  }

  private static String jsonOutput(int count) {
    StringBuilder output = new StringBuilder();
    for (int i = 1; i <= count; i++) {
      LeanMessage m = error("/work/ws/Main.lean", new Position(i, 2), new Position(i, 9),
          "unsolved goals\nx y : ℝ\nh₁ : x < y\n⊢ " + "y * y ≥ 0 ∧ ".repeat(12) + "True");
      output.append(LeanOutputFormat.jsonLine(m));
    }
    return output.toString();
  }

  @Test
  void parseJson_severalMegabytes_isLinear() {
    double growth = ThreadWork.cpuGrowth(n -> {
      String output = jsonOutput(n);
      return () -> MessageParser.parseJson(output);
    }, 2_500);
    int count = 2_500 * ThreadWork.FACTOR;
    String output = jsonOutput(count);
    assertThat(output.length()).isGreaterThan(4_000_000);

    ParsedOutput parsed = MessageParser.parseJson(output);

    assertThat(growth).isLessThan(ThreadWork.LINEAR_BOUND);
    assertThat(parsed.messages()).hasSize(count);
    assertThat(parsed.messages().get(count - 1).pos()).isEqualTo(new Position(count, 2));
  }

  @Test
  void parseJson_null_throws() {
    assertThatThrownBy(() -> MessageParser.parseJson(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- positions --------------------------------------------------------------------------------

  @Test
  void parsePlain_realLineColumnsAfterDoubleStruck_codePointsAsLeanPrinted() {
    // repl-mathlib-on-goal-real records the sorry at 1:60-1:65 of this command, after ℝ and |x|.
    String command = "example {x : ℝ} (h0: |x| > 1) : (x < 0) ∨ (2 * x > 2) := by sorry";
    String output = "Real.lean:1:60-1:65: error: unsolved goals\nx : ℝ\n⊢ x = x\n";

    LeanMessage m = plain(output).get(0);

    assertThat(m.pos()).isEqualTo(new Position(1, 60));
    assertThat(m.endPos()).isEqualTo(new Position(1, 65));
    int begin = command.offsetByCodePoints(0, m.pos().column());
    assertThat(command.substring(begin, command.offsetByCodePoints(0, m.endPos().column()))).isEqualTo("sorry");
    assertThat(command.substring(0, begin).getBytes(StandardCharsets.UTF_8)).hasSize(64);
  }
}
