package dev.leanprove.leanbridge.source;

/** What a top-level command is, as far as locating theorems and the header needs to know. */
enum CommandKind {
  /** {@code theorem}, {@code lemma} or {@code example}. */
  DECLARATION,
  /** Only a docstring, attributes, modifiers or {@code open … in}: belongs to the next command. */
  PREFIX,
  IMPORT,
  OPEN,
  SET_OPTION,
  MODULE_DOC,
  NAMESPACE,
  SECTION,
  MUTUAL,
  END,
  OTHER;

  boolean belongsInHeader() {
    return this == IMPORT || this == OPEN || this == SET_OPTION || this == MODULE_DOC;
  }
}
