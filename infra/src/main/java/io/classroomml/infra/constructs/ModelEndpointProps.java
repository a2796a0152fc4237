package io.classroomml.infra.constructs;

import io.classroomml.infra.config.EndpointSettings;
import java.util.Objects;
import software.amazon.awscdk.services.iam.IRole;

/**
 * What a {@link ModelEndpoint} is built from.
 *
 * @param studentId the student
 * @param inferenceImage the inference image URI pinned by digest
 * @param modelDataUrl {@code s3://.../model.tar.gz}
 * @param executionRole the role SageMaker runs as
 * @param settings serverless or real-time sizes
 */
public record ModelEndpointProps(
    String studentId,
    String inferenceImage,
    String modelDataUrl,
    IRole executionRole,
    EndpointSettings settings) {

  /** Checks that every part is there; copies the lists. */
  public ModelEndpointProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(inferenceImage, "inferenceImage");
    Objects.requireNonNull(modelDataUrl, "modelDataUrl");
    Objects.requireNonNull(executionRole, "executionRole");
    Objects.requireNonNull(settings, "settings");
  }
}
