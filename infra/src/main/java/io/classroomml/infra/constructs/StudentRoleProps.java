package io.classroomml.infra.constructs;

import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.stepfunctions.StateMachine;

/**
 * What a {@link StudentRole} is built from.
 *
 * @param studentId the student
 * @param buckets the student's buckets
 * @param pipelines the student's state machines
 * @param hasEndpoint whether the student has an endpoint to invoke
 */
public record StudentRoleProps(
    String studentId, StudentBuckets buckets, List<StateMachine> pipelines, boolean hasEndpoint) {

  /** Checks that every part is there; copies the lists. */
  public StudentRoleProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(buckets, "buckets");
    pipelines = List.copyOf(pipelines);
  }
}
