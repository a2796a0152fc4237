package io.classroomml.infra.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.List;
import software.constructs.IConstruct;

/**
 * Accepted cdk-nag findings: always on one resource (and its generated policy), always for named
 * findings only, always with the reason written next to the code that causes them.
 */
public final class Nag {

  /** The IAM wildcard rule. */
  public static final String IAM5 = "AwsSolutions-IAM5";

  private Nag() {}

  /** Accepts {@code rule} on {@code resource} (and its children) for the listed findings only. */
  public static void accept(IConstruct resource, String rule, String reason, List<?> appliesTo) {
    NagPackSuppression.Builder suppression = NagPackSuppression.builder().id(rule).reason(reason);
    if (!appliesTo.isEmpty()) {
      suppression.appliesTo(appliesTo);
    }
    NagSuppressions.addResourceSuppressions(resource, List.of(suppression.build()), true);
  }

  /** Accepts a finding that has no sub-findings (e.g. a bucket without access logs). */
  public static void accept(IConstruct resource, String rule, String reason) {
    accept(resource, rule, reason, List.of());
  }

  /** An IAM5 finding for a regional ARN of this account, as cdk-nag writes it. */
  public static String arn(String service, String resource) {
    return "Resource::arn:<AWS::Partition>:"
        + service
        + ":<AWS::Region>:<AWS::AccountId>:"
        + resource;
  }

  /** Objects of a bucket of this stack ({@code <BucketsData1234ABCD.Arn>/<prefix>*}). */
  public static Object bucketObjects(String bucketId, String prefix) {
    return RegexAppliesTo.builder()
        .regex(
            "/^Resource::<Buckets"
                + bucketId
                + "[0-9A-F]{8}\\.Arn>\\/"
                + prefix.replace("/", "\\/")
                + "\\*$/g")
        .build();
  }

  /**
   * Studio apps, spaces and user profiles under {@code prefix} in the class's domain, whose id the
   * student stack imports ({@code app/<domain id>/<prefix>*}, and app types and names after it).
   */
  public static Object notebookArns(String prefix) {
    return RegexAppliesTo.builder()
        .regex(
            "/^Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:"
                + "(app|space|user-profile)\\/.+\\/"
                + prefix
                + "\\*(\\/[a-z]+\\/\\*)?$/g")
        .build();
  }

  /** {@code Resource::*}: actions that support no resource-level permissions. */
  public static final String ANY_RESOURCE = "Resource::*";
}
