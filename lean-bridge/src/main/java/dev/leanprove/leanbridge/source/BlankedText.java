package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A text with its comments and literals blanked, plus what the blanking hides but later steps need:
 * where doc comments ({@code /--}) and module docs ({@code /-!}) begin, since those start commands,
 * and which characters were comments, since a proof may end in a string literal but not in a comment.
 */
final class BlankedText {

  private final String original;
  private final String text;
  private final BitSet comments;
  private final BitSet literalContents;
  private final BitSet literals;
  private final BitSet literalStarts;
  private final int[] docCommentStarts;
  private final int[] moduleDocStarts;
  private final List<LexicalError> errors;

  BlankedText(
      String original, String text, BitSet comments, BitSet literalContents, BitSet literals, BitSet literalStarts,
      int[] docCommentStarts, int[] moduleDocStarts, List<LexicalError> errors) {
    this.original = original;
    this.text = text;
    this.comments = comments;
    this.literalContents = literalContents;
    this.literals = literals;
    this.literalStarts = literalStarts;
    this.docCommentStarts = docCommentStarts;
    this.moduleDocStarts = moduleDocStarts;
    this.errors = List.copyOf(errors);
  }

  /**
   * The text's tokens as written, comments and layout left out: each identifier, number and literal whole
   * (a literal with its delimiters and contents), any other character alone, so that {@code x+1} and
   * {@code x + 1} give the same list. An interpolated string's code gives its own tokens.
   */
  List<String> tokens() {
    List<String> tokens = new ArrayList<>();
    IdentifierReader identifiers = new IdentifierReader(text);
    int n = original.length();
    int i = 0;
    while (i < n) {
      if (comments.get(i) || (!literals.get(i) && LeanChars.isBlank(original.charAt(i)))) {
        i++;
        continue;
      }
      int end;
      if (literals.get(i)) {
        end = i + 1;
        while (end < n && literals.get(end) && !literalStarts.get(end)) {
          end++;
        }
      } else if (identifiers.end(i) > i) {
        end = identifiers.end(i);
      } else if (LeanChars.isAsciiDigit(original.charAt(i))) {
        end = i + 1;
        while (end < n && (LeanChars.isHexDigit(original.charAt(end)) || "_xXbBoO".indexOf(original.charAt(end)) >= 0)) {
          end++;
        }
      } else {
        end = i + Character.charCount(original.codePointAt(i));
      }
      tokens.add(original.substring(i, end));
      i = end;
    }
    return tokens;
  }

  /** What Lean could not read, in the order found; empty for text Lean lexes to its end. */
  List<LexicalError> errors() {
    return errors;
  }

  String original() {
    return original;
  }

  /** The blanked text: same length as the original, comments and literals turned into spaces. */
  String text() {
    return text;
  }

  /** The original with only its comments blanked: string and char literals stay as written. */
  String withoutComments() {
    return originalBlankedAt(comments);
  }

  /** The original with its comments and the insides of its literals blanked: quotes and other delimiters stay. */
  String withoutCommentsAndLiteralContents() {
    BitSet blanked = (BitSet) comments.clone();
    blanked.or(literalContents);
    return originalBlankedAt(blanked);
  }

  private String originalBlankedAt(BitSet offsets) {
    char[] out = original.toCharArray();
    for (int k = offsets.nextSetBit(0); k >= 0; k = offsets.nextSetBit(k + 1)) {
      blank(out, k, k + 1);
    }
    return new String(out);
  }

  /** Turns {@code chars[from, to)} into spaces, except line breaks, so offsets and lines stay where they were. */
  static void blank(char[] chars, int from, int to) {
    for (int k = from; k < to; k++) {
      if (chars[k] != '\n' && chars[k] != '\r') {
        chars[k] = ' ';
      }
    }
  }

  int length() {
    return text.length();
  }

  /** Whether the character at {@code offset} is layout: whitespace or part of a comment. */
  boolean isLayout(int offset) {
    return LeanChars.isBlank(original.charAt(offset)) || comments.get(offset);
  }

  /** The first offset at or after {@code from} (below {@code to}) that is not layout, or {@code to}. */
  int skipLayout(int from, int to) {
    int i = from;
    while (i < to && isLayout(i)) {
      i++;
    }
    return i;
  }

  /** The offset just after the last non-layout character in [{@code from}, {@code to}), or {@code from}. */
  int trimLayout(int from, int to) {
    int i = to;
    while (i > from && isLayout(i - 1)) {
      i--;
    }
    return i;
  }

  boolean docCommentStartsAt(int offset) {
    return Arrays.binarySearch(docCommentStarts, offset) >= 0;
  }

  boolean moduleDocStartsAt(int offset) {
    return Arrays.binarySearch(moduleDocStarts, offset) >= 0;
  }
}
