package io.classroomml.infra.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What a {@link TrainingPipeline} is built from.
 *
 * @param studentId the student
 * @param request the shared training request parts
 * @param artifacts the artifact bucket (output, checkpoints, records)
 * @param executionRole the role SageMaker runs as
 * @param allowedInstanceTypes instance types IAM lets this pipeline request
 * @param maxConcurrentJobs how many executions may run at once ({@link ConcurrencyGate})
 */
public record TrainingPipelineProps(
    String studentId,
    TrainingJobRequest request,
    IBucket artifacts,
    IRole executionRole,
    List<String> allowedInstanceTypes,
    int maxConcurrentJobs) {

  /** Checks that every part is there; copies the lists. */
  public TrainingPipelineProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(executionRole, "executionRole");
    allowedInstanceTypes = List.copyOf(allowedInstanceTypes);
  }
}
