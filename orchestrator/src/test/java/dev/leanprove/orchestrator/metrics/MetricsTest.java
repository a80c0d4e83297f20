package dev.leanprove.orchestrator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class MetricsTest {

  /** Micrometer's logger for meters registered twice: it warns once per JVM, then logs at debug level. */
  private static final Logger REGISTRY_LOG = Logger.getLogger("io.micrometer.core.instrument.MeterRegistry");

  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (isLoggable(r)) {
        logged.add(r.getLevel() + " " + r.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private Level levelBefore;

  @BeforeEach
  void captureRegistryLog() {
    // Debug level too: whichever test came first in this JVM took Micrometer's one warning.
    levelBefore = REGISTRY_LOG.getLevel();
    REGISTRY_LOG.setLevel(Level.ALL);
    REGISTRY_LOG.addHandler(capture);
  }

  @AfterEach
  void restoreRegistryLog() {
    REGISTRY_LOG.removeHandler(capture);
    REGISTRY_LOG.setLevel(levelBefore);
  }

  @Test
  void vertxMetrics_severalConnections_noDoubleRegistrationLoggedAndEveryConnectionCounted() {
    Metrics metrics = new Metrics("local");
    Vertx vertx = metrics.vertxBuilder(new VertxOptions()).build();
    try {
      int port = vertx.createHttpServer().requestHandler(r -> r.response().end("ok")).listen(0, "127.0.0.1").await().actualPort();
      // Two clients of one connection each: the server's active-connections gauge is registered per connection.
      List<HttpClient> clients = List.of(client(vertx), client(vertx));
      for (HttpClient client : clients) {
        for (int i = 0; i < 2; i++) {
          client.request(HttpMethod.GET, port, "127.0.0.1", "/").compose(q -> q.send()).compose(r -> r.body()).await();
        }
      }

      assertThat(metrics.scrape()).contains("vertx_http_server_active_connections{node=\"local\"} 2.0");
      assertThat(logged).noneMatch(line -> line.contains("already registered"));
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void gauge_sameNameAndTagsAgain_readsTheNewSourceWithoutWarning() {
    Metrics metrics = new Metrics("local");
    metrics.gauge("leanprove_thing", "A thing", new AtomicInteger(3), AtomicInteger::get, "kind", "a");
    metrics.gauge("leanprove_thing", "A thing", new AtomicInteger(5), AtomicInteger::get, "kind", "b");

    metrics.gauge("leanprove_thing", "A thing", new AtomicInteger(7), AtomicInteger::get, "kind", "a");

    assertThat(metrics.scrape())
        .contains("leanprove_thing{kind=\"a\",node=\"local\"} 7.0")
        .contains("leanprove_thing{kind=\"b\",node=\"local\"} 5.0");
    assertThat(logged).noneMatch(line -> line.contains("already registered"));
  }

  @Test
  void registryLog_doubleRegistrationOfAnotherMeter_isStillLogged() {
    LogRecord ours = new LogRecord(Level.WARNING,
        "This Gauge has been already registered (MeterId{name='leanprove_jobs', tags=[]}), the registration will be ignored.");
    LogRecord vertx = new LogRecord(Level.WARNING,
        "This Gauge has been already registered (MeterId{name='vertx.http.server.active.connections', tags=[]}), the registration will be ignored.");

    assertThat(Metrics.notVertxReRegistration(ours)).isTrue();
    assertThat(Metrics.notVertxReRegistration(vertx)).isFalse();
  }

  private static HttpClient client(Vertx vertx) {
    return vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(1));
  }
}
