package dev.leanprove.orchestrator.api;

import dev.leanprove.leanbridge.source.LeanSource;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parses posted files off the event loop, once per request: a megabyte of Lean takes tens to
 * hundreds of milliseconds to parse, which would stall every other connection. Counts its work so
 * tests can hold the API to "once, never on the loop".
 */
final class SourceParser {

  private final AtomicLong parsed = new AtomicLong();
  private final AtomicLong onEventLoop = new AtomicLong();

  /** Parses {@code code} on a worker thread (unordered, so requests do not wait for each other) and hands the result back. */
  Future<LeanSource> parse(Vertx vertx, String code) {
    return vertx.executeBlocking(() -> parseHere(code), false);
  }

  /** Parses on the calling thread, which must not be an event loop. */
  LeanSource parseHere(String code) {
    parsed.incrementAndGet();
    if (Context.isOnEventLoopThread()) {
      onEventLoop.incrementAndGet();
    }
    return LeanSource.parse(code);
  }

  long parsedCount() {
    return parsed.get();
  }

  long parsedOnEventLoop() {
    return onEventLoop.get();
  }
}
