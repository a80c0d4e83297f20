package dev.leanprove.leanbridge.source;

import java.util.Objects;

/**
 * A place where Lean's lexer stops with an error (an unterminated comment, string or {@code «} name, an
 * invalid escape). Lean resumes just after it, so text behind such a place may be read as code.
 *
 * @param offset where the unreadable token starts
 * @param problem Lean's complaint, in words
 */
public record LexicalError(int offset, String problem) {

  public LexicalError {
    Objects.requireNonNull(problem, "problem");
  }
}
