package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.LeanText;
import java.util.regex.Pattern;

/** Compares theorem statements the way a reader would: ignoring layout, comments and the declaration's name. */
public final class Statements {

  private static final Pattern KEYWORD_AND_NAME =
      Pattern.compile("^(?:theorem|lemma)\\s+\\S+|^example");

  private static final Pattern SPACE = Pattern.compile("\\s+");

  // Spaces next to brackets and commas carry no meaning: `( x : ℝ )` is `(x : ℝ)`.
  private static final Pattern SPACE_BY_PUNCTUATION = Pattern.compile(" ?([()\\[\\]{}⦃⦄,]) ?");

  private Statements() {}

  /** Whether two statements ({@code theorem NAME binders : type}, with or without {@code :=}) say the same. */
  public static boolean equivalent(String original, String claimed) {
    return normalize(original).equals(normalize(claimed));
  }

  static String normalize(String statement) {
    String s = LeanText.blankCommentsAndStrings(statement).strip();
    if (s.endsWith(":= by")) {
      s = s.substring(0, s.length() - ":= by".length()).strip();
    }
    if (s.endsWith(":=")) {
      s = s.substring(0, s.length() - 2).strip();
    }
    s = SPACE.matcher(s).replaceAll(" ");
    s = KEYWORD_AND_NAME.matcher(s).replaceFirst("");
    return SPACE_BY_PUNCTUATION.matcher(s).replaceAll("$1").strip();
  }
}
