package dev.leanprove.orchestrator.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.leanprove.orchestrator.search.Budget;
import dev.leanprove.orchestrator.search.ProveRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job store on a real PostgreSQL: records as the file journal's, leases that keep servers from running one job twice. */
final class PostgresJobStoreTest {

  static final Budget BUDGET = new Budget(4, 100_000, Duration.ofMinutes(1));

  static final JobStore.Rendering RENDERING = new JobStore.Rendering() {
    @Override
    public JsonObject event(Job job, JobEvent event) {
      return new JsonObject().put("seq", event.seq()).put("job", job.id());
    }

    @Override
    public JsonObject job(JobSnapshot job) {
      return new JsonObject().put("id", job.id()).put("state", "succeeded").put("finishedAt", Instant.now().toString());
    }
  };

  LocalPostgres pg;
  PostgresTarget target;
  final List<PostgresJobStore> opened = new ArrayList<>();

  @BeforeEach
  void setUp() {
    pg = LocalPostgres.get();
    target = pg.newDatabase();
  }

  @AfterEach
  void tearDown() {
    opened.forEach(PostgresJobStore::close);
  }

  private PostgresJobStore open(PostgresTarget t) throws IOException {
    PostgresJobStore store = PostgresJobStore.open(t, RENDERING);
    opened.add(store);
    return store;
  }

  static Job job(String name) {
    String code = "import Mathlib\n\ntheorem " + name + " : 1 = 1 := by\n  sorry\n";
    return new Job(name, "alice", new JobRequest(new ProveRequest(code, Optional.of(name), "", BUDGET), true),
        Instant.now().truncatedTo(ChronoUnit.MICROS), JobLimits.DEFAULT_KEEP_RAW_OUTPUT_BYTES);
  }

  static void finish(JobStore store, Job job) {
    store.event(job, new JobEvent.Recorded(1, "started", new JsonObject(), false));
    store.event(job, new JobEvent.Recorded(2, "result", new JsonObject(), true));
  }

  private static Set<String> unfinished(List<JobStore.Entry> entries) {
    return entries.stream().filter(e -> e.finished().isEmpty()).map(JobStore.Entry::id).collect(Collectors.toSet());
  }

  private void expireLeases() throws Exception {
    try (Connection c = pg.connect(target); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE leanprove_jobs SET lease_until = now() - interval '1 second' WHERE finished IS NULL");
    }
  }

  @Test
  void read_afterCleanClose_hasTheRecordsAsWritten() throws Exception {
    PostgresJobStore first = open(target);
    Job done = job("done");
    Job open = job("open");
    first.submitted(done);
    first.submitted(open);
    finish(first, done);
    first.event(open, new JobEvent.Recorded(1, "queued", new JsonObject().put("position", 1), false));
    first.close();

    List<JobStore.Entry> entries = open(target).read(JobLimits.DEFAULT);

    assertThat(entries).extracting(JobStore.Entry::id).containsExactly("done", "open");
    JobStore.Entry finished = entries.get(0);
    assertThat(finished.owner()).isEqualTo("alice");
    assertThat(finished.request().toStored()).isEqualTo(done.request().toStored());
    assertThat(finished.createdAt()).isEqualTo(done.snapshot().createdAt());
    assertThat(finished.finished()).hasValueSatisfying(j -> assertThat(j.getString("state")).isEqualTo("succeeded"));
    assertThat(finished.events()).extracting(JobEvent::seq, JobEvent::name, JobEvent::terminal)
        .containsExactly(tuple(1L, "started", false), tuple(2L, "result", true));
    assertThat(entries.get(1).finished()).isEmpty();
    assertThat(((JobEvent.Recorded) entries.get(1).events().get(0)).data()).isEqualTo(
        new JsonObject().put("seq", 1L).put("job", "open"));
  }

