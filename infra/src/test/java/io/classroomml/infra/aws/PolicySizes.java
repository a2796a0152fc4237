package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * IAM's size quotas, which botocore does not encode (its policy document shape allows 131,072
 * characters): "Role policies: aggregate inline policy size 10,240 characters", "Managed policy
 * size 6,144 characters" and "Role trust policy length 2,048 characters" (IAM and AWS STS quotas;
 * whitespace does not count). CloudFormation fails the deploy past them. Measured on the resolved
 * documents, whose ARNs have realistic lengths.
 */
final class PolicySizes {

  static final int ROLE_INLINE = 10_240;
  static final int MANAGED = 6_144;
  static final int TRUST = 2_048;

  private PolicySizes() {}

  static void check(String stack, JsonNode template, CfnResolver resolver, List<Finding> all) {
    JsonNode resources = template.path("Resources");
    resources
        .fields()
        .forEachRemaining(
            e -> {
              String type = e.getValue().path("Type").asText();
              JsonNode props = e.getValue().path("Properties");
              Findings findings = new Findings(all, stack, e.getKey());
              if (type.equals("AWS::IAM::Role")) {
                int trust = size(resolver.resolve(props.path("AssumeRolePolicyDocument")));
                if (trust > TRUST) {
                  findings.add(
                      "Properties.AssumeRolePolicyDocument",
                      "iam.policy-size",
                      "trust policy of " + trust + " characters; IAM allows " + TRUST);
                }
                int inline = 0;
                for (JsonNode policy : props.path("Policies")) {
                  inline += size(resolver.resolve(policy.path("PolicyDocument")));
                }
                for (Map.Entry<String, JsonNode> other : iterable(resources)) {
                  if (other.getValue().path("Type").asText().equals("AWS::IAM::Policy")
                      && other
                          .getValue()
                          .path("Properties")
                          .path("Roles")
                          .toString()
                          .contains("\"" + e.getKey() + "\"")) {
                    inline +=
                        size(
                            resolver.resolve(
                                other.getValue().path("Properties").path("PolicyDocument")));
                  }
                }
                if (inline > ROLE_INLINE) {
                  findings.add(
                      "Properties.Policies",
                      "iam.policy-size",
                      "inline policies of "
                          + inline
                          + " characters in all; IAM allows "
                          + ROLE_INLINE
                          + " per role");
                }
              } else if (type.equals("AWS::IAM::ManagedPolicy")) {
                int size = size(resolver.resolve(props.path("PolicyDocument")));
                if (size > MANAGED) {
                  findings.add(
                      "Properties.PolicyDocument",
                      "iam.policy-size",
                      "managed policy of " + size + " characters; IAM allows " + MANAGED);
                }
              }
            });
  }

  /** Characters IAM counts: the compact JSON without whitespace. */
  static int size(JsonNode document) {
    return document.toString().replaceAll("\\s", "").length();
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode resources) {
    return resources::fields;
  }
}
