package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.DataLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/**
 * The role SageMaker assumes for a student's training jobs, tuning trials, endpoint and batch
 * transform. It reaches only this student's buckets, this student's log streams and the two image
 * repositories: no data action has a wildcard, no managed full-access policy is attached.
 */
public final class ExecutionRole extends Construct {

  /** The value of {@link Names#ROLE_TAG} on execution roles. */
  public static final String ROLE_KIND = "sagemaker-execution";

  /** Where SageMaker writes training job (and tuning trial) logs. */
  public static final String TRAINING_LOGS = "/aws/sagemaker/TrainingJobs";

  /** Where SageMaker writes batch transform logs. */
  public static final String TRANSFORM_LOGS = "/aws/sagemaker/TransformJobs";

  /** An endpoint's log group is this followed by the endpoint name. */
  public static final String ENDPOINT_LOGS_PREFIX = "/aws/sagemaker/Endpoints/";

  private final Role role;

  /**
   * @param props what this construct is built from
   */
  public ExecutionRole(Construct scope, String id, ExecutionRoleProps props) {
    super(scope, id);
    String studentId = props.studentId();
    StudentBuckets buckets = props.buckets();
    List<String> repositoryArns = props.repositoryArns();
    Optional<DataLocation> sharedData = props.sharedData();
    String logs = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID;
    List<PolicyStatement> statements = new ArrayList<>();
    statements.add(
        PolicyStatement.Builder.create()
            .sid("ReadData")
            .actions(List.of("s3:GetObject", "s3:ListBucket"))
            .resources(
                List.of(
                    buckets.data().getBucketArn(),
                    buckets.data().arnForObjects("*"),
                    buckets.artifacts().getBucketArn(),
                    buckets.artifacts().arnForObjects("*")))
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("WriteArtifacts")
            .actions(List.of("s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"))
            .resources(List.of(buckets.artifacts().arnForObjects("*")))
            .build());
    sharedData.ifPresent(
        d -> {
          String bucketArn = "arn:" + Aws.PARTITION + ":s3:::" + d.bucket();
          statements.add(
              PolicyStatement.Builder.create()
                  .sid("ReadSharedData")
                  .actions(List.of("s3:GetObject"))
                  .resources(List.of(bucketArn + "/" + d.prefix() + "*"))
                  .build());
          statements.add(
              PolicyStatement.Builder.create()
                  .sid("ListSharedData")
                  .actions(List.of("s3:ListBucket"))
                  .resources(List.of(bucketArn))
                  .conditions(
                      Ordered.map(
                          "StringLike", Ordered.map("s3:prefix", List.of(d.prefix() + "*"))))
                  .build());
        });
    statements.add(
        PolicyStatement.Builder.create()
            .sid("PullImages")
            .actions(
                List.of(
                    "ecr:BatchGetImage",
                    "ecr:GetDownloadUrlForLayer",
                    "ecr:BatchCheckLayerAvailability"))
            .resources(repositoryArns)
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("EcrLogin")
            .actions(List.of("ecr:GetAuthorizationToken"))
            .resources(List.of("*"))
            .build());
    // SageMaker writes every job into a few fixed, account-wide log groups, one stream per
    // instance named after the job: "<job>/algo-1-<time>", "<job>/<instance>-<time>". The
    // execution-role documentation lists CreateLogGroup (authorized on the group),
    // CreateLogStream and PutLogEvents (on the stream) and DescribeLogStreams (on the group).
    // Streams are this student's only: their job names start with the student's prefix.
    statements.add(
        PolicyStatement.Builder.create()
            .sid("SageMakerLogGroups")
            .actions(List.of("logs:CreateLogGroup", "logs:DescribeLogStreams"))
            .resources(logGroups(studentId).stream().map(g -> logs + ":log-group:" + g).toList())
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("OwnLogStreams")
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(
                logStreams(studentId).stream()
                    .map(stream -> logs + ":log-group:" + stream)
                    .toList())
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("PublishMetrics")
            .actions(List.of("cloudwatch:PutMetricData"))
            .resources(List.of("*"))
            .conditions(
                Ordered.map(
                    "StringLike",
                    Ordered.map(
                        "cloudwatch:namespace", List.of("/aws/sagemaker/*", "aws/sagemaker/*"))))
            .build());
    this.role =
        Role.Builder.create(this, "Resource")
            .assumedBy(Trust.fromAccount("sagemaker.amazonaws.com"))
            .description("SageMaker execution role of student " + studentId)
            .inlinePolicies(
                Ordered.map(
                    "student-" + studentId,
                    PolicyDocument.Builder.create().statements(statements).build()))
            .build();
    Tags.of(role).add(Names.ROLE_TAG, ROLE_KIND);
    List<Object> accepted = new ArrayList<>();
    accepted.add(Nag.ANY_RESOURCE);
    accepted.add(Nag.bucketObjects("Data", ""));
    accepted.add(Nag.bucketObjects("Artifacts", ""));
    for (String stream : logStreams(studentId)) {
      accepted.add(Nag.arn("logs", "log-group:" + stream));
    }
    sharedData.ifPresent(
        d ->
            accepted.add(
                "Resource::arn:<AWS::Partition>:s3:::" + d.bucket() + "/" + d.prefix() + "*"));
    Nag.accept(
        role,
        Nag.IAM5,
        "Objects of this student's own buckets (and the read-only course prefix), whose keys the"
            + " jobs choose; log streams SageMaker names after this student's job prefixes;"
            + " ecr:GetAuthorizationToken and cloudwatch:PutMetricData (namespace-conditioned)"
            + " support no resource-level permissions.",
        accepted);
  }

  /** SageMaker's log groups this student's jobs and endpoint write to. */
  public static List<String> logGroups(String studentId) {
    return List.of(
        TRAINING_LOGS, TRANSFORM_LOGS, ENDPOINT_LOGS_PREFIX + Names.endpointName(studentId));
  }

  /**
   * The log streams of this student's jobs and endpoint, as {@code <group>:log-stream:<pattern>}:
   * training jobs and tuning trials in the training group, transform jobs in the transform group,
   * every stream of the student's own endpoint group.
   */
  public static List<String> logStreams(String studentId) {
    return List.of(
        TRAINING_LOGS + ":log-stream:" + Names.trainingJobPrefix(studentId) + "-*",
        TRAINING_LOGS + ":log-stream:" + Names.tuningJobPrefix(studentId) + "-*",
        TRANSFORM_LOGS + ":log-stream:" + Names.transformJobPrefix(studentId) + "-*",
        ENDPOINT_LOGS_PREFIX + Names.endpointName(studentId) + ":log-stream:*");
  }

  /** The IAM role. */
  public Role role() {
    return role;
  }
}
