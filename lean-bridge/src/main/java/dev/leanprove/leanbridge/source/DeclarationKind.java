package dev.leanprove.leanbridge.source;

import java.util.Optional;

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
    return find(keyword).orElseThrow(() -> new IllegalArgumentException("not a declaration keyword: " + keyword));
  }

  static boolean isKeyword(String keyword) {
    return find(keyword).isPresent();
  }

  private static Optional<DeclarationKind> find(String keyword) {
    for (DeclarationKind kind : values()) {
      if (kind.keyword.equals(keyword)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
