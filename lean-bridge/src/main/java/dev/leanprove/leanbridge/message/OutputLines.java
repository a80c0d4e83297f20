package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.List;

/** Line splitting shared by both output formats. */
final class OutputLines {

  private OutputLines() {}

  /**
   * The lines of {@code output} without their terminators; the newline ending the output does not
   * start another line. A '\r' before '\n' is dropped, so output that went through a Windows
   * console reads the same.
   */
  static List<String> split(String output) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    while (start < output.length()) {
      int newline = output.indexOf('\n', start);
      int end = newline < 0 ? output.length() : newline;
      int contentEnd = end > start && output.charAt(end - 1) == '\r' ? end - 1 : end;
      lines.add(output.substring(start, contentEnd));
      start = end + 1;
    }
    return lines;
  }
}
