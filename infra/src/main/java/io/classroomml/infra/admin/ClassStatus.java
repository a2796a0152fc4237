package io.classroomml.infra.admin;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.Student;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.budgets.BudgetsClient;
import software.amazon.awssdk.services.budgets.model.Budget;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@code classroom status}: per student, the jobs running and the endpoint, month-to-date spend
 * against the budget (AWS Budgets; its data lags by hours), and when the stack expires.
 */
final class ClassStatus {

  private ClassStatus() {}

  static void print(AwsClients aws, ClassroomConfig config, PrintStream out) {
    Map<String, Budget> budgets = budgets(aws, config);
    out.printf(
        "%-12s  %-40s  %-22s  %s%n", "student", "running", "spend (month to date)", "expires");
    try (SageMakerClient sageMaker = aws.sageMaker(config.region())) {
      for (Student s : config.students()) {
        List<Leftover> work = StudentResources.of(sageMaker, s.id(), false);
        String running =
            work.isEmpty()
                ? "-"
                : work.stream()
                    .map(w -> w.kind() + " " + w.name() + " (" + w.status() + ")")
                    .collect(Collectors.joining("; "));
        out.printf(
            "%-12s  %-40s  %-22s  %s%n",
            s.id(),
            running,
            spend(Optional.ofNullable(budgets.get(s.id()))),
            config.expiresAt().map(Object::toString).orElse("never (no expiresAt)"));
      }
    }
    out.println(
        "spend is what AWS Budgets has seen: it lags usage by hours, and stays $0 until the"
            + " cost allocation tag "
            + Names.STUDENT_TAG
            + " is active (scripts/classroom preflight)");
  }

  private static String spend(Optional<Budget> budget) {
    if (budget.isEmpty()) {
      return "no budget (not deployed?)";
    }
    Budget b = budget.get();
    double limit = b.budgetLimit().amount().doubleValue();
    double actual =
        b.calculatedSpend() == null || b.calculatedSpend().actualSpend() == null
            ? 0
            : b.calculatedSpend().actualSpend().amount().doubleValue();
    return String.format(
        Locale.ROOT,
        "$%.2f of $%.2f (%.0f%%)",
        actual,
        limit,
        limit > 0 ? 100 * actual / limit : 0);
  }

  /** Each student's budget, found by its tag filter (CloudFormation names the budgets). */
  private static Map<String, Budget> budgets(AwsClients aws, ClassroomConfig config) {
    Map<String, Budget> byStudent = new HashMap<>();
    try (BudgetsClient budgets = aws.budgets()) {
      budgets
          .describeBudgetsPaginator(r -> r.accountId(config.account()))
          .budgets()
          .forEach(
              b -> {
                for (String filter : b.costFilters().getOrDefault("TagKeyValue", List.of())) {
                  String prefix = "user:" + Names.STUDENT_TAG + "$";
                  if (filter.startsWith(prefix)) {
                    byStudent.put(filter.substring(prefix.length()), b);
                  }
                }
              });
    } catch (SdkException e) {
      throw new AdminException(
          "cannot read the budgets ("
              + e.getMessage()
              + "): allow budgets:ViewBudget to the identity running status",
          1);
    }
    return byStudent;
  }
}
