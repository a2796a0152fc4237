package io.classroomml.infra.constructs;

import io.classroomml.contract.tuning.TuningSpec;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.s3.IBucket;

/**
 * What a {@link TuningPipeline} is built from.
 *
 * @param studentId the student
 * @param spec the search (strategy, ranges, objective, limits, early stopping, statics)
 * @param request the shared training request parts
 * @param artifacts the artifact bucket
 * @param executionRole the role SageMaker runs as
 * @param allowedInstanceTypes instance types IAM lets this pipeline request
 * @param maxConcurrentJobs how many executions may run at once ({@link ConcurrencyGate})
 */
public record TuningPipelineProps(
    String studentId,
    TuningSpec spec,
    TrainingJobRequest request,
    IBucket artifacts,
    IRole executionRole,
    List<String> allowedInstanceTypes,
    int maxConcurrentJobs) {

  /** Checks that every part is there; copies the lists. */
  public TuningPipelineProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(artifacts, "artifacts");
    Objects.requireNonNull(executionRole, "executionRole");
    allowedInstanceTypes = List.copyOf(allowedInstanceTypes);
  }
}
