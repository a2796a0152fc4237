package io.classroomml.local.job;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Every process local mode starts, so that none outlives it: Ctrl-C, a failing step or a normal end
 * all stop them (SIGTERM first, as SageMaker does, then SIGKILL after a grace period) together with
 * anything they started.
 */
public final class ChildProcesses {

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
  private static final Set<Runnable> BEFORE_SHUTDOWN = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "stop-children"));
  }

  private ChildProcesses() {}

  /** Starts {@code builder} and tracks the process until it ends. */
  public static Process start(ProcessBuilder builder) throws java.io.IOException {
    Process process = builder.start();
    LIVE.add(process);
    process.onExit().thenRun(() -> LIVE.remove(process));
    return process;
  }

  /**
   * Runs {@code action} when the JVM shuts down, before the children are stopped (jobs use it to
   * ask for a checkpoint and record their status).
   */
  public static void beforeShutdown(Runnable action) {
    BEFORE_SHUTDOWN.add(action);
  }

  /** Undoes {@link #beforeShutdown}. */
  public static void removeBeforeShutdown(Runnable action) {
    BEFORE_SHUTDOWN.remove(action);
  }

  /** How many tracked processes are alive (tests check it is 0 after a command). */
  public static int alive() {
    return (int) LIVE.stream().filter(Process::isAlive).count();
  }

  /**
   * SIGTERM to {@code process} and its descendants; SIGKILL to whatever is left after {@code
   * grace}. Returns the exit code.
   */
  public static int stop(Process process, Duration grace) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.toHandle().destroy();
    descendants.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        descendants.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return process.isAlive() ? -1 : process.exitValue();
  }

  private static void stopAll() {
    // In parallel: each job asks its trainer to checkpoint and waits for its record to be written.
    List<Thread> jobs =
        BEFORE_SHUTDOWN.stream()
            .map(
                action ->
                    new Thread(
                        () -> {
                          try {
                            action.run();
                          } catch (RuntimeException e) {
                            System.err.println("local: while stopping: " + e);
                          }
                        },
                        "stop-job"))
            .toList();
    jobs.forEach(Thread::start);
    for (Thread t : jobs) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    // Trainers get SageMaker's 120 s for their checkpoint; servers finish in-flight requests.
    List<Thread> stoppers =
        LIVE.stream()
            .map(p -> new Thread(() -> stop(p, Duration.ofSeconds(110)), "stop-" + p.pid()))
            .toList();
    stoppers.forEach(Thread::start);
    for (Thread t : stoppers) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
