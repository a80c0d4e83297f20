package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;

/** Leading-space arithmetic on lines of Lean text, where tactic blocks are read by column. */
final class Indentation {

  private Indentation() {}

  /** Number of leading spaces and tabs of {@code line}. */
  static int of(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  /** The smallest indentation among the non-blank lines, 0 when all are blank. */
  static int least(List<String> lines) {
    int least = Integer.MAX_VALUE;
    for (String line : lines) {
      if (!line.isBlank()) {
        least = Math.min(least, of(line));
      }
    }
    return least == Integer.MAX_VALUE ? 0 : least;
  }

  /**
   * The lines moved so that the least indented sits at {@code column}, relative indentation kept;
   * blank lines become empty and trailing spaces go.
   */
  static List<String> moveTo(List<String> lines, int column) {
    int least = least(lines);
    List<String> moved = new ArrayList<>(lines.size());
    for (String line : lines) {
      moved.add(line.isBlank() ? "" : " ".repeat(column) + line.substring(least).stripTrailing());
    }
    return moved;
  }

  /** Lines of {@code text} split at {@code \n}, keeping empty ones. */
  static List<String> lines(String text) {
    return List.of(text.split("\n", -1));
  }
}