  @Test
  void read_twoServersStartTogether_eachUnfinishedJobClaimedByExactlyOne() throws Exception {
    PostgresJobStore stopped = open(target);
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      Job job = job("j" + i);
      stopped.submitted(job);
      if (i % 4 == 0) {
        finish(stopped, job);
      } else {
        all.add(job.id());
      }
    }
    stopped.close();
    PostgresJobStore b = open(target);
    PostgresJobStore c = open(target);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService starts = Executors.newFixedThreadPool(2);
    try {
      Callable<List<JobStore.Entry>> readB = () -> {
        go.await();
        return b.read(JobLimits.DEFAULT);
      };
      Callable<List<JobStore.Entry>> readC = () -> {
        go.await();
        return c.read(JobLimits.DEFAULT);
      };
      Future<List<JobStore.Entry>> fromB = starts.submit(readB);
      Future<List<JobStore.Entry>> fromC = starts.submit(readC);
      go.countDown();
      Set<String> claimedB = unfinished(fromB.get());
      Set<String> claimedC = unfinished(fromC.get());

      Set<String> both = new HashSet<>(claimedB);
      both.retainAll(claimedC);
      assertThat(both).isEmpty();
      Set<String> union = new HashSet<>(claimedB);
      union.addAll(claimedC);
      assertThat(union).isEqualTo(all);
      assertThat(fromB.get().stream().filter(e -> e.finished().isPresent())).hasSize(10);
    } finally {
      starts.shutdownNow();
    }
  }

  @Test
  void read_ownerCrashed_jobsWaitUntilItsLeaseRunsOut() throws Exception {
    PostgresJobStore crashed = open(target);
    crashed.submitted(job("a"));
    crashed.submitted(job("b"));
    crashed.abandon();

    assertThat(unfinished(open(target).read(JobLimits.DEFAULT))).isEmpty();
    expireLeases();
    assertThat(unfinished(open(target).read(JobLimits.DEFAULT))).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void adoptAbandoned_ownerStoppedRenewing_liveServerTakesAsManyAsItHasRoomFor() throws Exception {
    PostgresJobStore crashed = open(target);
    crashed.submitted(job("older"));
    Thread.sleep(5);
    crashed.submitted(job("newer"));
    crashed.abandon();
    PostgresJobStore live = open(target.withLease(Duration.ofMillis(300)));
    AtomicInteger room = new AtomicInteger(1);
    List<String> adopted = new CopyOnWriteArrayList<>();
    live.adoptAbandoned(room::get, entries -> entries.forEach(e -> {
      adopted.add(e.id());
      room.decrementAndGet();
    }));

    expireLeases();
    awaitSize(adopted, 1);
    assertThat(adopted).containsExactly("older");
    room.set(5);
    awaitSize(adopted, 2);

    assertThat(adopted).containsExactly("older", "newer");
    Thread.sleep(500);
    assertThat(adopted).hasSize(2);
    assertThat(unfinished(open(target).read(JobLimits.DEFAULT))).isEmpty();
  }

  private static void awaitSize(List<String> list, int size) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (list.size() < size && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(list).hasSizeGreaterThanOrEqualTo(size);
  }

  @Test
  void renewal_liveServer_keepsPushingItsLeaseForward() throws Exception {
    PostgresJobStore live = open(target.withLease(Duration.ofMillis(900)));
    live.submitted(job("running"));
    Instant first = leaseOf("running");

    long deadline = System.nanoTime() + 20_000_000_000L;
    Instant later = first;
    while (!later.isAfter(first) && System.nanoTime() < deadline) {
      Thread.sleep(100);
      later = leaseOf("running");
    }

    assertThat(later).isAfter(first);
  }

  private Instant leaseOf(String id) throws Exception {
    long deadline = System.nanoTime() + 20_000_000_000L;
    try (Connection c = pg.connect(target);
        PreparedStatement st = c.prepareStatement("SELECT lease_until FROM leanprove_jobs WHERE id = ?")) {
      st.setString(1, id);
      while (true) {
        try (ResultSet rs = st.executeQuery()) {
          if (rs.next()) {
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
          }
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("job " + id + " never reached the database");
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void findFinished_jobFinishedByAnotherServer_isFoundWithItsEvents() throws Exception {
    PostgresJobStore a = open(target);
    PostgresJobStore b = open(target);
    Job done = job("done");
    a.submitted(done);
    a.submitted(job("still_running"));
    finish(a, done);
    a.close();

    Optional<JobStore.Entry> found = b.findFinished("done").get();

    assertThat(found).hasValueSatisfying(e -> {
      assertThat(e.finished()).isPresent();
      assertThat(e.events()).extracting(JobEvent::name).containsExactly("started", "result");
    });
    assertThat(b.findFinished("still_running").get()).isEmpty();
    assertThat(b.findFinished("no_such_job").get()).isEmpty();
  }

  @Test
  void compact_finishedBeyondTheLimit_areDeletedWithTheirEvents() throws Exception {
    PostgresJobStore store = open(target);
    for (int i = 0; i < 5; i++) {
      Job job = job("f" + i);
      store.submitted(job);
      finish(store, job);
    }
    store.submitted(job("unfinished"));

    store.compact(Set.of(), JobLimits.DEFAULT.withKeepFinished(2));
    store.close();

    try (Connection c = pg.connect(target); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE finished IS NOT NULL), count(*) FROM leanprove_jobs")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getInt(2)).isEqualTo(3);
      }
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM leanprove_job_events")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(4);
      }
    }
  }

  @Test
  void open_databaseAtANewerSchema_isRefusedNamingTheVersion() throws Exception {
    open(target).close();
    try (Connection c = pg.connect(target); Statement st = c.createStatement()) {
      st.executeUpdate("INSERT INTO leanprove_schema (version) VALUES (" + (PostgresJobStore.SCHEMA_VERSION + 1) + ")");
    }

    assertThatThrownBy(() -> open(target)).isInstanceOf(IOException.class)
        .hasMessageContaining("schema version " + (PostgresJobStore.SCHEMA_VERSION + 1));
  }

  @Test
  void open_wrongPassword_failsNamingTheAuthentication() {
    PostgresTarget wrong = PostgresTarget.parse(pg.url("postgres"), Optional.of(LocalPostgres.USER), Optional.of("not-it"));

    assertThatThrownBy(() -> open(wrong)).isInstanceOf(IOException.class)
        .hasMessageContaining("password authentication failed").hasMessageNotContaining("not-it");
  }

  @Test
  void open_nothingListening_failsNamingHostAndPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresTarget nowhere = PostgresTarget.parse("postgresql://127.0.0.1:" + port + "/jobs", Optional.empty(), Optional.empty());

    assertThatThrownBy(() -> open(nowhere)).isInstanceOf(IOException.class)
        .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("refused");
  }
}
