package dev.leanprove.orchestrator.job;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An append-only JSON-lines file of every job's submission and events, so a restarted server
 * still has finished results and runs again what had not finished. One line per record:
 * {@code submitted} (the request), {@code event} (seq, name and the event's data as the API sends
 * it) and {@code finished} (the job as {@code GET /jobs/{id}} showed it). Lines are written in
 * order by one thread and flushed one by one; a line torn by a crash is skipped on reading.
 */
public final class JobJournal implements JobStore {

  private static final Logger LOG = Logger.getLogger(JobJournal.class.getName());

  private final Path file;
  private final Rendering rendering;
  private final ExecutorService writer;
  private BufferedWriter out;
  private volatile boolean closed;

  private JobJournal(Path file, Rendering rendering) {
    this.file = file;
    this.rendering = rendering;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "job-journal");
      t.setDaemon(true);
      return t;
    });
  }

  /** Opens (or creates) the journal at {@code file}. */
  public static JobJournal open(Path file, JobStore.Rendering rendering) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JobJournal journal = new JobJournal(file, rendering);
    journal.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return journal;
  }

  public Path file() {
    return file;
  }

  @Override
  public String describe() {
    return file.toString();
  }

  /** Every job in the file, in submission order; the registry drops what its limits do not keep. */
  @Override
  public List<Entry> read(JobLimits limits) throws IOException {
    Map<String, Builder> jobs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      JsonObject record;
      try {
        record = new JsonObject(line);
      } catch (DecodeException | ClassCastException e) {
        continue;
      }
      String id = record.getString("id");
      if (id == null) {
        continue;
      }
      switch (record.getString("type", "")) {
        case "submitted":
          jobs.put(id, new Builder(record));
          break;
        case "event":
          if (jobs.containsKey(id)) {
            jobs.get(id).events.add(new JobEvent.Recorded(record.getLong("seq"), record.getString("name"),
                record.getJsonObject("data"), record.getBoolean("terminal", false)));
          }
          break;
        case "finished":
          if (jobs.containsKey(id)) {
            jobs.get(id).finished = record.getJsonObject("job");
          }
          break;
        default:
          break;
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (Builder b : jobs.values()) {
      entries.add(b.build());
    }
    return entries;
  }

  /** No other server writes this file: every job is already in this server's memory. */
  @Override
  public CompletableFuture<Optional<Entry>> findFinished(String id) {
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /** No other server writes this file, so none leaves jobs behind in it. */
  @Override
  public void adoptAbandoned(IntSupplier room, Consumer<List<Entry>> adopt) {
    // Nothing to watch.
  }

  /** Rewrites the file with only the records of {@code keep} (the registry applied the limits already). */
  @Override
  public void compact(Set<String> keep, JobLimits limits) throws IOException {
    writer.submit(() -> {
      try {
        out.close();
        Path next = file.resolveSibling(file.getFileName() + ".next");
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          try {
            if (keep.contains(new JsonObject(line).getString("id"))) {
              kept.add(line);
            }
          } catch (DecodeException | ClassCastException e) {
            // A torn line is dropped with the rest of what is not kept.
          }
        }
        Files.write(next, kept, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }

  @Override
  public void submitted(Job job) {
    append(new JsonObject().put("type", "submitted").put("id", job.id()).put("owner", job.owner())
        .put("createdAt", job.snapshot().createdAt().toString()).put("request", job.request().toStored()));
  }

  @Override
  public void event(Job job, JobEvent event) {
    if (closed) {
      return;
    }
    append(new JsonObject().put("type", "event").put("id", job.id()).put("seq", event.seq()).put("name", event.name())
        .put("terminal", event.terminal()).put("data", rendering.event(job, event)));
    if (event.terminal()) {
      append(new JsonObject().put("type", "finished").put("id", job.id()).put("job", rendering.job(job.snapshot())));
    }
  }

  private void append(JsonObject record) {
    if (closed) {
      return;
    }
    String line = record.encode();
    writer.execute(() -> {
      try {
        out.write(line);
        out.write('\n');
        out.flush();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot write the job journal " + file + "; jobs from now on will not survive a restart", e);
      }
    });
  }

  @Override
  public void stopRecording() {
    closed = true;
  }

  /** Waits up to 10 s until what was recorded is on disk. */
  @Override
  public void close() {
    closed = true;
    writer.execute(() -> {
      try {
        out.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "cannot close the job journal " + file, e);
      }
    });
    writer.shutdown();
    try {
      if (!writer.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warning("the job journal " + file + " took more than 10 s to flush");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Builder {
    final JsonObject submitted;
    final List<JobEvent> events = new ArrayList<>();
    JsonObject finished;

    Builder(JsonObject submitted) {
      this.submitted = submitted;
    }

    Entry build() {
      JobRequest request = JobRequest.fromStored(submitted.getJsonObject("request"));
      // A crash can tear off the finished record: such a job counts as unfinished and runs again.
      Optional<JsonObject> done = Optional.ofNullable(finished);
      return new Entry(submitted.getString("id"), submitted.getString("owner", ""), Instant.parse(submitted.getString("createdAt")),
          request, List.copyOf(events), done);
    }
  }
}
