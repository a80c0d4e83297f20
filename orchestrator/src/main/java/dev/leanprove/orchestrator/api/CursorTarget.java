package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TheoremLocator;

/**
 * Prove-at-cursor: the theorem at an editor position. Positions are the editor's (LSP): line
 * from 0, column in UTF-16 code units from 0; see {@link LspText}.
 */
final class CursorTarget {

  private CursorTarget() {}

  /**
   * The name (qualified by its namespaces) of the theorem or lemma whose text holds the position
   * and whose proof has a {@code sorry}.
   *
   * @throws ApiException 400 for a missing or malformed position or one outside the file; 422 for a
   *     position outside any theorem, in an example, or in a theorem without {@code sorry}
   */
  static String theoremAt(LeanSource source, Object lineValue, Object columnValue) {
    int line = wholeNumber("line", lineValue);
    int column = wholeNumber("column", columnValue);
    int offset = LspText.of(source.text()).offsetOf(line, column);
    Declaration d = TheoremLocator.containing(source, source.positionAt(offset)).orElseThrow(() -> new ApiException(422,
        "no_theorem_at_position", "line " + line + ", column " + column
            + " is not inside a theorem or lemma (lines and columns count from 0, columns in UTF-16 code units)"));
    if (d.name().isEmpty()) {
      throw new ApiException(422, "no_theorem_at_position", "line " + line + ", column " + column
          + " is inside an example, which has no name to prove it by; make it a theorem");
    }
    if (!TheoremLocator.targets(source).contains(d)) {
      throw new ApiException(422, "nothing_to_prove", "theorem " + d.displayName() + " has no sorry to replace");
    }
    return source.qualifiedName(d);
  }

  private static int wholeNumber(String key, Object value) {
    if (value == null) {
      throw ApiException.badRequest("prove-at-cursor needs both \"line\" and \"column\"; \"" + key + "\" is missing");
    }
    if (value instanceof Number && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())
        && Math.abs(((Number) value).doubleValue()) <= Integer.MAX_VALUE) {
      return ((Number) value).intValue();
    }
    if (value instanceof String) {
      try {
        return Integer.parseInt(((String) value).trim());
      } catch (NumberFormatException e) {
        // Reported below with the value.
      }
    }
    throw ApiException.badRequest("\"" + key + "\" must be a whole number, got " + value);
  }
}
