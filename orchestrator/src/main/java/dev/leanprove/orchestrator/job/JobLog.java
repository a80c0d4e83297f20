package dev.leanprove.orchestrator.job;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Log lines about one job: each record carries the job id as a {@link JobId} parameter, so the
 * JSON log format puts it in a field of its own on every line about that job.
 */
public final class JobLog {

  /** The job a log record is about (a record parameter; plain formatters ignore it). */
  public record JobId(String id) {}

  private final Logger logger;

  public JobLog(Logger logger) {
    this.logger = logger;
  }

  /** Logs {@code message} about job {@code jobId} (the message may name it too, for plain logs). */
  public void log(Level level, String jobId, String message, Throwable error) {
    if (!logger.isLoggable(level)) {
      return;
    }
    LogRecord record = new LogRecord(level, message);
    record.setLoggerName(logger.getName());
    record.setParameters(new Object[] {new JobId(jobId)});
    record.setThrown(error);
    logger.log(record);
  }

  public void info(String jobId, String message) {
    log(Level.INFO, jobId, message, null);
  }
}
