package dev.leanprove.orchestrator.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SummaryHtmlTest {

  /** Debian's chromium package; .ci/run installs it. */
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path dir;

  @Test
  void scriptSafe_textThatCouldEndTheScript_isEscapedAndParsesBack() {
    String json = new JsonObject().put("detail", SampleRun.NASTY_DETAIL).encode();

    String safe = SummaryHtml.scriptSafe(json);

    assertThat(safe).doesNotContain("<").doesNotContain(">").doesNotContain("&").doesNotContain("\u2028");
    assertThat(new JsonObject(safe).getString("detail")).isEqualTo(SampleRun.NASTY_DETAIL);
  }

  @Test
  void of_isOnePageWithoutOutsideReferences() {
    String html = SummaryHtml.of(SampleRun.summary());

    assertThat(html).startsWith("<!DOCTYPE html>").doesNotContain("/*SUMMARY_JSON*/")
        .doesNotContain("src=").doesNotContain("href=").doesNotContain("url(").doesNotContain("@import");
    // The SVG namespace is a name, not an address anything is fetched from.
    assertThat(html.replace("\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http://").doesNotContain("https://");
    // The embedded JSON closed no script early: exactly the template's two scripts.
    assertThat(count(html, "<script")).isEqualTo(2);
    assertThat(count(html, "</script>")).isEqualTo(2);
  }

  @Test
  void render_inHeadlessChromium_showsTheNumbersOfSummaryJson() throws Exception {
    if (!Files.isExecutable(CHROMIUM)) {
      String reason = "skipped: " + CHROMIUM + " is not installed (apt-get install chromium; .ci/run installs it)";
      System.out.println("SummaryHtmlTest.render_inHeadlessChromium_showsTheNumbersOfSummaryJson " + reason);
      Assumptions.assumeTrue(false, reason);
    }
    ReportFiles.write(dir, SampleRun.summary());
    JsonObject summary = new JsonObject(Files.readString(dir.resolve(ReportFiles.JSON)));

    String dom = dumpDom(dir.resolve(ReportFiles.HTML));

    JsonObject problems = summary.getJsonObject("problems");
    assertThat(first(dom, "<b data-stat=\"proved\">([^<]*)</b>"))
        .isEqualTo(problems.getInteger("proved") + " / " + problems.getInteger("total"));
    assertPercent(first(dom, "<b data-stat=\"solvedRate\">([^<]*)</b>"), summary.getDouble("solvedRate"));
    assertThat(first(dom, "<b data-stat=\"portfolioSolved\">([^<]*)</b>")).isEqualTo(problems.getInteger("portfolioSolved").toString());
    assertThat(first(dom, "<b data-stat=\"unfinished\">([^<]*)</b>")).isEqualTo(problems.getInteger("unfinished").toString());
    assertThat(first(dom, "<b data-stat=\"samples\">([^<]*)</b>")).isEqualTo(summary.getLong("samples").toString());

    Map<String, String> categories = bars(dom, "data-category");
    JsonArray expectedCategories = summary.getJsonArray("categories");
    assertThat(categories).hasSize(expectedCategories.size());
    for (Object o : expectedCategories) {
      JsonObject c = (JsonObject) o;
      String shown = categories.get(c.getString("category"));
      assertThat(shown).as(c.getString("category")).startsWith(c.getInteger("proved") + "/" + c.getInteger("total") + " · ");
      assertPercent(shown.substring(shown.indexOf("· ") + 2), c.getDouble("rate"));
    }

    Map<String, String> passAtK = rows(dom);
    JsonArray expectedPassAtK = summary.getJsonArray("passAtK");
    assertThat(passAtK).hasSize(expectedPassAtK.size()).isNotEmpty();
    for (Object o : expectedPassAtK) {
      JsonObject v = (JsonObject) o;
      assertPercent(passAtK.get(v.getInteger("k").toString()), v.getDouble("value"));
    }

    assertCounts(bars(dom, "data-reason"), summary.getJsonArray("failures"));
    assertCounts(bars(dom, "data-verdict"), summary.getJsonArray("attemptVerdicts"));
    assertThat(count(dom, "<tr class=\"[A-Z_]+\" data-problem=")).isEqualTo(summary.getJsonArray("problemList").size());
    // The detail that tried to close the script is shown as text; no script of its own ran.
    assertThat(dom).contains("&lt;/script&gt;&lt;script&gt;document.title='pwned'");
    assertThat(first(dom, "<title>([^<]*)</title>")).isEqualTo("leanprove batch summary");
  }

  private String dumpDom(Path html) throws IOException, InterruptedException {
    Path profile = Files.createDirectory(dir.resolve("chromium-profile"));
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--dump-dom", html.toUri().toString()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("HOME", profile.toString());
    pb.redirectOutput(dir.resolve("dom.html").toFile());
    pb.redirectError(dir.resolve("chromium.err").toFile());
    Process p = pb.start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        throw new AssertionError("chromium did not finish in 60 s: " + Files.readString(dir.resolve("chromium.err")));
      }
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
    assertThat(dom).as("chromium exit %s: %s", p.exitValue(), Files.readString(dir.resolve("chromium.err"))).contains("data-stat=");
    return dom;
  }

  /** "56.3%" shows {@code value} when it is {@code value * 100} rounded to one decimal. */
  private static void assertPercent(String shown, double value) {
    assertThat(shown).endsWith("%");
    assertThat(Double.parseDouble(shown.substring(0, shown.length() - 1))).isCloseTo(value * 100, within(0.05 + 1e-9));
  }

  private static void assertCounts(Map<String, String> shown, JsonArray expected) {
    assertThat(shown).hasSize(expected.size()).isNotEmpty();
    for (Object o : expected) {
      JsonObject r = (JsonObject) o;
      assertThat(shown.get(r.getString("reason"))).as(r.getString("reason")).isEqualTo(r.getInteger("count").toString());
    }
  }

  private static Map<String, String> bars(String dom, String attribute) {
    Matcher m = Pattern.compile("<g [^>]*" + attribute + "=\"([^\"]+)\"[^>]*>.*?<text class=\"value\"[^>]*>([^<]*)</text>",
        Pattern.DOTALL).matcher(dom);
    Map<String, String> found = new LinkedHashMap<>();
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  private static Map<String, String> rows(String dom) {
    Matcher m = Pattern.compile("<tr data-k=\"(\\d+)\">.*?<td class=\"num value\">([^<]*)</td>", Pattern.DOTALL).matcher(dom);
    Map<String, String> found = new LinkedHashMap<>();
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  private static String first(String dom, String regex) {
    Matcher m = Pattern.compile(regex).matcher(dom);
    assertThat(m.find()).as("%s in the rendered page", regex).isTrue();
    return m.group(1);
  }

  private static int count(String dom, String regex) {
    Matcher m = Pattern.compile(regex).matcher(dom);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
