package dev.leanprove.orchestrator.batch;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code attempts.jsonl}: one JSON record per line, appended and flushed as things happen. Each
 * line goes to the file in one write, so a run killed with SIGKILL leaves at most a partial last
 * line, which {@link #open} cuts off before anything is appended after it.
 */
final class BatchLog implements AutoCloseable {

  static final String FILE_NAME = "attempts.jsonl";

  private final Path file;
  private final OutputStream out;

  private BatchLog(Path file, OutputStream out) {
    this.file = file;
    this.out = out;
  }

  /**
   * Opens the log in {@code outDir} for appending.
   *
   * @throws BatchInputException when the folder already holds a run and {@code resume} is false
   */
  static BatchLog open(Path outDir, boolean resume) {
    Path file = outDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(outDir);
      if (Files.exists(file) && Files.size(file) > 0) {
        if (!resume) {
          throw new BatchInputException(outDir + " already holds a batch run (" + FILE_NAME
              + "); add --resume to continue it, or choose another --out");
        }
        cutPartialLastLine(file);
      }
      return new BatchLog(file, Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
    } catch (IOException e) {
      throw new BatchInputException("cannot write to " + outDir + ": " + e.getMessage());
    }
  }

  Path file() {
    return file;
  }

  /** Everything the log holds now. */
  RecordedRun read() {
    return read(file);
  }

  static RecordedRun read(Path file) {
    RecordedRun run = new RecordedRun();
    if (!Files.exists(file)) {
      return run;
    }
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        try {
          run.add(decode(new JsonObject(line)));
        } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
          run.skip(FILE_NAME + ":" + number + ": not a batch record (" + e.getMessage() + ")");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return run;
  }

  /** Appends one record and flushes it to the operating system before returning. */
  synchronized void append(BatchRecord record) {
    byte[] line = (record.toJson().encode() + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      out.write(line);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to " + file, e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + file, e);
    }
  }

  static BatchRecord decode(JsonObject o) {
    String type = o.getString("type", "");
    switch (type) {
      case RunRecord.TYPE:
        return RunRecord.fromJson(o);
      case AttemptRecord.TYPE:
        return AttemptRecord.fromJson(o).withoutTexts();
      case DiscardRecord.TYPE:
        return DiscardRecord.fromJson(o);
      case ProofRecord.TYPE:
        return ProofRecord.fromJson(o);
      case ProblemRecord.TYPE:
        return ProblemRecord.fromJson(o);
      default:
        throw new IllegalArgumentException("unknown type \"" + type + "\"");
    }
  }

  /** A line without its newline was being written when the process died; it carries nothing usable. */
  private static void cutPartialLastLine(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long end = f.length();
      byte[] block = new byte[8192];
      long blockEnd = end;
      while (blockEnd > 0) {
        int size = (int) Math.min(block.length, blockEnd);
        f.seek(blockEnd - size);
        f.readFully(block, 0, size);
        for (int i = size - 1; i >= 0; i--) {
          if (block[i] == '\n') {
            long keep = blockEnd - size + i + 1;
            if (keep < end) {
              f.setLength(keep);
            }
            return;
          }
        }
        blockEnd -= size;
      }
      f.setLength(0);
    }
  }
}
