package io.classroomml.reports;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The information read off the confusion matrix: the weakest classes and the most confused pair.
 */
final class ClassFindings {

  /** How many weakest classes to name. */
  static final int WORST_CLASS_COUNT = 3;

  private ClassFindings() {}

  static Optional<Finding> worstClasses(ConfusionMatrix matrix) {
    List<Integer> measured =
        IntStream.range(0, matrix.size())
            .filter(i -> matrix.support(i) > 0)
            .boxed()
            .sorted(
                Comparator.comparingDouble(matrix::accuracy)
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    if (measured.size() < 2) {
      return Optional.empty();
    }
    StringBuilder detail = new StringBuilder("Lowest per-class accuracy: ");
    List<Integer> worst = measured.subList(0, Math.min(WORST_CLASS_COUNT, measured.size()));
    for (int k = 0; k < worst.size(); k++) {
      int c = worst.get(k);
      detail
          .append(k == 0 ? "" : ", ")
          .append('"')
          .append(matrix.name(c))
          .append("\" ")
          .append(Format.percent(matrix.accuracy(c)))
          .append(" (")
          .append(matrix.correct(c))
          .append(" of ")
          .append(matrix.support(c))
          .append(')');
    }
    detail
        .append("; overall ")
        .append(Format.percent(matrix.overallAccuracy()))
        .append(". More or cleaner examples of these classes help most.");
    return Optional.of(Finding.info(Findings.WORST_CLASSES, detail.toString()));
  }

  static Optional<Finding> mostConfused(ConfusionMatrix matrix) {
    return matrix
        .mostConfused()
        .map(
            c ->
                Finding.info(
                    Findings.MOST_CONFUSED,
                    "\""
                        + c.actualName()
                        + "\" was taken for \""
                        + c.predictedName()
                        + "\" "
                        + c.count()
                        + " times ("
                        + Format.percent(c.shareOfActual())
                        + " of its examples), the most common mistake."));
  }
}
