package dev.leanprove.orchestrator.cli;

import dev.leanprove.orchestrator.job.JobLog;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/** One JSON object per log line: time, level, logger, message, the job it is about, and the error. */
final class JsonLogFormatter extends Formatter {

  @Override
  public String format(LogRecord record) {
    JsonObject line = new JsonObject()
        .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
        .put("level", record.getLevel().getName())
        .put("logger", record.getLoggerName());
    Object[] parameters = record.getParameters();
    if (parameters != null) {
      for (Object p : parameters) {
        if (p instanceof JobLog.JobId) {
          line.put("job", ((JobLog.JobId) p).id());
        }
      }
    }
    line.put("message", formatMessage(record));
    if (record.getThrown() != null) {
      StringWriter trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.put("error", trace.toString());
    }
    return line.encode() + System.lineSeparator();
  }
}
