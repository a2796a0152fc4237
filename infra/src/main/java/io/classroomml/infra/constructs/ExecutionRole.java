package io.classroomml.infra.constructs;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.DataLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The role SageMaker assumes for a student's training jobs, tuning trials, endpoint and batch
 * transform. It reaches only this student's buckets, this student's log streams and the two image
 * repositories: no data action has a wildcard, no managed full-access policy is attached.
 */
public final class ExecutionRole extends Construct {

  /** The value of {@link Names#ROLE_TAG} on execution roles. */
  public static final String ROLE_KIND = "sagemaker-execution";

  private final Role role;

  /**
   * @param studentId the student
   * @param buckets the student's buckets
   * @param repositoryArns the training and inference image repositories
   * @param sharedData a read-only course data set, if any
   */
  public ExecutionRole(
      Construct scope,
      String id,
      String studentId,
      StudentBuckets buckets,
      List<String> repositoryArns,
      Optional<DataLocation> sharedData) {
    super(scope, id);
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
                  .conditions(Map.of("StringLike", Map.of("s3:prefix", List.of(d.prefix() + "*"))))
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
    // SageMaker writes every job into a few fixed, account-wide log groups; a student may create
    // those groups and streams in them, but write only to streams named after their own jobs.
    statements.add(
        PolicyStatement.Builder.create()
            .sid("SageMakerLogGroups")
            .actions(List.of("logs:CreateLogGroup", "logs:CreateLogStream"))
            .resources(
                List.of(
                    logs + ":log-group:/aws/sagemaker/TrainingJobs",
                    logs + ":log-group:/aws/sagemaker/TransformJobs",
                    logs + ":log-group:/aws/sagemaker/Endpoints/" + Names.endpointName(studentId)))
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("OwnLogStreams")
            .actions(List.of("logs:PutLogEvents"))
            .resources(
                List.of(
                    logs
                        + ":log-group:/aws/sagemaker/TrainingJobs:log-stream:"
                        + Names.trainingJobPrefix(studentId)
                        + "-*",
                    logs
                        + ":log-group:/aws/sagemaker/TrainingJobs:log-stream:"
                        + Names.tuningJobPrefix(studentId)
                        + "-*",
                    logs
                        + ":log-group:/aws/sagemaker/TransformJobs:log-stream:"
                        + Names.transformJobPrefix(studentId)
                        + "-*",
                    logs
                        + ":log-group:/aws/sagemaker/Endpoints/"
                        + Names.endpointName(studentId)
                        + ":log-stream:*"))
            .build());
    statements.add(
        PolicyStatement.Builder.create()
            .sid("PublishMetrics")
            .actions(List.of("cloudwatch:PutMetricData"))
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "StringLike",
                    Map.of("cloudwatch:namespace", List.of("/aws/sagemaker/*", "aws/sagemaker/*"))))
            .build());
    this.role =
        Role.Builder.create(this, "Resource")
            .assumedBy(
                new ServicePrincipal("sagemaker.amazonaws.com")
                    .withConditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", Aws.ACCOUNT_ID))))
            .description("SageMaker execution role of student " + studentId)
            .inlinePolicies(
                Map.of(
                    "student-" + studentId,
                    PolicyDocument.Builder.create().statements(statements).build()))
            .build();
    Tags.of(role).add(Names.ROLE_TAG, ROLE_KIND);
    List<Object> accepted = new ArrayList<>();
    accepted.add(Nag.ANY_RESOURCE);
    accepted.add(Nag.bucketObjects("Data", ""));
    accepted.add(Nag.bucketObjects("Artifacts", ""));
    for (String stream :
        List.of(
            "TrainingJobs:log-stream:" + Names.trainingJobPrefix(studentId) + "-*",
            "TrainingJobs:log-stream:" + Names.tuningJobPrefix(studentId) + "-*",
            "TransformJobs:log-stream:" + Names.transformJobPrefix(studentId) + "-*",
            "Endpoints/" + Names.endpointName(studentId) + ":log-stream:*")) {
      accepted.add(Nag.arn("logs", "log-group:/aws/sagemaker/" + stream));
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

  /** The IAM role. */
  public Role role() {
    return role;
  }
}
