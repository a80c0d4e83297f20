package dev.leanprove.leanbridge.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A started process and every descendant seen so far, torn down together and only once.
 *
 * <p>Descendants are remembered as they are seen because a child whose parent has exited is
 * reparented and no longer shows up among the root's descendants. A process that is started and
 * orphaned between two {@link #track()} calls is not known and cannot be killed here; full
 * containment needs a PID namespace (bubblewrap {@code --unshare-pid --die-with-parent}).
 */
final class ProcessTree {

  private static final long POLL_MILLIS = 20;

  private final ProcessHandle root;
  private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean destroyed = new AtomicBoolean();
  private volatile List<ProcessHandle> doomed = List.of();

  ProcessTree(ProcessHandle root) {
    this.root = root;
  }

  /** The running members now (root first), remembering new descendants for later. */
  List<ProcessHandle> track() {
    List<ProcessHandle> live = running(members());
    seen.addAll(live);
    seen.remove(root);
    seen.removeIf(handle -> !isRunning(handle));
    return live;
  }

  boolean isDestroyed() {
    return destroyed.get();
  }

  /**
   * Sends SIGTERM to every member. The members are listed before the root is touched: once it dies
   * its children are reparented and can no longer be found from it. Parents are signalled before
   * their children (the JDK lists descendants level by level), so no parent outlives a child long
   * enough to start a replacement that nothing knows about.
   *
   * @return false when the tree was already being torn down
   */
  boolean destroy() {
    if (!destroyed.compareAndSet(false, true)) {
      return false;
    }
    List<ProcessHandle> members = members();
    doomed = members;
    members.forEach(ProcessHandle::destroy);
    return true;
  }

  /** Sends SIGKILL to the members still running, and to any children they forked meanwhile. */
  void destroyForcibly() {
    Set<ProcessHandle> survivors = new LinkedHashSet<>();
    for (ProcessHandle handle : doomed) {
      if (isRunning(handle)) {
        survivors.add(handle);
        handle.descendants().forEach(survivors::add);
      }
    }
    Set<ProcessHandle> all = new LinkedHashSet<>(doomed);
    all.addAll(survivors);
    doomed = List.copyOf(all);
    survivors.forEach(ProcessHandle::destroyForcibly);
  }

  /** Waits until no member sent a signal is running any more; false if the bound ran out first. */
  boolean awaitExit(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!running(doomed).isEmpty()) {
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private List<ProcessHandle> members() {
    Set<ProcessHandle> members = new LinkedHashSet<>();
    members.add(root);
    // Only while the root lives: once it is reaped its PID may be reused, and the JDK would list
    // the children of whatever process holds that PID now.
    if (root.isAlive()) {
      root.descendants().forEach(members::add);
    }
    members.addAll(seen);
    return new ArrayList<>(members);
  }

  private static List<ProcessHandle> running(List<ProcessHandle> handles) {
    List<ProcessHandle> live = new ArrayList<>(handles.size());
    for (ProcessHandle handle : handles) {
      if (isRunning(handle)) {
        live.add(handle);
      }
    }
    return live;
  }

  /**
   * Alive and not a zombie. The JDK counts an unreaped zombie as alive, and an orphan stays one
   * forever where PID 1 does not reap (containers without an init), yet it holds no memory or pipes.
   */
  static boolean isRunning(ProcessHandle handle) {
    return handle.isAlive()
        && !ProcStatus.read(handle.pid()).map(ProcStatus::zombie).orElse(false);
  }
}
