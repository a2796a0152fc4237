package io.classroomml.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything a training report shows. Collections are copied (maps sorted by key, so the report
 * does not depend on the caller's map order) and checked once here, so the writers can trust them.
 *
 * @param title shown at the top of the page, e.g. the job name
 * @param epochs one entry per completed epoch, in order; may be empty
 * @param classNames class names by label index
 * @param confusion {@code confusion[actual][predicted]} counts, classes × classes; null when there
 *     was no evaluation set
 * @param profile where the time went; null when not measured
 * @param hyperparameters as the job received them
 * @param finalMetrics e.g. {@code test:accuracy}
 * @param steps training loss and accuracy within epochs, in step order; may be empty
 */
public record TrainingReportData(
    String title,
    List<EpochStats> epochs,
    List<String> classNames,
    int[][] confusion,
    Profile profile,
    Map<String, String> hyperparameters,
    Map<String, Double> finalMetrics,
    List<StepStats> steps) {

  /** A report with per-epoch curves only. */
  public TrainingReportData(
      String title,
      List<EpochStats> epochs,
      List<String> classNames,
      int[][] confusion,
      Profile profile,
      Map<String, String> hyperparameters,
      Map<String, Double> finalMetrics) {
    this(title, epochs, classNames, confusion, profile, hyperparameters, finalMetrics, List.of());
  }

  /** Copies and checks every part; a bad part throws naming the field, the value and the fix. */
  public TrainingReportData {
    title = Objects.requireNonNullElse(title, "");
    epochs = List.copyOf(Objects.requireNonNullElse(epochs, List.of()));
    steps = List.copyOf(Objects.requireNonNullElse(steps, List.of()));
    classNames = copyNames(classNames);
    confusion = copyConfusion(confusion, classNames.size());
    hyperparameters = sortedCopy(hyperparameters);
    finalMetrics = sortedCopy(finalMetrics);
  }

  /** A copy of the confusion matrix (records expose fields directly; arrays would leak). */
  @Override
  public int[][] confusion() {
    return confusion == null ? null : deepCopy(confusion);
  }

  /** The confusion matrix with its class names; empty when there was no evaluation set. */
  public java.util.Optional<ConfusionMatrix> confusionMatrix() {
    return confusion == null
        ? java.util.Optional.empty()
        : java.util.Optional.of(new ConfusionMatrix(classNames, confusion));
  }

  private static List<String> copyNames(List<String> names) {
    List<String> copy = new ArrayList<>();
    for (String name : Objects.requireNonNullElse(names, List.<String>of())) {
      copy.add(name == null ? "" : name);
    }
    return Collections.unmodifiableList(copy);
  }

  private static int[][] copyConfusion(int[][] confusion, int classes) {
    if (confusion == null) {
      return null;
    }
    if (confusion.length != classes) {
      throw new IllegalArgumentException(
          "confusion has "
              + confusion.length
              + " rows but classNames has "
              + classes
              + " entries; pass one row (actual class) per class name, or null when there was no"
              + " evaluation set");
    }
    for (int actual = 0; actual < classes; actual++) {
      int[] row = confusion[actual];
      if (row == null || row.length != classes) {
        throw new IllegalArgumentException(
            "confusion["
                + actual
                + "] has "
                + (row == null ? "no" : String.valueOf(row.length))
                + " columns but there are "
                + classes
                + " classes; each row needs one count per predicted class");
      }
      for (int predicted = 0; predicted < classes; predicted++) {
        if (row[predicted] < 0) {
          throw new IllegalArgumentException(
              "confusion["
                  + actual
                  + "]["
                  + predicted
                  + "] is "
                  + row[predicted]
                  + "; counts cannot be negative");
        }
      }
    }
    return deepCopy(confusion);
  }

  private static int[][] deepCopy(int[][] matrix) {
    int[][] copy = new int[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      copy[i] = matrix[i].clone();
    }
    return copy;
  }

  private static <V> Map<String, V> sortedCopy(Map<String, V> map) {
    Map<String, V> sorted = new TreeMap<>();
    if (map != null) {
      map.forEach((k, v) -> sorted.put(Objects.requireNonNull(k, "map key"), v));
    }
    return Collections.unmodifiableMap(sorted);
  }
}
