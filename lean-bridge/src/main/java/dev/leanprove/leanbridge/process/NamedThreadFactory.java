package dev.leanprove.leanbridge.process;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads named {@code prefix-1}, {@code prefix-2}, … so thread dumps say whose they are. */
final class NamedThreadFactory implements ThreadFactory {

  private final String prefix;
  private final AtomicInteger count = new AtomicInteger();

  NamedThreadFactory(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable body) {
    // Daemon: a forgotten runner must not keep the JVM alive; the shutdown hook kills its processes.
    Thread thread = new Thread(body, prefix + "-" + count.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
