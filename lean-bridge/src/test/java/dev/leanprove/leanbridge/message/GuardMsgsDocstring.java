package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the expected-message docstring of a {@code #guard_msgs} test: messages written as
 * {@code severity: text}, separated by a line {@code ---}.
 */
final class GuardMsgsDocstring {

  /** One message of a docstring. */
  record Expected(Severity severity, String text) {}

  private static final Pattern FIRST_LINE = Pattern.compile("(info|warning|error): ?(.*)", Pattern.DOTALL);
  private static final Pattern DOCSTRING_BEFORE_GUARD =
      Pattern.compile("/--\\s?((?:(?!-/).)*?)\\s?-/\\s*(?:--[^\\n]*\\n\\s*)*#guard_msgs", Pattern.DOTALL);

  private GuardMsgsDocstring() {}

  static List<Expected> read(String docstring) {
    List<Expected> messages = new ArrayList<>();
    for (String block : docstring.strip().split("\n---\n", -1)) {
      Matcher first = FIRST_LINE.matcher(block);
      if (!first.matches()) {
        throw new IllegalArgumentException("not a `severity: text` block: " + block);
      }
      messages.add(new Expected(Severity.parse(first.group(1)), first.group(2)));
    }
    return messages;
  }

  /** Every docstring that a {@code #guard_msgs} command in {@code leanSource} checks. */
  static List<String> docstringsIn(String leanSource) {
    List<String> docstrings = new ArrayList<>();
    Matcher m = DOCSTRING_BEFORE_GUARD.matcher(leanSource);
    while (m.find()) {
      docstrings.add(m.group(1));
    }
    return docstrings;
  }
}
