package dev.leanprove.leanbridge.source;

import java.util.Objects;

/**
 * A theorem's proof put together from subgoal lemmas kept as declarations of their own.
 *
 * @param auxiliary the lemmas, {@code theorem LEMMA binders : P := proof} each, to place before the theorem
 * @param proof the theorem's proof (text after {@code :=}) with each sorry replaced by a call of its lemma
 */
public record Composition(String auxiliary, String proof) {

  public Composition {
    Objects.requireNonNull(auxiliary, "auxiliary");
    Objects.requireNonNull(proof, "proof");
  }
}
