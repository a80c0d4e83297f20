package dev.leanprove.orchestrator.batch;

import java.util.List;

/**
 * The competition or subject a miniF2F problem belongs to, read from its name: {@code amc12a_2019_p21}
 * is {@code amc12}, {@code aimeI_2000_p7} is {@code aime}. Unknown names group by their first word.
 */
final class Category {

  /** miniF2F's families, longest first so {@code mathd_algebra} wins over {@code algebra}. */
  private static final List<String> KNOWN = List.of(
      "mathd_numbertheory", "mathd_algebra", "numbertheory", "induction", "algebra", "amc12", "aime", "imo");

  private Category() {}

  static String of(String name) {
    for (String prefix : KNOWN) {
      if (name.startsWith(prefix)) {
        return prefix;
      }
    }
    int cut = name.indexOf('_');
    return cut > 0 ? name.substring(0, cut) : name;
  }
}
