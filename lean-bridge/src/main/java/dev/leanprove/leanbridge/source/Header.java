package dev.leanprove.leanbridge.source;

import java.util.Objects;

/**
 * The leading block of a Lean text: imports, {@code set_option}, {@code open}, module docs, comments
 * and blank lines, up to the first other command.
 *
 * @param text the block, {@code source[0, end)}
 * @param end where the block ends
 */
public record Header(String text, int end) {

  public Header {
    Objects.requireNonNull(text, "text");
    if (end != text.length()) {
      throw new IllegalArgumentException("end must equal the header's length: " + end + " vs " + text.length());
    }
  }
}
