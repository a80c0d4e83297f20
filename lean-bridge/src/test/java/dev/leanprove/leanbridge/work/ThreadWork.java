package dev.leanprove.leanbridge.work;

import java.lang.management.ManagementFactory;
import java.util.function.IntFunction;

/**
 * The work one thread does, counted in what a busy machine does not inflate: the bytes it allocates
 * and the CPU time it is given. Waiting for a core is not counted, so these measures hold on a loaded
 * machine where wall-clock bounds fail.
 */
public final class ThreadWork {

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** How often each size is run; the least work of these counts, which drops a one-off GC or JIT pause. */
  private static final int RUNS = 3;

  private ThreadWork() {}

  /** Bytes the calling thread allocates while running {@code work}. */
  public static long allocatedBytes(Runnable work) {
    long before = THREADS.getCurrentThreadAllocatedBytes();
    work.run();
    return THREADS.getCurrentThreadAllocatedBytes() - before;
  }

  /** CPU nanoseconds the calling thread is given while running {@code work}. */
  public static long cpuNanos(Runnable work) {
    long before = THREADS.getCurrentThreadCpuTime();
    work.run();
    return THREADS.getCurrentThreadCpuTime() - before;
  }

  /** How many times larger the second size of {@link #cpuGrowth} is than the first. */
  public static final int FACTOR = 8;

  /**
   * A {@link #cpuGrowth} below this is linear (about {@value #FACTOR}) or n log n; quadratic work
   * grows by {@value #FACTOR} squared (64). Linear work has been seen at 27 on an idle machine (cache
   * misses and allocation of multi-MB inputs grow faster than the work), so the bound sits between.
   */
  public static final double LINEAR_BOUND = 40;

  /**
   * How much more CPU time {@code workOfSize} takes at size {@code n * FACTOR} than at size {@code n}.
   * {@code workOfSize} prepares its input and returns the work to count. The small size runs first
   * (warming the JIT); each size counts its least CPU time over a few runs.
   */
  public static double cpuGrowth(IntFunction<Runnable> workOfSize, int n) {
    Runnable small = workOfSize.apply(n);
    Runnable large = workOfSize.apply(n * FACTOR);
    long smallest = Long.MAX_VALUE;
    long largest = Long.MAX_VALUE;
    for (int k = 0; k < RUNS; k++) {
      cpuNanos(small);
    }
    for (int k = 0; k < RUNS; k++) {
      smallest = Math.min(smallest, cpuNanos(small));
      largest = Math.min(largest, cpuNanos(large));
    }
    return (double) largest / Math.max(1, smallest);
  }
}
