package dev.leanprove.leanbridge.source;

/** The Lean commands that state something to prove. */
public enum DeclarationKind {
  THEOREM("theorem"),
  LEMMA("lemma"),
  EXAMPLE("example");

  private final String keyword;

  DeclarationKind(String keyword) {
    this.keyword = keyword;
  }

  /** The keyword as written in Lean. */
  public String keyword() {
    return keyword;
  }

  static DeclarationKind ofKeyword(String keyword) {
    for (DeclarationKind kind : values()) {
      if (kind.keyword.equals(keyword)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("not a declaration keyword: " + keyword);
  }
}
