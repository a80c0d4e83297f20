package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the messages of a {@code lake env lean} run, in either of Lean's output formats; never
 * throws on unexpected text.
 */
public final class MessageParser {

  private MessageParser() {}

  /**
   * Reads {@code lean --json} output: one compact JSON message per line. Silent messages are
   * dropped, as Lean's plain output drops them; a non-empty caption is put before the text as
   * plain output prints it ({@code caption:} on its own line); kind {@code [anonymous]} becomes "".
   * Blank lines are skipped; every other line that is not a JSON message object (lake's build
   * chatter, a truncation marker, garbage) goes to {@link ParsedOutput#unparsedLines()}.
   */
  public static ParsedOutput parseJson(String stdout) {
    Objects.requireNonNull(stdout, "stdout");
    List<LeanMessage> messages = new ArrayList<>();
    List<String> unparsed = new ArrayList<>();
    for (String line : OutputLines.split(stdout)) {
      if (line.isBlank()) {
        continue;
      }
      Optional<JsonMessageLine.Reading> reading = JsonMessageLine.read(line);
      if (reading.isEmpty()) {
        unparsed.add(line);
      } else if (!reading.get().silent()) {
        messages.add(reading.get().message());
      }
    }
    return new ParsedOutput(messages, unparsed);
  }

  /**
   * Reads plain {@code lean FILE} output: {@code FILE:LINE:COL[-ENDLINE:ENDCOL]: severity[(name)]: text}
   * headers, each followed by continuation lines up to the next header. The newline Lean appends
   * to a message is not part of its data; indentation is. A named error ({@code error(NAME):}) gets
   * kind {@code NAME._namedError}, as {@code --json} reports it; other messages get kind "".
   *
   * <p>Lean prints information messages as bare text, which syntax cannot tell from continuation
   * lines, so bare lines stay with the message before them. The exception is our own
   * {@code #print axioms NAME} for a NAME in {@code axiomReportNames} (as Lean prints it: fully
   * qualified; {@code «»} escapes are ignored when comparing): its report, both sentences, with a
   * wrapped list running to the closing {@code ]}, becomes an information message of its own
   * with file name "" and no position, and bare lines after it start a new one. Bare lines before
   * the first header form an information message without position too; blank lines there go to
   * {@link ParsedOutput#unparsedLines()}.
   *
   * <p>A line that looks like a whole header at the start of a line (not indented, with position,
   * {@code error} or {@code warning} and the colons) always starts a new message, even if Lean
   * meant it as message text; text that only contains {@code x:1:2:} or is indented stays text.
   * Lean's {@code maximum number of errors (N; from option `maxErrors`) reached, exiting} needs no
   * special case: Lean prints it in place of the text of the first error over the limit, with
   * that error's header, so it is an ordinary error message here.
   */
  public static ParsedOutput parsePlain(String output, Collection<String> axiomReportNames) {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(axiomReportNames, "axiomReportNames");
    return new PlainOutputReader(axiomReportNames).read(output);
  }
}
