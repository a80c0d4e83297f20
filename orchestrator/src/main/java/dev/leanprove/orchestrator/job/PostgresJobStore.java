package dev.leanprove.orchestrator.job;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Jobs in a PostgreSQL database that several servers may share. The records are the file
 * journal's: a row per submitted job (its request as JSON), a row per event (the event as the API
 * sent it) and, once the job ended, the job as {@code GET /jobs/{id}} showed it.
 *
 * <p>Each open store is a <em>node</em> with a random id. A node holds a lease on the unfinished
 * jobs it runs and renews it every third of {@link PostgresTarget#lease()}; a node that stops
 * cleanly gives its leases up. A starting node claims, in one {@code UPDATE}, exactly the
 * unfinished jobs whose lease ran out, and a running node adopts such jobs as it has room for
 * when it renews its own; so two nodes never run the same job (unless one is cut off from the
 * database for longer than a lease). Any node finds any finished job.
 *
 * <p>All database work runs on one thread ({@code job-journal-pg}) over one connection, in the
 * order it was asked for; writes that fail are logged and the connection is opened again.
 */
final class PostgresJobStore implements JobStore {

  /** The tables' layout; a database at a newer version is refused rather than misread. */
  static final int SCHEMA_VERSION = 1;

  // Serialises schema creation: concurrent CREATE TABLE IF NOT EXISTS can fail on PostgreSQL's catalog.
  private static final long SCHEMA_LOCK = 0x6c65616e70726f76L;

  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  // A database that stops answering must not hold the writer (and shutdown) for ever.
  private static final int SOCKET_TIMEOUT_SECONDS = 60;

  private static final Logger LOG = Logger.getLogger(PostgresJobStore.class.getName());

  private static final String[] SCHEMA = {
      "CREATE TABLE IF NOT EXISTS leanprove_jobs ("
          + " id text PRIMARY KEY,"
          + " owner text NOT NULL,"
          + " created_at timestamptz NOT NULL,"
          + " request jsonb NOT NULL,"
          + " node text,"
          + " lease_until timestamptz NOT NULL,"
          + " finished jsonb,"
          + " finished_at timestamptz)",
      "CREATE TABLE IF NOT EXISTS leanprove_job_events ("
          + " job_id text NOT NULL REFERENCES leanprove_jobs (id) ON DELETE CASCADE,"
          + " seq bigint NOT NULL,"
          + " name text NOT NULL,"
          + " terminal boolean NOT NULL,"
          + " data jsonb NOT NULL,"
          + " PRIMARY KEY (job_id, seq))",
      "CREATE INDEX IF NOT EXISTS leanprove_jobs_unfinished ON leanprove_jobs (lease_until) WHERE finished IS NULL",
      "CREATE INDEX IF NOT EXISTS leanprove_jobs_finished ON leanprove_jobs (finished_at) WHERE finished IS NOT NULL",
  };

  private static final String COLUMNS = "id, owner, created_at, request, finished";

  private final PostgresTarget target;
  private final Rendering rendering;
  private final String node;
  private final ScheduledThreadPoolExecutor worker;
  private Connection connection;
  private volatile boolean closed;
  private volatile IntSupplier room = () -> 0;
  private volatile Consumer<List<Entry>> adopter = entries -> {};

  private PostgresJobStore(PostgresTarget target, Rendering rendering) {
    this.target = target;
    this.rendering = rendering;
    this.node = hostName() + "/" + UUID.randomUUID();
    this.worker = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "job-journal-pg");
      t.setDaemon(true);
      return t;
    });
  }

  /** Connects and creates the tables when they are missing. Blocks. */
  static PostgresJobStore open(PostgresTarget target, Rendering rendering) throws IOException {
    PostgresJobStore store = new PostgresJobStore(target, rendering);
    try {
      store.call(() -> {
        store.createSchema(store.connection());
        return null;
      });
    } catch (IOException e) {
      store.worker.execute(store::disconnect);
      store.worker.shutdown();
      throw e;
    }
    long renew = Math.max(1, target.lease().toMillis() / 3);
    store.worker.scheduleWithFixedDelay(store::renewLeases, renew, renew, TimeUnit.MILLISECONDS);
    return store;
  }

  /** This store's id among the servers sharing the database (host name and a random part). */
  String node() {
    return node;
  }

  @Override
  public String describe() {
    return target.describe();
  }

  /**
   * Claims every unfinished job whose lease ran out (this server's from before a restart, or a
   * stopped server's), and returns those with the finished jobs {@code limits} keep.
   */
  @Override
  public List<Entry> read(JobLimits limits) throws IOException {
    return call(() -> {
      Connection c = connection();
      try (PreparedStatement claim = c.prepareStatement("UPDATE leanprove_jobs SET node = ?,"
          + " lease_until = now() + ? * interval '1 millisecond' WHERE finished IS NULL AND lease_until < now()")) {
        claim.setString(1, node);
        claim.setLong(2, target.lease().toMillis());
        claim.executeUpdate();
      }
      try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM leanprove_jobs"
          + " WHERE (node = ? AND finished IS NULL) OR id IN (SELECT id FROM leanprove_jobs WHERE finished IS NOT NULL"
          + " AND finished_at >= now() - ? * interval '1 millisecond' ORDER BY finished_at DESC, id LIMIT ?)"
          + " ORDER BY created_at, id")) {
        select.setString(1, node);
        select.setLong(2, limits.keepFor().toMillis());
        select.setInt(3, limits.keepFinished());
        return entries(c, select);
      }
    });
  }

  @Override
  public CompletableFuture<Optional<Entry>> findFinished(String id) {
    if (closed) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    try {
      return CompletableFuture.supplyAsync(() -> {
        try (PreparedStatement select = connection().prepareStatement("SELECT " + COLUMNS + " FROM leanprove_jobs"
            + " WHERE id = ? AND finished IS NOT NULL")) {
          select.setString(1, id);
          return entries(connection(), select).stream().findFirst();
        } catch (SQLException e) {
          disconnect();
          throw new CompletionException(new IOException("cannot read the job journal " + describe() + ": " + e.getMessage(), e));
        }
      }, worker);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
  }

  @Override
  public void adoptAbandoned(IntSupplier room, Consumer<List<Entry>> adopt) {
    this.adopter = adopt;
    this.room = room;
  }

  /** Finished jobs beyond {@code limits} go, whichever server ran them; {@code keep} is one server's view and not used. */
  @Override
  public void compact(Set<String> keep, JobLimits limits) {
    write("the pruning of old jobs", c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM leanprove_jobs WHERE finished IS NOT NULL"
          + " AND (finished_at < now() - ? * interval '1 millisecond' OR id NOT IN (SELECT id FROM leanprove_jobs"
          + " WHERE finished IS NOT NULL ORDER BY finished_at DESC, id LIMIT ?))")) {
        delete.setLong(1, limits.keepFor().toMillis());
        delete.setInt(2, limits.keepFinished());
        delete.executeUpdate();
      }
    });
  }

  @Override
  public void submitted(Job job) {
    String request = job.request().toStored().encode();
    Instant createdAt = job.snapshot().createdAt();
    write("job " + job.id(), c -> {
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO leanprove_jobs (id, owner, created_at, request, node,"
          + " lease_until) VALUES (?, ?, ?, CAST(? AS jsonb), ?, now() + ? * interval '1 millisecond') ON CONFLICT (id) DO NOTHING")) {
        insert.setString(1, job.id());
        insert.setString(2, job.owner());
        insert.setObject(3, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
        insert.setString(4, request);
        insert.setString(5, node);
        insert.setLong(6, target.lease().toMillis());
        insert.executeUpdate();
      }
    });
  }

  @Override
  public void event(Job job, JobEvent event) {
    if (closed) {
      return;
    }
    String data = rendering.event(job, event).encode();
    String finished = event.terminal() ? rendering.job(job.snapshot()).encode() : null;
    write("event " + event.seq() + " of job " + job.id(), c -> {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO leanprove_job_events (job_id, seq, name, terminal, data)"
            + " VALUES (?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (job_id, seq) DO NOTHING")) {
          insert.setString(1, job.id());
          insert.setLong(2, event.seq());
          insert.setString(3, event.name());
          insert.setBoolean(4, event.terminal());
          insert.setString(5, data);
          insert.executeUpdate();
        }
        if (finished != null) {
          try (PreparedStatement update = c.prepareStatement(
              "UPDATE leanprove_jobs SET finished = CAST(? AS jsonb), finished_at = now() WHERE id = ?")) {
            update.setString(1, finished);
            update.setString(2, job.id());
            update.executeUpdate();
          }
        }
        c.commit();
      } finally {
        if (!c.isClosed()) {
          c.rollback();
          c.setAutoCommit(true);
        }
      }
    });
  }

  @Override
  public void stopRecording() {
    closed = true;
  }

  /** Gives this server's unfinished jobs up, so the next server to start (this one again, say) runs them at once. */
  @Override
  public void close() {
    closed = true;
    shutDown(() -> run("giving up leases", c -> {
      try (PreparedStatement release = c.prepareStatement(
          "UPDATE leanprove_jobs SET lease_until = '-infinity' WHERE node = ? AND finished IS NULL")) {
        release.setString(1, node);
        release.executeUpdate();
      }
    }));
  }

  /** Stops as a server that died would: its leases stay until they run out. For tests of a crash. */
  void abandon() {
    closed = true;
    shutDown(() -> {});
  }

  private void shutDown(Runnable last) {
    try {
      worker.execute(() -> {
        last.run();
        disconnect();
      });
    } catch (RejectedExecutionException e) {
      return;
    }
    worker.shutdown();
    try {
      if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warning("the job journal " + describe() + " took more than 10 s to close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void renewLeases() {
    run("renewing leases", c -> {
      try (PreparedStatement renew = c.prepareStatement("UPDATE leanprove_jobs SET lease_until = now() + ? * interval '1 millisecond'"
          + " WHERE node = ? AND finished IS NULL")) {
        renew.setLong(1, target.lease().toMillis());
        renew.setString(2, node);
        renew.executeUpdate();
      }
    });
    int free = room.getAsInt();
    if (closed || free <= 0) {
      return;
    }
    List<Entry> adopted = new ArrayList<>();
    run("taking over abandoned jobs", c -> adopted.addAll(claimAbandoned(c, free)));
    if (!adopted.isEmpty()) {
      adopter.accept(adopted);
    }
  }

  // SKIP LOCKED: servers adopting at the same moment each take other rows, and a row another just took is
  // re-checked against its new lease before it is locked, so no job is taken twice.
  private List<Entry> claimAbandoned(Connection c, int limit) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement claim = c.prepareStatement("UPDATE leanprove_jobs SET node = ?,"
        + " lease_until = now() + ? * interval '1 millisecond' WHERE id IN (SELECT id FROM leanprove_jobs"
        + " WHERE finished IS NULL AND lease_until < now() ORDER BY created_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id")) {
      claim.setString(1, node);
      claim.setLong(2, target.lease().toMillis());
      claim.setInt(3, limit);
      try (ResultSet rs = claim.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    Array array = c.createArrayOf("text", ids.toArray());
    try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM leanprove_jobs WHERE id = ANY (?)"
        + " ORDER BY created_at, id")) {
      select.setArray(1, array);
      return entries(c, select);
    } finally {
      array.free();
    }
  }

  private void createSchema(Connection c) throws SQLException {
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
      st.execute("CREATE TABLE IF NOT EXISTS leanprove_schema (version integer NOT NULL)");
      int version;
      try (ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) FROM leanprove_schema")) {
        rs.next();
        version = rs.getInt(1);
      }
      if (version > SCHEMA_VERSION) {
        throw new SQLException("its leanprove tables are at schema version " + version + ", newer than this leanprove's ("
            + SCHEMA_VERSION + "): upgrade leanprove or use another database");
      }
      for (String statement : SCHEMA) {
        st.execute(statement);
      }
      if (version < SCHEMA_VERSION) {
        st.executeUpdate("INSERT INTO leanprove_schema (version) VALUES (" + SCHEMA_VERSION + ")");
      }
      c.commit();
    } finally {
      if (!c.isClosed()) {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
  }

  private List<Entry> entries(Connection c, PreparedStatement select) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant(),
            new JsonObject(rs.getString(4)), Optional.ofNullable(rs.getString(5)).map(JsonObject::new)));
      }
    }
    Map<String, List<JobEvent>> events = new HashMap<>();
    if (!rows.isEmpty()) {
      Array ids = c.createArrayOf("text", rows.stream().map(Row::id).toArray());
      try (PreparedStatement query = c.prepareStatement("SELECT job_id, seq, name, terminal, data FROM leanprove_job_events"
          + " WHERE job_id = ANY (?) ORDER BY job_id, seq")) {
        query.setArray(1, ids);
        try (ResultSet rs = query.executeQuery()) {
          while (rs.next()) {
            events.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new JobEvent.Recorded(rs.getLong(2),
                rs.getString(3), new JsonObject(rs.getString(5)), rs.getBoolean(4)));
          }
        }
      } finally {
        ids.free();
      }
    }
    List<Entry> entries = new ArrayList<>();
    for (Row row : rows) {
      entries.add(new Entry(row.id(), row.owner(), row.createdAt(), JobRequest.fromStored(row.request()),
          List.copyOf(events.getOrDefault(row.id(), List.of())), row.finished()));
    }
    return entries;
  }

  private record Row(String id, String owner, Instant createdAt, JsonObject request, Optional<JsonObject> finished) {}

  /** Database work on a connection; the statements it runs are its own. */
  private interface Work {
    void run(Connection c) throws SQLException;
  }

  private void write(String what, Work work) {
    if (closed) {
      return;
    }
    try {
      worker.execute(() -> run(what, work));
    } catch (RejectedExecutionException e) {
      // Closed meanwhile: like the file journal, nothing is recorded after close.
    }
  }

  private void run(String what, Work work) {
    try {
      work.run(connection());
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "cannot record " + what + " in the job journal " + describe()
          + " (it will not survive a restart): " + e.getMessage(), e);
      disconnect();
    }
  }

  private <T> T call(Callable<T> work) throws IOException {
    try {
      return worker.submit(work).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof SQLException) {
        disconnectLater();
        throw new IOException(cause.getMessage(), cause);
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IOException(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading the job journal " + describe());
    } catch (RejectedExecutionException e) {
      throw new IOException("the job journal " + describe() + " is closed", e);
    }
  }

  private void disconnectLater() {
    try {
      worker.execute(this::disconnect);
    } catch (RejectedExecutionException e) {
      // Shut down: the last task closed the connection.
    }
  }

  // On the worker thread only, as is every use of the connection.
  private Connection connection() throws SQLException {
    if (connection == null) {
      Properties properties = new Properties();
      target.user().ifPresent(u -> properties.setProperty("user", u));
      target.password().ifPresent(p -> properties.setProperty("password", p));
      properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
      properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
      properties.setProperty("tcpKeepAlive", "true");
      properties.setProperty("ApplicationName", "leanprove");
      Connection c = new org.postgresql.Driver().connect(target.jdbcUrl(), properties);
      if (c == null) {
        throw new SQLException("the PostgreSQL driver does not take the URL " + describe());
      }
      connection = c;
    }
    return connection;
  }

  private void disconnect() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.FINE, "closing the connection to " + describe(), e);
    }
    connection = null;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
