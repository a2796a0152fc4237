package io.classroomml.training;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The bridge between a SIGTERM and the training loop: the signal handler asks the loop to stop, the
 * loop saves a checkpoint at the next step boundary and says it is done, and the handler waits for
 * that (SageMaker sends SIGKILL 120 s after SIGTERM).
 */
public final class StopSignal {

  private volatile boolean requested;
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Asks the loop to stop. */
  public void request() {
    requested = true;
  }

  /** Whether a stop was asked for. */
  public boolean requested() {
    return requested;
  }

  /** Called by the run when it has saved what it must (or ended for any reason). */
  public void finished() {
    finished.countDown();
  }

  /** Waits for {@link #finished}; false on timeout. */
  public boolean awaitFinished(long seconds) throws InterruptedException {
    return finished.await(seconds, TimeUnit.SECONDS);
  }
}
