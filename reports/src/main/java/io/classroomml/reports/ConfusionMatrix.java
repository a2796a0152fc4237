package io.classroomml.reports;

import java.util.List;
import java.util.Optional;

/**
 * A square matrix of counts, {@code counts[actual][predicted]}, with class names. Per-class
 * accuracy is the share of a class's examples predicted as that class (its recall).
 */
public final class ConfusionMatrix {

  /**
   * The off-diagonal cell with the most examples: {@code count} of {@code actual} taken for {@code
   * predicted}.
   */
  public record Confusion(
      int actual,
      int predicted,
      String actualName,
      String predictedName,
      int count,
      double shareOfActual) {}

  private final List<String> classNames;
  private final int[][] counts;

  /** Wraps already-checked data (see {@link TrainingReportData}); does not copy. */
  ConfusionMatrix(List<String> classNames, int[][] counts) {
    this.classNames = classNames;
    this.counts = counts;
  }

  /** Number of classes. */
  public int size() {
    return counts.length;
  }

  /** Name of class {@code index}. */
  public String name(int index) {
    return classNames.get(index);
  }

  /** Count of examples of class {@code actual} predicted as {@code predicted}. */
  public int count(int actual, int predicted) {
    return counts[actual][predicted];
  }

  /** Examples whose true class is {@code actual} (row sum). */
  public long support(int actual) {
    long sum = 0;
    for (int c : counts[actual]) {
      sum += c;
    }
    return sum;
  }

  /** Examples predicted as {@code predicted} (column sum). */
  public long predictedCount(int predicted) {
    long sum = 0;
    for (int[] row : counts) {
      sum += row[predicted];
    }
    return sum;
  }

  /** Correct predictions for class {@code actual} (diagonal). */
  public int correct(int actual) {
    return counts[actual][actual];
  }

  /** Recall of class {@code actual}: correct / support; NaN when the class has no examples. */
  public double accuracy(int actual) {
    long support = support(actual);
    return support == 0 ? Double.NaN : (double) correct(actual) / support;
  }

  /** Precision of class {@code predicted}: correct / predicted; NaN when never predicted. */
  public double precision(int predicted) {
    long predictedCount = predictedCount(predicted);
    return predictedCount == 0 ? Double.NaN : (double) correct(predicted) / predictedCount;
  }

  /** Total examples. */
  public long total() {
    long sum = 0;
    for (int i = 0; i < size(); i++) {
      sum += support(i);
    }
    return sum;
  }

  /** Overall accuracy: diagonal / total; NaN when empty. */
  public double overallAccuracy() {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    long correct = 0;
    for (int i = 0; i < size(); i++) {
      correct += correct(i);
    }
    return (double) correct / total;
  }

  /**
   * The off-diagonal cell with the highest count (first in row-major order on ties); empty when no
   * example is misclassified.
   */
  public Optional<Confusion> mostConfused() {
    int bestActual = -1;
    int bestPredicted = -1;
    int best = 0;
    for (int actual = 0; actual < size(); actual++) {
      for (int predicted = 0; predicted < size(); predicted++) {
        if (actual != predicted && counts[actual][predicted] > best) {
          best = counts[actual][predicted];
          bestActual = actual;
          bestPredicted = predicted;
        }
      }
    }
    if (best == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Confusion(
            bestActual,
            bestPredicted,
            name(bestActual),
            name(bestPredicted),
            best,
            (double) best / support(bestActual)));
  }
}
