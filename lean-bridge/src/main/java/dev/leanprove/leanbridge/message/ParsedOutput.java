package dev.leanprove.leanbridge.message;

import java.util.List;

/**
 * What {@link MessageParser} made of one Lean run's output.
 *
 * @param messages the messages in the order Lean printed them
 * @param unparsedLines lines that carry no message (JSON mode: anything that is not a JSON message
 *     object, such as lake's build chatter; plain mode: blank lines outside any message)
 */
public record ParsedOutput(List<LeanMessage> messages, List<String> unparsedLines) {

  public ParsedOutput {
    messages = List.copyOf(messages);
    unparsedLines = List.copyOf(unparsedLines);
  }
}
