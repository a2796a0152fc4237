package io.classroomml.infra.constructs;

import io.classroomml.infra.config.TransformSettings;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What a {@link TransformPipeline} is built from.
 *
 * @param studentId the student
 * @param inferenceImage the inference image URI pinned by digest
 * @param data the data bucket (inputs)
 * @param artifacts the artifact bucket (model, outputs)
 * @param executionRole the role SageMaker runs as
 * @param settings instance type, count and time cap
 * @param allowedInstanceTypes instance types IAM lets this pipeline request
 * @param maxConcurrentJobs how many executions may run at once ({@link ConcurrencyGate})
 */
public record TransformPipelineProps(
    String studentId,
    String inferenceImage,
    IBucket data,
    IBucket artifacts,
    IRole executionRole,
    TransformSettings settings,
    List<String> allowedInstanceTypes,
    int maxConcurrentJobs) {

  /** Checks that every part is there; copies the lists. */
  public TransformPipelineProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(inferenceImage, "inferenceImage");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(executionRole, "executionRole");
    Objects.requireNonNull(settings, "settings");
    allowedInstanceTypes = List.copyOf(allowedInstanceTypes);
  }
}
