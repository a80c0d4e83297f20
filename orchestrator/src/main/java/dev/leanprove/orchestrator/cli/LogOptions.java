package dev.leanprove.orchestrator.cli;

import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import picocli.CommandLine.Option;

/** How the long-running commands log: plain text, or one JSON object per line with the job id as a field. */
final class LogOptions {

  @Option(names = "--log-format", paramLabel = "FORMAT",
      description = "text or json (one object per line, with \"job\" on every line about a job); default: $LEANPROVE_LOG_FORMAT, else text.")
  String format;

  /** Puts the chosen format on the root logger's handlers. */
  void install(CliEnvironment env) {
    String chosen = format != null ? format : env.get("LEANPROVE_LOG_FORMAT");
    if (chosen == null || chosen.isBlank() || chosen.equalsIgnoreCase("text")) {
      return;
    }
    if (!chosen.toLowerCase(Locale.ROOT).equals("json")) {
      throw new ExitException(ExitCodes.USAGE, "--log-format must be text or json: " + chosen);
    }
    for (Handler h : LogManager.getLogManager().getLogger("").getHandlers()) {
      h.setFormatter(new JsonLogFormatter());
    }
  }
}
