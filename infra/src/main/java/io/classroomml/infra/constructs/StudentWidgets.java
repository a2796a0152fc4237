package io.classroomml.infra.constructs;

import io.classroomml.infra.Names;
import java.util.List;
import java.util.Map;
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

  /** The row for student {@code id}. */
  public static List<IWidget> row(String id) {
    return List.of(
        GraphWidget.Builder.create()
            .title(id + ": validation accuracy")
            .left(List.of(trainingSearch(id, "validation:accuracy")))
            .width(8)
            .build(),
        GraphWidget.Builder.create()
            .title(id + ": train loss")
            .left(List.of(trainingSearch(id, "train:loss")))
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
            Map.of("EndpointName", Names.endpointName(id), "VariantName", ModelEndpoint.VARIANT))
        .statistic(statistic)
        .period(Duration.minutes(5))
        .build();
  }

  private static MathExpression trainingSearch(String id, String metric) {
    return MathExpression.Builder.create()
        .expression(
            "SEARCH('{/aws/sagemaker/TrainingJobs,Host} MetricName=\""
                + metric
                + "\" Host=\""
                + Names.trainingJobPrefix(id)
                + "\"', 'Average', 300)")
        .label(metric)
        .usingMetrics(Map.of())
        .build();
  }
}
