package dev.leanprove.leanbridge.message;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first line of a warning or error in plain {@code lean FILE} output, as Lean's
 * {@code mkErrorStringWithPos} writes it: {@code FILE:LINE:COL[-ENDLINE:ENDCOL]: severity[(name)]: text}.
 *
 * @param kind {@code NAME._namedError} for a named error (what {@code --json} reports as kind), else ""
 * @param text the rest of the line: the first line of the message text
 */
record PlainHeader(
    String fileName, Position pos, Position endPos, Severity severity, String kind, String text) {

  /**
   * The file name is the shortest prefix that is followed by a whole position and severity label,
   * so a file name may hold ':' and spaces, and a header-like text later in the line stays text.
   * It must not start with whitespace: Lean indents expressions inside a message, never a header.
   * Nine digits keep the numbers inside int.
   */
  private static final Pattern HEADER = Pattern.compile(
      "(\\S.*?):(\\d{1,9}):(\\d{1,9})(?:-(\\d{1,9}):(\\d{1,9}))?: (error|warning)"
          + "(?:\\(([^()\\s]+)\\))?:(?: (.*))?",
      Pattern.DOTALL);

  private static final String NAMED_ERROR_SUFFIX = "._namedError";

  /** The header on {@code line}, or empty when the line is message text. */
  static Optional<PlainHeader> parse(String line) {
    // Cheap test first: most lines of a big output are continuation lines.
    if (!line.contains(": error") && !line.contains(": warning")) {
      return Optional.empty();
    }
    Matcher m = HEADER.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    Position pos = new Position(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    Position endPos = m.group(4) == null
        ? null
        : new Position(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)));
    String kind = m.group(7) == null ? "" : m.group(7) + NAMED_ERROR_SUFFIX;
    String text = m.group(8) == null ? "" : m.group(8);
    return Optional.of(
        new PlainHeader(m.group(1), pos, endPos, Severity.parse(m.group(6)), kind, text));
  }
}
