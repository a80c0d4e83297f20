package dev.leanprove.leanbridge.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Lays out {@code workspace-template/} (packaged as resources) into a folder, with the configured versions. */
public final class WorkspaceLayout {

  /** Names the workspace folder, overriding the default under the user's data directory. */
  public static final String WORKSPACE_VARIABLE = "LEANPROVE_WORKSPACE";

  static final List<String> TEMPLATE_FILES =
      List.of("lean-toolchain", "lakefile.toml", "LeanproveWorkspace.lean", "LeanproveChecker/Main.lean");

  private static final Pattern MATHLIB_REV =
      Pattern.compile("(\\[\\[require]]\\s*\\nname = \"mathlib\"[^\\[]*?\\nrev = \")[^\"]*(\")");

  private static final Pattern REPL_REV =
      Pattern.compile("(\\[\\[require]]\\s*\\nname = \"REPL\"[^\\[]*?\\nrev = \")[^\"]*(\")");

  private WorkspaceLayout() {}

  /** {@code $LEANPROVE_WORKSPACE}, else {@code $XDG_DATA_HOME/leanprove/workspace}, else {@code ~/.local/share/leanprove/workspace}. */
  public static Path defaultDir(Map<String, String> env) {
    String explicit = env.get(WORKSPACE_VARIABLE);
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String dataHome = env.get("XDG_DATA_HOME");
    Path base =
        dataHome != null && !dataHome.isBlank()
            ? Path.of(dataHome)
            : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local", "share");
    return base.resolve("leanprove").resolve("workspace");
  }

  /**
   * Creates or updates the workspace files; existing build output (.lake) is kept. Returns whether
   * any file changed, in which case the workspace needs {@code setup} (a new Mathlib needs fetching).
   */
  public static boolean layOut(Path dir, WorkspaceSpec spec) throws IOException {
    Files.createDirectories(dir);
    boolean changed = false;
    for (String name : TEMPLATE_FILES) {
      String content = render(name, template(name), spec);
      Path target = dir.resolve(name);
      Files.createDirectories(target.getParent());
      if (!Files.isRegularFile(target) || !Files.readString(target).equals(content)) {
        Files.writeString(target, content);
        changed = true;
      }
    }
    return changed;
  }

  static String render(String name, String template, WorkspaceSpec spec) {
    switch (name) {
      case "lean-toolchain":
        return spec.leanToolchain() + "\n";
      case "lakefile.toml":
        Matcher m = MATHLIB_REV.matcher(template);
        if (!m.find()) {
          throw new IllegalStateException("workspace-template/lakefile.toml has no mathlib rev line");
        }
        String withMathlib = m.replaceFirst(Matcher.quoteReplacement(m.group(1) + spec.mathlibRev() + m.group(2)));
        // The REPL is tagged per Lean release (v4.24.0, …): it must be built by the same Lean it runs against.
        Matcher repl = REPL_REV.matcher(withMathlib);
        return repl.find()
            ? repl.replaceFirst(Matcher.quoteReplacement(repl.group(1) + spec.replRev() + repl.group(2)))
            : withMathlib;
      default:
        return template;
    }
  }

  static String template(String name) {
    String resource = "/workspace-template/" + name;
    try (InputStream in = WorkspaceLayout.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + ": the jar was built without workspace-template/");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
