package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.Student;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.budgets.CfnBudget;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * A student's monthly cost budget, filtered on the student tag, with e-mail and SNS alerts at each
 * threshold. The last threshold goes to the stop topic, which triggers the {@link Teardown}
 * function: it attaches {@link #denyPolicy()} to the student's roles and stops what runs. (An AWS
 * Budgets action would do the attaching too, but costs $0.10 per budget-day beyond two: twice the
 * whole idle goal per student.)
 */
public final class StudentBudget extends Construct {

  /** AWS Budgets' limit on notifications per budget. */
  public static final int MAX_NOTIFICATIONS = 10;

  private final Topic alerts;
  private final Topic stop;
  private final ManagedPolicy denyPolicy;

  /**
   * @param student the student (e-mail for alerts, if given)
   * @param budgetUsd the monthly limit
   * @param thresholds percentages of the limit; the last one stops spending
   */
  public StudentBudget(
      Construct scope, String id, Student student, double budgetUsd, List<Integer> thresholds) {
    super(scope, id);
    this.alerts = Topic.Builder.create(this, "Alerts").enforceSsl(true).build();
    this.stop = Topic.Builder.create(this, "Stop").enforceSsl(true).build();
    for (Topic topic : List.of(alerts, stop)) {
      topic.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .sid("BudgetsPublish")
              .principals(List.of(new ServicePrincipal("budgets.amazonaws.com")))
              .actions(List.of("sns:Publish"))
              .resources(List.of(topic.getTopicArn()))
              .conditions(
                  Ordered.map("StringEquals", Ordered.map("aws:SourceAccount", Aws.ACCOUNT_ID)))
              .build());
    }
    this.denyPolicy =
        ManagedPolicy.Builder.create(this, "StopSpending")
            .description("Attached when student " + student.id() + "'s budget is spent")
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .effect(Effect.DENY)
                        .actions(
                            List.of(
                                "sagemaker:CreateTrainingJob",
                                "sagemaker:CreateHyperParameterTuningJob",
                                "sagemaker:CreateTransformJob",
                                "sagemaker:CreateModel",
                                "sagemaker:CreateEndpoint",
                                "sagemaker:CreateEndpointConfig",
                                "sagemaker:UpdateEndpoint",
                                "sagemaker:CreateApp",
                                "sagemaker:CreateSpace",
                                "sagemaker:UpdateSpace",
                                "states:StartExecution",
                                "states:StartSyncExecution"))
                        .resources(List.of("*"))
                        .build()))
            .build();

    List<CfnBudget.NotificationWithSubscribersProperty> notifications = new ArrayList<>();
    for (int i = 0; i < thresholds.size(); i++) {
      boolean last = i == thresholds.size() - 1;
      List<CfnBudget.SubscriberProperty> subscribers = new ArrayList<>();
      subscribers.add(
          CfnBudget.SubscriberProperty.builder()
              .subscriptionType("SNS")
              .address((last ? stop : alerts).getTopicArn())
              .build());
      student
          .email()
          .ifPresent(
              email ->
                  subscribers.add(
                      CfnBudget.SubscriberProperty.builder()
                          .subscriptionType("EMAIL")
                          .address(email)
                          .build()));
      notifications.add(
          CfnBudget.NotificationWithSubscribersProperty.builder()
              .notification(
                  CfnBudget.NotificationProperty.builder()
                      .notificationType("ACTUAL")
                      .comparisonOperator("GREATER_THAN")
                      .threshold(thresholds.get(i))
                      .thresholdType("PERCENTAGE")
                      .build())
              .subscribers(subscribers)
              .build());
    }
    CfnBudget.Builder.create(this, "Budget")
        .budget(
            CfnBudget.BudgetDataProperty.builder()
                .budgetType("COST")
                .timeUnit("MONTHLY")
                .budgetLimit(
                    CfnBudget.SpendProperty.builder().amount(budgetUsd).unit("USD").build())
                // Needs the tag activated as a cost allocation tag (docs/cost-guard.md).
                .costFilters(
                    Ordered.map(
                        "TagKeyValue", List.of("user:" + Names.STUDENT_TAG + "$" + student.id())))
                .build())
        .notificationsWithSubscribers(notifications)
        .build();
  }

  /**
   * How many notifications the budget has for {@code thresholds}: one per threshold (each sends to
   * its topic and, when given, the student's e-mail), the last one the stop.
   */
  public static int notificationCount(List<Integer> thresholds) {
    return thresholds.size();
  }

  /** Alerts below the last threshold (and alarms). */
  public Topic alerts() {
    return alerts;
  }

  /** The last threshold: stop spending. */
  public Topic stop() {
    return stop;
  }

  /** The deny policy attached when the budget is spent. */
  public ManagedPolicy denyPolicy() {
    return denyPolicy;
  }
}
