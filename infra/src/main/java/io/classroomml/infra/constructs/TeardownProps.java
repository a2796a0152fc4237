package io.classroomml.infra.constructs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.sns.ITopic;

/**
 * What a {@link Teardown} is built from.
 *
 * @param studentId the student
 * @param buckets the buckets to empty
 * @param rolesToDeny the roles that get the deny policy when the budget runs out
 * @param denyPolicy the policy that stops further spending
 * @param stopTopic the budget's last-threshold topic
 * @param endpointName the student's endpoint, if one is deployed
 */
public record TeardownProps(
    String studentId,
    StudentBuckets buckets,
    List<IRole> rolesToDeny,
    IManagedPolicy denyPolicy,
    ITopic stopTopic,
    Optional<String> endpointName) {

  /** Checks that every part is there; copies the lists. */
  public TeardownProps {
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(buckets, "buckets");
    rolesToDeny = List.copyOf(rolesToDeny);
    Objects.requireNonNull(denyPolicy, "denyPolicy");
    Objects.requireNonNull(stopTopic, "stopTopic");
    Objects.requireNonNull(endpointName, "endpointName");
  }
}
