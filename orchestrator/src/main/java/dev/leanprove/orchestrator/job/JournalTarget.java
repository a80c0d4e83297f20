package dev.leanprove.orchestrator.job;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Where a server keeps its job store, as the operator named it: a JSON-lines file or a PostgreSQL database. */
public interface JournalTarget {

  /** Opens the store, creating what is missing (the file, the database's tables). Blocks. */
  JobStore open(JobStore.Rendering rendering) throws IOException;

  /** Names the store for messages and logs, never with a password. */
  String describe();

  static JournalTarget file(Path file) {
    return new JsonLines(file);
  }

  /** The default store: one server's append-only {@link JobJournal}. */
  record JsonLines(Path file) implements JournalTarget {

    public JsonLines {
      Objects.requireNonNull(file, "file");
    }

    @Override
    public JobStore open(JobStore.Rendering rendering) throws IOException {
      return JobJournal.open(file, rendering);
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }
}
