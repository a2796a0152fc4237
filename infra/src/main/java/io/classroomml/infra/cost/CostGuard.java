package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.Student;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a classroom against the price table and SageMaker's API limits before anything is
 * deployed, and computes each student's worst case. Every rejection is a {@link ConfigException}
 * naming the setting, its value and a valid (usually cheaper) alternative.
 *
 * <p>Each area's limits are one {@link ConfigCheck} ({@link BudgetCheck}, {@link TrainingCheck},
 * {@link EndpointCheck}, {@link TransformCheck}, {@link NotebookCheck}, {@link NameCheck}); the
 * worst cases are {@link WorstCaseCost}'s and the dearest hour {@link PeakHourCost}'s.
 */
public final class CostGuard {

  private final PriceTable prices;
  private final List<ConfigCheck> checks;
  private final WorstCaseCost worstCase;
  private final PeakHourCost peakHour;

  /** A guard working from {@code prices}. */
  public CostGuard(PriceTable prices) {
    this.prices = prices;
    InstanceOffers offers = new InstanceOffers(prices);
    this.checks =
        List.of(
            new BudgetCheck(),
            new TrainingCheck(offers),
            new EndpointCheck(prices, offers),
            new TransformCheck(offers),
            new NotebookCheck(prices),
            new NameCheck());
    this.worstCase = new WorstCaseCost(prices);
    this.peakHour = new PeakHourCost(prices);
  }

  /**
   * Checks {@code config} and returns the estimate.
   *
   * @throws ConfigException for the settings that break a limit (the first of each area: budget,
   *     training, endpoint, transform, notebooks, names; all areas at once), else for a student
   *     whose worst case breaks the budget
   */
  public ClassEstimate check(ClassroomConfig config) {
    String region = config.region();
    if (!prices.regions().contains(region)) {
      throw new ConfigException(
          ContextKeys.REGION,
          region,
          "the price table (as of "
              + prices.asOf()
              + ") has no prices for this region, so no cost can be guarded; use one of "
              + String.join(", ", prices.regions()));
    }
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (ConfigCheck check : checks) {
      try {
        check.check(config);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<StudentEstimate> estimates = new ArrayList<>();
    for (Student student : config.students()) {
      StudentEstimate estimate = estimate(config, student);
      if (estimate.totalUsd() > config.budgetUsd()) {
        CostLine largest = estimate.largest();
        throw new ConfigException(
            ContextKeys.BUDGET_USD,
            format(config.budgetUsd()),
            String.format(
                Locale.ROOT,
                "student %s's worst case is $%.2f, above the budget; the largest item is %s at"
                    + " $%.2f (%s): lower '%s' or raise budgetUsd to at least %.2f",
                student.id(),
                estimate.totalUsd(),
                largest.item(),
                largest.usd(),
                largest.formula(),
                largest.setting(),
                Math.ceil(estimate.totalUsd())));
      }
      estimates.add(estimate);
    }
    return new ClassEstimate(region, prices.asOf().toString(), prices.source(region), estimates);
  }

  private StudentEstimate estimate(ClassroomConfig config, Student student) {
    return new StudentEstimate(
        student.id(),
        worstCase.lines(config, student),
        config.budgetUsd(),
        peakHour.lines(config, student));
  }

  private static String format(double usd) {
    return String.format(Locale.ROOT, "%.2f", usd);
  }
}
