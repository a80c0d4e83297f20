package dev.leanprove.leanbridge.source;

import dev.leanprove.leanbridge.message.Position;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Finds the declarations of a Lean text that are to be proved. */
public final class TheoremLocator {

  private TheoremLocator() {}

  /** The declarations whose proof holds a {@code sorry} token (not one in a comment or string), in order. */
  public static List<Declaration> targets(LeanSource s) {
    Objects.requireNonNull(s, "s");
    List<Integer> sorries = s.sorryOffsets();
    List<Declaration> targets = new ArrayList<>();
    for (Declaration d : s.theorems()) {
      int index = Collections.binarySearch(sorries, d.proofStart());
      int first = index >= 0 ? index : -index - 1;
      if (first < sorries.size() && sorries.get(first) < d.end()) {
        targets.add(d);
      }
    }
    return targets;
  }

  /** The declaration at {@code p}, for proving at the cursor; see {@link LeanSource#declarationAt}. */
  public static Optional<Declaration> containing(LeanSource s, Position p) {
    Objects.requireNonNull(s, "s");
    Objects.requireNonNull(p, "p");
    return s.declarationAt(s.offsetOf(p));
  }
}
