package dev.leanprove.leanbridge.message;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Splits plain {@code lean FILE} output into messages.
 *
 * <p>A message runs from its header to the next header or the end of the output. Information
 * messages have no header, so a bare line continues the message before it; the exception is the
 * {@code #print axioms} report of a name the caller asked about, which starts (and ends) its own
 * message. Bare lines before any header form an information message without position.
 */
final class PlainOutputReader {

  private final Set<String> axiomReportNames = new HashSet<>();
  private final List<LeanMessage> messages = new ArrayList<>();
  private final List<String> unparsedLines = new ArrayList<>();

  private PlainHeader open;
  private final List<String> openLines = new ArrayList<>();

  PlainOutputReader(Collection<String> axiomReportNames) {
    for (String name : axiomReportNames) {
      this.axiomReportNames.add(AxiomReport.unescaped(name));
    }
  }

  ParsedOutput read(String output) {
    List<String> lines = OutputLines.split(output);
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      Optional<PlainHeader> header = PlainHeader.parse(line);
      if (header.isPresent()) {
        close();
        open = header.get();
        openLines.add(open.text());
        i++;
      } else if (isRequestedAxiomReport(line)) {
        close();
        i = readAxiomReport(lines, i);
      } else {
        openLines.add(line);
        i++;
      }
    }
    close();
    return new ParsedOutput(messages, unparsedLines);
  }

  private boolean isRequestedAxiomReport(String line) {
    return AxiomReport.openedBy(line)
        .map(name -> axiomReportNames.contains(AxiomReport.unescaped(name)))
        .orElse(false);
  }

  /** Takes the report's lines up to the one closing its list; returns the index after them. */
  private int readAxiomReport(List<String> lines, int first) {
    List<String> report = new ArrayList<>();
    report.add(lines.get(first));
    int i = first + 1;
    boolean complete = AxiomReport.isComplete(lines.get(first));
    while (!complete && i < lines.size() && PlainHeader.parse(lines.get(i)).isEmpty()) {
      String line = lines.get(i);
      report.add(line);
      complete = AxiomReport.closingBracket(line, 0) >= 0;
      i++;
    }
    messages.add(bareInformation(String.join("\n", report)));
    return i;
  }

  /** Ends the message being collected, if any. */
  private void close() {
    if (open != null) {
      messages.add(new LeanMessage(open.fileName(), open.pos(), open.endPos(), open.severity(),
          open.kind(), String.join("\n", openLines)));
    } else if (openLines.stream().allMatch(String::isBlank)) {
      unparsedLines.addAll(openLines);
    } else {
      messages.add(bareInformation(String.join("\n", openLines)));
    }
    open = null;
    openLines.clear();
  }

  private static LeanMessage bareInformation(String data) {
    return new LeanMessage("", null, null, Severity.INFORMATION, "", data);
  }
}
