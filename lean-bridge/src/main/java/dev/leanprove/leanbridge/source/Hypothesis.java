package dev.leanprove.leanbridge.source;

/**
 * A hypothesis a lemma takes for a have or obtain of the sketch: {@code (name : proposition)}.
 * The name is {@code _} when the hypothesis is inaccessible (an older anonymous have).
 */
record Hypothesis(String name, String proposition) {

  String binder() {
    return "(" + name + " : " + proposition + ")";
  }
}
