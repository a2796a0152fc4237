package io.classroomml.infra.cost;

import java.util.Comparator;
import java.util.List;

/**
 * A student's worst case: one training job, one tuning job, one endpoint-day (when a model is
 * deployed) and one batch transform job, against the budget.
 *
 * @param student the student id
 * @param lines the cost-bearing items
 * @param budgetUsd the student's budget
 */
public record StudentEstimate(String student, List<CostLine> lines, double budgetUsd) {

  /** Copies the lines. */
  public StudentEstimate {
    lines = List.copyOf(lines);
  }

  /** The sum of all lines. */
  public double totalUsd() {
    return lines.stream().mapToDouble(CostLine::usd).sum();
  }

  /** The most expensive line. */
  public CostLine largest() {
    return lines.stream().max(Comparator.comparingDouble(CostLine::usd)).orElseThrow();
  }
}
