package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.constructs.StudentBudget;

/** AWS Budgets' limit on notifications per budget: one per threshold. */
final class BudgetCheck implements ConfigCheck {

  @Override
  public void check(ClassroomConfig config) {
    int notifications = StudentBudget.notificationCount(config.budgetThresholds());
    if (notifications > StudentBudget.MAX_NOTIFICATIONS) {
      throw new ConfigException(
          ContextKeys.BUDGET_THRESHOLDS,
          String.join(",", config.budgetThresholds().stream().map(String::valueOf).toList()),
          "each threshold is one notification of the student's budget, "
              + notifications
              + " in all, but AWS Budgets allows at most "
              + StudentBudget.MAX_NOTIFICATIONS
              + " per budget; give at most "
              + StudentBudget.MAX_NOTIFICATIONS
              + " thresholds, e.g. 50,80,100");
    }
  }
}
