package io.classroomml.training.loop;

import io.classroomml.reports.EpochStats;
import java.io.PrintStream;

/**
 * Adds each epoch's statistics to {@link History} and prints its metric line (the contract's
 * format, which SageMaker's regexes read) and the resident memory.
 */
final class MetricsListener implements TrainingListener {

  private final History history;
  private final PrintStream log;

  MetricsListener(History history, PrintStream log) {
    this.history = history;
    this.log = log;
  }

  @Override
  public void onEpoch(EpochEnd epoch) {
    EpochStats stats = epoch.toStats();
    history.epochs().add(stats);
    log.println(TrainingLoop.metricLine(stats));
    log.printf(
        "epoch %d: resident memory %d MB%n",
        epoch.epoch() + 1, ResourceUsage.residentBytes() >> 20);
  }
}
