package dev.leanprove.leanbridge.verdict;

import dev.leanprove.leanbridge.source.Declaration;
import dev.leanprove.leanbridge.source.DeclarationKind;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.source.TextDigest;
import dev.leanprove.leanbridge.source.TopLevelCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The names theorems are checked under: fully qualified, readable, and generated for examples,
 * which Lean gives no name that {@code #print axioms} could ask about.
 */
public final class TheoremNames {

  /** Lean's prefix for a name resolved from the root, whatever namespaces are open. */
  static final String ROOT = "_root_.";

  static final String EXAMPLE_PREFIX = "leanprove_example_";

  private TheoremNames() {}

  /**
   * Why the theorems of {@code source} cannot be told apart by name, if they cannot: a theorem or
   * namespace whose name cannot be read (it spans lines, or a {@code «} is never closed), or two
   * theorems with one fully qualified name. Such a file is refused rather than judged by a wrong name.
   */
  public static Optional<String> problem(LeanSource source) {
    Objects.requireNonNull(source, "source");
    for (TopLevelCommand c : source.commands()) {
      if (c.keyword().equals("namespace") && !readable(c.name())) {
        return Optional.of("line " + source.positionAt(c.keywordStart()).line()
            + ": the namespace's name cannot be read (write it on one line, any «» closed)");
      }
    }
    Map<String, Declaration> seen = new HashMap<>();
    for (Declaration d : source.theorems()) {
      if (d.kind() == DeclarationKind.EXAMPLE) {
        continue;
      }
      if (!readable(d.name())) {
        return Optional.of("line " + source.positionAt(d.keywordStart()).line() + ": the " + d.kind().keyword()
            + "'s name cannot be read (write it on one line, any «» closed)");
      }
      String qualified = source.qualifiedName(d);
      Declaration earlier = seen.putIfAbsent(plain(qualified), d);
      if (earlier != null) {
        return Optional.of("two theorems are named " + qualified + " (lines "
            + source.positionAt(earlier.keywordStart()).line() + " and " + source.positionAt(d.keywordStart()).line()
            + "); give each its own name");
      }
    }
    return Optional.empty();
  }

  /** The name without Lean's {@code «»} escapes, for comparing names however they were written. */
  static String plain(String name) {
    return name.replace("«", "").replace("»", "");
  }

  /** {@code name} declared inside {@code namespace} ("" for the root). */
  static String qualify(String namespace, String name) {
    return namespace.isEmpty() ? name : namespace + "." + name;
  }

  /**
   * Whether a written name can be put in our {@code #print axioms} and compared with what Lean prints:
   * not empty, on one line, without control characters, every {@code «} closed before the next opens.
   */
  static boolean readable(String name) {
    if (name.isEmpty()) {
      return false;
    }
    boolean quoted = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        return false;
      }
      if (c == '«') {
        if (quoted) {
          return false;
        }
        quoted = true;
      } else if (c == '»') {
        if (!quoted) {
          return false;
        }
        quoted = false;
      }
    }
    return !quoted;
  }

  /**
   * The theorem names the examples of one text are checked under, in order. The hash of the text keeps
   * a file from declaring one first, and a name already in the text is never chosen; the text is
   * hashed and searched once, however many examples it has.
   */
  static final class ForExamples {
    private final String text;
    private final String digest;
    private final boolean prefixInText;
    private int count;

    ForExamples(String text) {
      this.text = text;
      this.digest = sha256(text);
      this.prefixInText = text.contains(EXAMPLE_PREFIX);
    }

    String next() {
      count++;
      for (int salt = 0; ; salt++) {
        String hash = salt == 0 ? digest : sha256(salt + ":" + digest);
        String name = EXAMPLE_PREFIX + count + "_" + hash.substring(0, 12);
        if (!prefixInText || !text.contains(name)) {
          return name;
        }
      }
    }
  }

  private static String sha256(String text) {
    return TextDigest.hexOf(text);
  }
}
