package dev.leanprove.orchestrator.prompt;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.LeanText;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One theorem to prove, in DeepSeek's dataset layout.
 *
 * <p>The code shown to a model is {@code header + informalPrefix + statement + "\n  sorry"}.
 *
 * @param header the imports, options and opens, ending in a newline (or empty)
 * @param informalPrefix the problem in words as a doc comment, ending in a newline (or empty)
 * @param statement the Lean statement ending {@code := by}; trailing whitespace is dropped
 */
public record ProofTask(String header, String informalPrefix, String statement) {

  private static final Pattern ENDS_WITH_BY = Pattern.compile(":=\\s*by$");

  public ProofTask {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(informalPrefix, "informalPrefix");
    Objects.requireNonNull(statement, "statement");
    statement = statement.stripTrailing();
    if (!header.isEmpty() && !header.endsWith("\n")) {
      throw new IllegalArgumentException("header must end with a newline: " + tail(header));
    }
    if (!informalPrefix.isEmpty() && !informalPrefix.endsWith("\n")) {
      throw new IllegalArgumentException("informal prefix must end with a newline: " + tail(informalPrefix));
    }
    if (!ENDS_WITH_BY.matcher(LeanText.blankCommentsAndStrings(statement)).find()) {
      throw new IllegalArgumentException("statement must end with ':= by': " + tail(statement));
    }
    if (declaration(statement).isEmpty()) {
      throw new IllegalArgumentException(
          "statement must declare a theorem, lemma or example at column 0: " + tail(statement));
    }
  }

  /** The declared name, or "" for an {@code example}. */
  public String theoremName() {
    return declaration(statement).orElseThrow().name();
  }

  private static Optional<Declaration> declaration(String statement) {
    return LeanSource.parse(statement).theorems().stream().findFirst();
  }

  private static String tail(String text) {
    String oneLine = text.replace("\n", "\\n");
    return oneLine.length() <= 60 ? oneLine : "…" + oneLine.substring(oneLine.length() - 60);
  }
}
