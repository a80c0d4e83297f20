package dev.leanprove.leanbridge.source;

import java.util.ArrayList;
import java.util.List;

/**
 * The open {@code namespace}/{@code section}/{@code mutual} scopes while reading a text top to bottom,
 * to qualify declared names the way Lean does.
 *
 * <p>As in Lean, {@code namespace A.B} opens two scopes and {@code end A.B} closes two. Unbalanced
 * {@code end}s in a malformed text close what is open and are otherwise ignored. Scopes are shared,
 * immutable links, so recording the scope of every declaration stays linear however deep the nesting.
 */
final class Scopes {

  /** One open scope: a namespace component, or "" for a section or mutual block. */
  static final class Scope {
    private final String part;
    private final Scope parent;

    private Scope(String part, Scope parent) {
      this.part = part;
      this.parent = parent;
    }

    /** {@code name} as Lean names it inside this scope ({@code _root_.} escapes the namespaces). */
    String qualify(String name) {
      if (name.isEmpty()) {
        return name;
      }
      if (name.startsWith("_root_.")) {
        return name.substring("_root_.".length());
      }
      List<String> parts = new ArrayList<>();
      for (Scope s = this; s != null; s = s.parent) {
        if (!s.part.isEmpty()) {
          parts.add(s.part);
        }
      }
      StringBuilder qualified = new StringBuilder();
      for (int k = parts.size() - 1; k >= 0; k--) {
        qualified.append(parts.get(k)).append('.');
      }
      return qualified.append(name).toString();
    }
  }

  private static final Scope ROOT = new Scope("", null);

  private Scope top = ROOT;

  Scope current() {
    return top;
  }

  void openNamespace(String dottedName) {
    List<String> parts = components(dottedName);
    if (parts.isEmpty()) {
      top = new Scope("", top);
    }
    for (String part : parts) {
      top = new Scope(part, top);
    }
  }

  void openSection(String dottedName) {
    int count = Math.max(1, components(dottedName).size());
    for (int k = 0; k < count; k++) {
      top = new Scope("", top);
    }
  }

  void close(String dottedName) {
    int count = Math.max(1, components(dottedName).size());
    for (int k = 0; k < count && top != ROOT; k++) {
      top = top.parent;
    }
  }

  /** The parts of a dotted name, treating dots inside {@code «»} as part of the name. */
  static List<String> components(String dottedName) {
    List<String> parts = new ArrayList<>();
    boolean quoted = false;
    int from = 0;
    for (int i = 0; i < dottedName.length(); i++) {
      char c = dottedName.charAt(i);
      if (c == '«') {
        quoted = true;
      } else if (c == '»') {
        quoted = false;
      } else if (c == '.' && !quoted) {
        parts.add(dottedName.substring(from, i));
        from = i + 1;
      }
    }
    if (from < dottedName.length()) {
      parts.add(dottedName.substring(from));
    }
    parts.removeIf(String::isEmpty);
    return parts;
  }
}
