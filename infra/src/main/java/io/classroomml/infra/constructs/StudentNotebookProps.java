package io.classroomml.infra.constructs;

import io.classroomml.infra.config.NotebookSettings;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.stepfunctions.StateMachine;

/**
 * What a {@link StudentNotebook} is built from.
 *
 * @param studentId the student
 * @param domainId the class's domain
 * @param settings instance types and idle shutdown
 * @param studentRole the student role: the profile's execution role
 * @param buckets the student's buckets
 * @param pipelines the training, tuning and transform pipelines, in that order
 */
public record StudentNotebookProps(
    String studentId,
    String domainId,
    NotebookSettings settings,
    Role studentRole,
    StudentBuckets buckets,
    List<StateMachine> pipelines) {

  /** Checks that every part is there; copies the lists. */
  public StudentNotebookProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(domainId, "domainId");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(studentRole, "studentRole");
    Objects.requireNonNull(buckets, "buckets");
    pipelines = List.copyOf(pipelines);
  }
}
