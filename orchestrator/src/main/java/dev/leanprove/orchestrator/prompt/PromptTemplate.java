package dev.leanprove.orchestrator.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template: plain text with {@code {{name}}} slots, read from {@code prompts/NAME.txt}
 * in a directory of overrides or on the classpath.
 *
 * <p>The template is the file without its final newline, so an editor's line end adds nothing;
 * a template that must end in a newline ends with an empty line. Values are inserted once and
 * never scanned for slots themselves, so a model output containing {@code {{x}}} stays as it is.
 */
public final class PromptTemplate {

  /** Classpath folder the templates are packaged under. */
  public static final String RESOURCE_DIR = "prompts/";

  private static final Pattern SLOT = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\}\\}");

  private final String name;
  private final String text;
  private final Set<String> slots;

  private PromptTemplate(String name, String text) {
    this.name = name;
    this.text = text;
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = SLOT.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    this.slots = Set.copyOf(found);
  }

  /** A template from its text, as it would be read from a file. */
  public static PromptTemplate of(String name, String fileText) {
    Objects.requireNonNull(name, "name");
    String text = fileText.replace("\r\n", "\n");
    return new PromptTemplate(name, text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
  }

  /** {@code prompts/NAME.txt} from the classpath. */
  public static PromptTemplate fromClasspath(String name) {
    String resource = RESOURCE_DIR + name + ".txt";
    try (InputStream in = PromptTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no prompt template " + name + ": " + resource + " is not on the classpath");
      }
      return of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt template " + resource, e);
    }
  }

  /** {@code overrideDir/NAME.txt} when that file exists, else the packaged template. */
  public static PromptTemplate load(String name, Path overrideDir) {
    Path file = overrideDir.resolve(name + ".txt");
    if (!Files.isRegularFile(file)) {
      return fromClasspath(name);
    }
    try {
      return of(name, Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read prompt template " + file, e);
    }
  }

  public String name() {
    return name;
  }

  /** The slot names the template uses. */
  public Set<String> slots() {
    return slots;
  }

  /**
   * Checks the template against what its caller fills: a slot outside {@code offered} is
   * unknown, a slot of {@code required} the template lacks is missing; either is an error naming it.
   */
  public PromptTemplate requireSlots(Set<String> required, Set<String> offered) {
    for (String slot : new TreeSet<>(slots)) {
      if (!offered.contains(slot)) {
        throw new IllegalArgumentException(
            "prompt template " + name + " uses unknown slot {{" + slot + "}}; known slots: " + new TreeSet<>(offered));
      }
    }
    for (String slot : new TreeSet<>(required)) {
      if (!slots.contains(slot)) {
        throw new IllegalArgumentException("prompt template " + name + " is missing slot {{" + slot + "}}");
      }
    }
    return this;
  }

  /** The text with every slot replaced by its value; a slot with no value is an error naming it. */
  public String render(Map<String, String> values) {
    Matcher matcher = SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String slot = matcher.group(1);
      String value = values.get(slot);
      if (value == null) {
        throw new IllegalArgumentException("prompt template " + name + ": no value for slot {{" + slot + "}}");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
