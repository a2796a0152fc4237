package io.classroomml.infra.cost;

import java.util.Comparator;
import java.util.List;

/**
 * A student's worst case: one training job, one tuning job, one endpoint-day (when a model is
 * deployed) and one batch transform job, against the budget; and the worst case per hour, with as
 * many runs at once as the pipelines' concurrency gate lets through.
 *
 * @param student the student id
 * @param lines the cost-bearing items
 * @param budgetUsd the student's budget
 * @param hourly what can bill in the same hour, in USD per hour
 */
public record StudentEstimate(
    String student, List<CostLine> lines, double budgetUsd, List<CostLine> hourly) {

  /** Copies the lines. */
  public StudentEstimate {
    lines = List.copyOf(lines);
    hourly = List.copyOf(hourly);
  }

  /** The worst case in US dollars per hour: everything the student may run at once. */
  public double usdPerHour() {
    return hourly.stream().mapToDouble(CostLine::usd).sum();
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
