package io.classroomml.infra.aws;

/**
 * One way a synthesized template disagrees with AWS's published models: where (stack template,
 * logical id, path inside the resource), which rule, and what is wrong in words a platform engineer
 * can act on.
 *
 * @param template the stack (template) name, e.g. {@code Classroom-alice}
 * @param logicalId the CloudFormation logical id of the resource
 * @param path where inside the resource, e.g. {@code Policies[0].Statement[2].Resource[1]}
 * @param rule a stable rule id, e.g. {@code iam.resource-matches-no-type}
 * @param message what is wrong and, where known, what AWS expects instead
 */
public record Finding(String template, String logicalId, String path, String rule, String message) {

  @Override
  public String toString() {
    return template + " " + logicalId + " " + path + " [" + rule + "] " + message;
  }
}
