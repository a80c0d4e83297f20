package dev.leanprove.leanbridge.process;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The runs whose processes may be alive, so that closing the runner or the JVM shutting down
 * kills them all (commons-exec's ShutdownHookProcessDestroyer, for whole trees).
 */
final class LiveRunRegistry {

  private final Set<LiveRun> runs = ConcurrentHashMap.newKeySet();
  private final Duration killGrace;

  LiveRunRegistry(Duration killGrace) {
    this.killGrace = killGrace;
  }

  void add(LiveRun run) {
    runs.add(run);
  }

  void remove(LiveRun run) {
    runs.remove(run);
  }

  int size() {
    return runs.size();
  }

  /**
   * Cancels every live run and waits until their trees are dead: SIGTERM, the grace period, then
   * SIGKILL. Synchronous, because a shutdown hook that returns early lets the JVM halt before the
   * SIGKILLs are sent.
   */
  void killAll() {
    List<LiveRun> victims = List.copyOf(runs);
    victims.forEach(run -> run.terminate(Termination.CANCELLED));
    long graceEnd = System.nanoTime() + killGrace.toNanos();
    for (LiveRun run : victims) {
      run.awaitTreeExit(Duration.ofNanos(Math.max(0, graceEnd - System.nanoTime())));
    }
    victims.forEach(LiveRun::forceKill);
    long settleEnd = System.nanoTime() + LiveRun.SETTLE_SLACK.toNanos();
    for (LiveRun run : victims) {
      run.awaitTreeExit(Duration.ofNanos(Math.max(0, settleEnd - System.nanoTime())));
    }
  }
}
