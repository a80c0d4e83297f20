package dev.leanprove.orchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leanprove.orchestrator.job.JobLog;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

final class JsonLogFormatterTest {

  @Test
  void format_jobLogLine_isOneJsonObjectWithTheJobIdAsAField() {
    List<LogRecord> records = new ArrayList<>();
    Logger logger = Logger.getLogger("leanprove.test.joblog");
    logger.setUseParentHandlers(false);
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(capture);
    try {
      new JobLog(logger).log(Level.WARNING, "3f2a", "job 3f2a failed", new IllegalStateException("boom"));
    } finally {
      logger.removeHandler(capture);
    }

    String line = new JsonLogFormatter().format(records.get(0));

    assertThat(line).endsWith(System.lineSeparator()).hasLineCount(1);
    JsonObject json = new JsonObject(line.strip());
    assertThat(json.getString("job")).isEqualTo("3f2a");
    assertThat(json.getString("level")).isEqualTo("WARNING");
    assertThat(json.getString("logger")).isEqualTo("leanprove.test.joblog");
    assertThat(json.getString("message")).isEqualTo("job 3f2a failed");
    assertThat(json.getString("error")).contains("IllegalStateException: boom");
    assertThat(json.getString("time")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
  }

  @Test
  void format_ordinaryLine_hasNoJobField() {
    LogRecord record = new LogRecord(Level.INFO, "worker {0} joined");
    record.setParameters(new Object[] {"n1"});
    record.setLoggerName("x");

    JsonObject json = new JsonObject(new JsonLogFormatter().format(record).strip());

    assertThat(json.containsKey("job")).isFalse();
    assertThat(json.getString("message")).isEqualTo("worker n1 joined");
  }

  @Test
  void serve_unknownLogFormat_exitsTwo() {
    CliRun run = CliRun.of(java.util.Map.of(), "serve", "--log-format", "xml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).contains("--log-format must be text or json: xml");
  }
}
