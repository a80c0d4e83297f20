package dev.leanprove.orchestrator.cli;

import dev.leanprove.leanbridge.LeanBridge;
import dev.leanprove.leanbridge.message.LeanMessage;
import dev.leanprove.leanbridge.source.LeanSource;
import dev.leanprove.leanbridge.verdict.FileReport;
import dev.leanprove.leanbridge.verdict.ReasonCode;
import dev.leanprove.leanbridge.verdict.TheoremVerdict;
import dev.leanprove.orchestrator.api.ReportJson;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leanprove check FILE}: a verdict for every theorem of a Lean file. */
@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Checks a Lean file with real Lean and gives each theorem a verdict.",
        "Exit codes: 0 all proved, 1 some not proved, 2 bad input, 3 no toolchain or workspace."})
final class CheckCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The .lean file to check.")
  Path file;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Mixin
  LeanOptions lean;

  private final CliEnvironment env;

  CheckCommand(CliEnvironment env) {
    this.env = env;
  }

  @Override
  public Integer call() throws InterruptedException {
    String text = SourceFile.read(file, lean.maxFileBytes());
    LeanSource source = LeanSource.parse(text);
    FileReport report;
    try (LeanBridge bridge = lean.startBridge(env)) {
      report = bridge.verifier().check(source).get();
    } catch (ExecutionException e) {
      throw new ExitException(ExitCodes.ENVIRONMENT, "the check failed: " + e.getCause().getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(ReportJson.fileReport(report).encodePrettily());
    } else {
      printHuman(out, report);
    }
    if (report.status() == ReasonCode.TOOLCHAIN_MISSING) {
      return ExitCodes.ENVIRONMENT;
    }
    return report.proved() ? ExitCodes.OK : ExitCodes.NOT_ALL_PROVED;
  }

  private void printHuman(PrintWriter out, FileReport report) {
    if (report.theorems().isEmpty()) {
      out.println("No theorem, lemma or example in " + file + ".");
    }
    for (TheoremVerdict t : report.theorems()) {
      String mark = t.verdict().proved() ? "✓" : "✗";
      out.printf("%s %s  %s (%s)%n", mark, t.name(), t.verdict().code(), t.verdict().trust().label());
      if (!t.verdict().detail().isEmpty()) {
        out.println("    " + t.verdict().detail());
      }
      for (LeanMessage m : t.verdict().messages()) {
        if (m.isError()) {
          String where = m.position().map(p -> file + ":" + p + ": ").orElse("");
          out.println("    " + where + m.data().strip().replace("\n", "\n      "));
        }
      }
    }
    long proved = report.theorems().stream().filter(t -> t.verdict().proved()).count();
    out.printf("%d of %d proved (%s, %d ms)%n", proved, report.theorems().size(), report.status(), report.wall().toMillis());
  }
}
