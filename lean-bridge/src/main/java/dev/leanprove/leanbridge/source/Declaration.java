package dev.leanprove.leanbridge.source;

import java.util.Objects;

/**
 * One {@code theorem}, {@code lemma} or {@code example} of a Lean text; offsets are UTF-16 indexes
 * into that text.
 *
 * @param kind which keyword declares it
 * @param name the declared name as written (possibly dotted or {@code «»}-quoted), "" for an example
 * @param start where the command begins, including its docstring, attributes, modifiers and
 *     {@code open … in} / {@code set_option … in} prefixes
 * @param keywordStart offset of the {@code theorem}/{@code lemma}/{@code example} keyword
 * @param proofStart offset just after the top-level {@code :=}; for equation-style declarations the
 *     offset of the first {@code |}; for a declaration without any proof, the end of its statement
 * @param end end of the proof, before trailing whitespace and comments
 * @param statement text from the keyword up to the proof's {@code :=}, without trailing whitespace or comments
 * @param proof {@code text[proofStart, end)}, stripped
 * @param line 1-based line of the keyword, or 0 when unknown
 */
public record Declaration(
    DeclarationKind kind,
    String name,
    int start,
    int keywordStart,
    int proofStart,
    int end,
    String statement,
    String proof,
    int line) {

  public Declaration {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(statement, "statement");
    Objects.requireNonNull(proof, "proof");
    if (start < 0 || start > keywordStart || keywordStart > proofStart || proofStart > end) {
      throw new IllegalArgumentException(String.format(
          "offsets must satisfy 0 <= start <= keywordStart <= proofStart <= end: %d, %d, %d, %d",
          start, keywordStart, proofStart, end));
    }
    if (line < 0) {
      throw new IllegalArgumentException("line must not be negative: " + line);
    }
  }

  /** A declaration whose line is unknown (for declarations built by hand rather than parsed). */
  public Declaration(
      DeclarationKind kind, String name, int start, int keywordStart, int proofStart, int end,
      String statement, String proof) {
    this(kind, name, start, keywordStart, proofStart, end, statement, proof, 0);
  }

  /** The name, or {@code example@LINE} for an unnamed declaration, for logs and reports. */
  public String displayName() {
    return name.isEmpty() ? kind.keyword() + "@" + line : name;
  }
}
