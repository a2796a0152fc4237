package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import java.util.Collections;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;

/**
 * One student's dashboard row: validation accuracy and train loss of their training jobs (found by
 * job-name prefix, so no stack reference is needed) and their endpoint's invocations, 5XX errors
 * and p90 latency. Used by the class dashboard and, when asked for, a dashboard per student.
 */
public final class StudentWidgets {

  private StudentWidgets() {}

  /**
   * The row for student {@code id} of a class of {@code classIds} (the training graphs must leave
   * out classmates whose job names contain this student's).
   */
  public static List<IWidget> row(String id, List<String> classIds) {
    return List.of(
        GraphWidget.Builder.create()
            .title(id + ": validation accuracy")
            .left(List.of(trainingSearch(id, classIds, "validation:accuracy")))
            .width(8)
            .build(),
        GraphWidget.Builder.create()
            .title(id + ": train loss")
            .left(List.of(trainingSearch(id, classIds, "train:loss")))
            .width(8)
            .build(),
        GraphWidget.Builder.create()
            .title(id + ": endpoint")
            .left(
                List.of(
                    endpointMetric(id, "Invocations", "Sum"),
                    endpointMetric(id, "Invocation5XXErrors", "Sum")))
            .right(List.of(endpointMetric(id, "ModelLatency", "p90")))
            .width(8)
            .build());
  }

  /** A metric of the student's endpoint ({@code AWS/SageMaker}, variant {@code AllTraffic}). */
  public static Metric endpointMetric(String id, String name, String statistic) {
    return Metric.Builder.create()
        .namespace("AWS/SageMaker")
        .metricName(name)
        .dimensionsMap(
            Ordered.map(
                "EndpointName", Names.endpointName(id), "VariantName", ModelEndpoint.VARIANT))
        .statistic(statistic)
        .period(Duration.minutes(5))
        .build();
  }

  private static MathExpression trainingSearch(String id, List<String> classIds, String metric) {
    return MathExpression.Builder.create()
        .expression(
            "SEARCH('{/aws/sagemaker/TrainingJobs,Host} MetricName=\""
                + metric
                + "\" "
                + hostTerm(id, classIds)
                + "', 'Average', 300)")
        .label(metric)
        .usingMetrics(Ordered.map())
        .build();
  }

  /**
   * The search term for the training jobs of student {@code id}. SageMaker's training metrics have
   * one dimension, {@code Host} = {@code <job name>/algo-1}; an unquoted term matches the values
   * that contain its {@link Names#searchTokens tokens} in order, anywhere in the value. So {@code
   * Host=alice--train} finds {@code alice--train-0a1b2c3d4e5f/algo-1}, but also {@code
   * x-alice--train-...}: every classmate whose job names contain this student's is excluded by name
   * ({@code AND NOT Host=x-alice--train}), which never excludes this student's own jobs.
   */
  public static String hostTerm(String id, List<String> classIds) {
    List<String> own = Names.searchTokens(Names.trainingJobPrefix(id));
    StringBuilder term = new StringBuilder("Host=" + Names.trainingJobPrefix(id));
    for (String other : classIds) {
      if (!other.equals(id)
          && Collections.indexOfSubList(Names.searchTokens(Names.trainingJobPrefix(other)), own)
              >= 0) {
        term.append(" AND NOT Host=").append(Names.trainingJobPrefix(other));
      }
    }
    return term.toString();
  }
}
