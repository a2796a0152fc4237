package io.classroomml.training.loop;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar, redrawn at most a few times a second, when the trainer runs in a
 * terminal. In a container (SageMaker, CI) there is no terminal and only the per-epoch lines are
 * printed, which keeps CloudWatch logs readable.
 */
final class Progress {

  private static final long REDRAW_NANOS = 250_000_000L;
  private static final int WIDTH = 30;

  private final PrintStream terminal;
  private long lastDraw;
  private long epochStart = System.nanoTime();
  private int shownEpoch = -1;

  /** Draws on {@code terminal}; does nothing when it is null. */
  Progress(PrintStream terminal) {
    this.terminal = terminal;
  }

  void step(int epoch, int epochs, int step, int steps, double loss) {
    if (terminal == null) {
      return;
    }
    long now = System.nanoTime();
    if (epoch != shownEpoch) {
      shownEpoch = epoch;
      epochStart = now;
    }
    if (now - lastDraw < REDRAW_NANOS && step < steps) {
      return;
    }
    lastDraw = now;
    int filled = (int) ((long) WIDTH * step / steps);
    double elapsed = (now - epochStart) / 1e9;
    double eta = step == 0 ? 0 : elapsed / step * (steps - step);
    terminal.printf(
        Locale.ROOT,
        "\repoch %d/%d [%s%s] %d/%d loss %.4f eta %.0fs ",
        epoch,
        epochs,
        "=".repeat(filled),
        " ".repeat(WIDTH - filled),
        step,
        steps,
        loss,
        eta);
    terminal.flush();
  }

  void done() {
    if (terminal != null) {
      terminal.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      terminal.flush();
    }
  }
}
