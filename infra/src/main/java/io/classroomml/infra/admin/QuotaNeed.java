package io.classroomml.infra.admin;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.EndpointMode;
import java.util.ArrayList;
import java.util.List;

/**
 * One SageMaker service quota and how much of it the whole class can use at once: every student
 * running {@code maxConcurrentJobs} runs of each pipeline (the concurrency gate refuses more), each
 * tuning run at its parallel trials, and every student with a model at full endpoint scale.
 *
 * @param quotaName the quota's name in Service Quotas (service code {@code sagemaker}), e.g. {@code
 *     ml.g4dn.xlarge for spot training job usage}
 * @param needed how much the class can use at once
 * @param why how {@code needed} was counted
 * @param setting the context key to lower instead of raising the quota
 */
public record QuotaNeed(String quotaName, double needed, String why, String setting) {

  /** The serverless quota's name (account-wide concurrency across serverless endpoints). */
  static final String SERVERLESS_CONCURRENCY =
      "Maximum total concurrency that can be allocated across all serverless endpoints";

  /** What {@code config}'s class needs at once. */
  public static List<QuotaNeed> forClass(ClassroomConfig config) {
    int students = config.students().size();
    int runs = config.maxConcurrentJobs();
    int count = config.training().instanceCount();
    int parallel = config.tuningSpec().resourceLimits().maxParallelTrainingJobs();
    List<QuotaNeed> needs = new ArrayList<>();
    String type = config.training().instanceType();
    needs.add(
        new QuotaNeed(
            type
                + (config.training().spot()
                    ? " for spot training job usage"
                    : " for training job usage"),
            (double) students * runs * count * (1 + parallel),
            students
                + " students x "
                + runs
                + " at once x (1 training + "
                + parallel
                + " parallel tuning trials) x "
                + count
                + " instance",
            ContextKeys.MAX_CONCURRENT_JOBS));
    needs.add(
        new QuotaNeed(
            config.transform().instanceType() + " for transform job usage",
            (double) students * runs * config.transform().instanceCount(),
            students
                + " students x "
                + runs
                + " at once x "
                + config.transform().instanceCount()
                + " instances",
            ContextKeys.TRANSFORM_INSTANCE_COUNT));
    long withModels = config.students().stream().filter(s -> s.modelKey().isPresent()).count();
    if (withModels > 0) {
      if (config.endpoint().mode() == EndpointMode.SERVERLESS) {
        needs.add(
            new QuotaNeed(
                SERVERLESS_CONCURRENCY,
                (double) withModels * config.endpoint().serverlessMaxConcurrency(),
                withModels
                    + " endpoints x "
                    + config.endpoint().serverlessMaxConcurrency()
                    + " concurrent",
                ContextKeys.SERVERLESS_MAX_CONCURRENCY));
      } else {
        needs.add(
            new QuotaNeed(
                config.endpoint().instanceType() + " for endpoint usage",
                (double) withModels * config.endpoint().maxCapacity(),
                withModels + " endpoints x " + config.endpoint().maxCapacity() + " instances",
                ContextKeys.ENDPOINT_MAX_CAPACITY));
      }
    }
    return needs;
  }
}
