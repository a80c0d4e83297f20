package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The result of {@code #print axioms NAME}: the axioms a declaration depends on.
 *
 * <p>Names are kept exactly as Lean printed them: fully qualified, with {@code «»} where Lean
 * needs them.
 *
 * @param declName the declaration, as printed between the quotes
 * @param axioms the axioms in printed order (Lean sorts them since v4.10; compare as a set)
 */
public record AxiomReport(String declName, List<String> axioms) {

  /** The axiom Lean adds for every {@code sorry}. */
  public static final String SORRY_AXIOM = "sorryAx";

  // Both sentences come from Lean's `#print axioms`; the name may itself contain a quote (bar').
  static final Pattern NO_AXIOMS = Pattern.compile("'([^\\n]+)' does not depend on any axioms");
  static final Pattern DEPENDS_OPENING = Pattern.compile("'([^\\n]+?)' depends on axioms: \\[");

  public AxiomReport {
    Objects.requireNonNull(declName, "declName");
    axioms = List.copyOf(axioms);
  }

  /**
   * Reads either sentence of {@code #print axioms}; the list may wrap over several lines as
   * Lean's formatter breaks it ({@code [propext,\n Classical.choice,\n Quot.sound]}).
   */
  public static Optional<AxiomReport> parse(String data) {
    String text = data.strip();
    Matcher none = NO_AXIOMS.matcher(text);
    if (none.matches()) {
      return Optional.of(new AxiomReport(none.group(1), List.of()));
    }
    Matcher depends = DEPENDS_OPENING.matcher(text);
    if (!depends.lookingAt()) {
      return Optional.empty();
    }
    int close = closingBracket(text, depends.end());
    if (close != text.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(
        new AxiomReport(depends.group(1), splitList(text.substring(depends.end(), close))));
  }

  /** Whether the declaration was proved with {@code sorry} somewhere below it. */
  public boolean usesSorry() {
    return axioms.contains(SORRY_AXIOM);
  }

  /** The axioms not in {@code allowed}, in printed order. */
  public List<String> outside(Set<String> allowed) {
    Objects.requireNonNull(allowed, "allowed");
    List<String> result = new ArrayList<>();
    for (String axiom : axioms) {
      if (!allowed.contains(axiom)) {
        result.add(axiom);
      }
    }
    return List.copyOf(result);
  }

  /**
   * The declaration name if {@code line} opens an axiom report, in either shape; a report whose
   * list wraps continues on the following lines until {@link #closingBracket} finds its end.
   */
  static Optional<String> openedBy(String line) {
    Matcher none = NO_AXIOMS.matcher(line);
    if (none.matches()) {
      return Optional.of(none.group(1));
    }
    Matcher depends = DEPENDS_OPENING.matcher(line);
    return depends.lookingAt() ? Optional.of(depends.group(1)) : Optional.empty();
  }

  /** Whether {@code line}, the first line of an axiom report, already holds the whole report. */
  static boolean isComplete(String line) {
    Matcher depends = DEPENDS_OPENING.matcher(line);
    return !depends.lookingAt() || closingBracket(line, depends.end()) >= 0;
  }

  /** The name without Lean's {@code «»} escapes, so callers need not know when Lean adds them. */
  static String unescaped(String name) {
    return name.replace("«", "").replace("»", "");
  }

  /**
   * Index of the {@code ]} that closes a list whose items start at {@code from}, or -1; a
   * bracket inside {@code «»} belongs to a name.
   */
  static int closingBracket(String text, int from) {
    boolean escaped = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '«') {
        escaped = true;
      } else if (c == '»') {
        escaped = false;
      } else if (c == ']' && !escaped) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> splitList(String items) {
    List<String> names = new ArrayList<>();
    boolean escaped = false;
    int start = 0;
    for (int i = 0; i <= items.length(); i++) {
      boolean end = i == items.length();
      char c = end ? ',' : items.charAt(i);
      if (c == '«') {
        escaped = true;
      } else if (c == '»') {
        escaped = false;
      } else if (end || (c == ',' && !escaped)) {
        String name = items.substring(start, i).strip();
        if (!name.isEmpty()) {
          names.add(name);
        }
        start = i + 1;
      }
    }
    return names;
  }
}
