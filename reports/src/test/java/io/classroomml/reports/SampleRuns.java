package io.classroomml.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Training runs with known shapes, for the report and findings tests. */
final class SampleRuns {

  static final List<String> CLASSES = List.of("cat", "dog", "<b>bird</b> & \"friends\"");

  /** Rows: actual; columns: predicted. cat 8/10, dog 5/10 (4 taken for cat), bird 9/10. */
  static final int[][] CONFUSION = {
    {8, 1, 1},
    {4, 5, 1},
    {0, 1, 9},
  };

  private SampleRuns() {}

  static EpochStats epoch(
      int epoch, double trainLoss, double trainAcc, double validationLoss, double validationAcc) {
    return new EpochStats(
        epoch, trainLoss, trainAcc, validationLoss, validationAcc, 10.0, 500.0, 0.2, 9.0, 0.01);
  }

  /** Loss falls, validation tracks training, no data waits, busy CPU. */
  static List<EpochStats> healthyEpochs() {
    List<EpochStats> epochs = new ArrayList<>();
    for (int e = 1; e <= 6; e++) {
      double loss = 2.0 / e;
      double acc = 1 - 0.5 / e;
      epochs.add(epoch(e, loss, acc, loss * 1.05, acc - 0.01));
    }
    return epochs;
  }

  static Profile healthyCpuProfile() {
    return new Profile("cpu", 2, 60, 1.0, 50, 5, 1, 500, 0.93, Double.NaN, 512L << 20, 1L << 30);
  }

  static TrainingReportData healthy() {
    return data(healthyEpochs(), perfectConfusion(), healthyCpuProfile());
  }

  static int[][] perfectConfusion() {
    return new int[][] {{10, 0, 0}, {0, 10, 0}, {0, 0, 10}};
  }

  static TrainingReportData data(List<EpochStats> epochs, int[][] confusion, Profile profile) {
    Map<String, String> hyperparameters = new LinkedHashMap<>();
    hyperparameters.put("model", "resnet20");
    hyperparameters.put("learning_rate", "0.05");
    hyperparameters.put("note", "<script>alert(1)</script>");
    return new TrainingReportData(
        "job <one>",
        epochs,
        CLASSES,
        confusion,
        profile,
        hyperparameters,
        Map.of("test:accuracy", 0.7333, "test:loss", 0.61));
  }
}
