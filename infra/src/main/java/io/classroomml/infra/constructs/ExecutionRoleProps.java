package io.classroomml.infra.constructs;

import io.classroomml.infra.config.DataLocation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link ExecutionRole} is built from.
 *
 * @param studentId the student
 * @param buckets the student's buckets
 * @param repositoryArns the training and inference image repositories
 * @param sharedData a read-only course data set, if any
 */
public record ExecutionRoleProps(
    String studentId,
    StudentBuckets buckets,
    List<String> repositoryArns,
    Optional<DataLocation> sharedData) {

  /** Checks that every part is there; copies the lists. */
  public ExecutionRoleProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(buckets, "buckets");
    repositoryArns = List.copyOf(repositoryArns);
    Objects.requireNonNull(sharedData, "sharedData");
  }
}
