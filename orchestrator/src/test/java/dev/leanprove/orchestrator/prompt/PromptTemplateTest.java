package dev.leanprove.orchestrator.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PromptTemplateTest {

  @Test
  void render_allSlotsFilled_replacesEachOccurrence() {
    PromptTemplate template = PromptTemplate.of("t", "{{a}} and {{ b }} and {{a}}\n");

    assertThat(template.slots()).containsExactlyInAnyOrder("a", "b");
    assertThat(template.render(Map.of("a", "x", "b", "y"))).isEqualTo("x and y and x");
  }

  @Test
  void render_valueContainingSlotsOrDollars_isInsertedVerbatim() {
    PromptTemplate template = PromptTemplate.of("t", "<{{a}}>{{b}}");

    assertThat(template.render(Map.of("a", "{{b}} $1 \\n", "b", "B"))).isEqualTo("<{{b}} $1 \\n>B");
  }

  @Test
  void render_missingValue_failsNamingTheSlot() {
    PromptTemplate template = PromptTemplate.of("greeting", "Hello {{name}}");

    assertThatThrownBy(() -> template.render(Map.of("other", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("greeting")
        .hasMessageContaining("{{name}}");
  }

  @Test
  void of_fileText_dropsOnlyTheFinalNewlineAndNormalisesCrlf() {
    assertThat(PromptTemplate.of("t", "a\r\nb\r\n\r\n").render(Map.of())).isEqualTo("a\nb\n");
    assertThat(PromptTemplate.of("t", "no newline").render(Map.of())).isEqualTo("no newline");
  }

  @Test
  void of_bracesThatAreNotSlots_stayLiteral() {
    PromptTemplate template = PromptTemplate.of("t", "{{1, 2}} {x} {{ }}");

    assertThat(template.slots()).isEmpty();
    assertThat(template.render(Map.of())).isEqualTo("{{1, 2}} {x} {{ }}");
  }

  @Test
  void requireSlots_unknownSlot_failsNamingIt() {
    PromptTemplate template = PromptTemplate.of("t", "{{statement}} {{goal}}");

    assertThatThrownBy(() -> template.requireSlots(Set.of(), Set.of("statement")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown slot {{goal}}");
  }

  @Test
  void requireSlots_requiredSlotAbsent_failsNamingIt() {
    PromptTemplate template = PromptTemplate.of("t", "{{header}}");

    assertThatThrownBy(() -> template.requireSlots(Set.of("statement"), Set.of("header", "statement")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("missing slot {{statement}}");
  }

  @Test
  void fromClasspath_packagedTemplate_isFound() {
    PromptTemplate template = PromptTemplate.fromClasspath(PromptLibrary.COT);

    assertThat(template.slots()).containsExactlyInAnyOrder("header", "informal_prefix", "statement");
  }

  @Test
  void fromClasspath_unknownName_failsNamingTheResource() {
    assertThatThrownBy(() -> PromptTemplate.fromClasspath("no-such-template"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prompts/no-such-template.txt");
  }

  @Test
  void load_overrideDirectory_winsOverClasspath(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("sketch.txt"), "Sketch {{statement}}\n", StandardCharsets.UTF_8);

    assertThat(PromptTemplate.load("sketch", dir).render(Map.of("statement", "s"))).isEqualTo("Sketch s");
    assertThat(PromptTemplate.load("repair", dir).slots()).containsExactlyInAnyOrder("round", "errors");
  }
}
