package dev.leanprove.leanbridge.source;

/**
 * Bracket depth over {@code ()}, {@code []}, {@code {}}, {@code ⦃⦄}, {@code ⟨⟩}, {@code ⟦⟧}: a {@code :=}
 * or {@code in} only counts at depth 0. Depth never goes below 0, so a stray closer in a
 * malformed text cannot hide everything after it.
 */
final class Brackets {

  private int depth;

  void accept(int cp) {
    switch (cp) {
      case '(':
      case '[':
      case '{':
      case '⦃':
      case '⟨':
      case '⟦':
        depth++;
        break;
      case ')':
      case ']':
      case '}':
      case '⦄':
      case '⟩':
      case '⟧':
        depth = Math.max(0, depth - 1);
        break;
      default:
        break;
    }
  }

  int depth() {
    return depth;
  }
}
