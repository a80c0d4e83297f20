package dev.leanprove.leanbridge.source;

import java.util.List;

/**
 * A proposition or binder text cut out of a proof, made fit to stand inside a lemma's statement:
 * comments removed (a {@code --} comment would swallow whatever follows it on a joined line) and,
 * when layout cannot matter, everything on one line with single spaces.
 *
 * <p>Layout matters after {@code by}, {@code calc}, {@code do} and {@code match}, whose blocks are
 * read by column, and inside string literals; such a text keeps its lines, the later ones indented
 * by {@link #CONTINUATION_INDENT} relative to each other as before.
 */
final class TermText {

  /** Indentation of a kept continuation line: deeper than any top-level command or tactic step. */
  static final int CONTINUATION_INDENT = 6;

  private static final List<String> LAYOUT_TOKENS = List.of("by", "calc", "do", "match");

  private TermText() {}

  static String clean(String text) {
    BlankedText blanked = LeanLexer.lex(text);
    StringBuilder b = new StringBuilder(text.length());
    boolean literal = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (blanked.isLayout(i)) {
        b.append(c == '\n' ? '\n' : ' ');
      } else {
        literal |= blanked.text().charAt(i) != c;
        b.append(c);
      }
    }
    String code = blanked.text();
    boolean keepLines = literal || LAYOUT_TOKENS.stream().anyMatch(t -> !LeanText.findToken(code, t).isEmpty());
    String cleaned = b.toString();
    return keepLines ? keepLines(cleaned) : cleaned.replaceAll("\\s+", " ").strip();
  }

  private static String keepLines(String cleaned) {
    List<String> lines = Indentation.lines(cleaned.strip());
    StringBuilder b = new StringBuilder(lines.get(0).stripTrailing());
    for (String line : Indentation.moveTo(lines.subList(1, lines.size()), CONTINUATION_INDENT)) {
      b.append('\n').append(line);
    }
    return b.toString();
  }
}
