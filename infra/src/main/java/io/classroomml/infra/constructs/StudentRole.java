package io.classroomml.infra.constructs;

import io.classroomml.infra.Names;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The role a student works as (the platform engineer lets the student's identity assume it): start
 * and watch their own pipelines, upload to their data bucket, read their artifacts, see their own
 * jobs and logs, and invoke their own endpoint. Nothing of any other student.
 */
public final class StudentRole extends Construct {

  /** The value of {@link Names#ROLE_TAG} on student roles. */
  public static final String ROLE_KIND = "student";

  private final Role role;

  /**
   * @param props what this construct is built from
   */
  public StudentRole(Construct scope, String id, StudentRoleProps props) {
    super(scope, id);
    String studentId = props.studentId();
    StudentBuckets buckets = props.buckets();
    List<StateMachine> pipelines = props.pipelines();
    boolean hasEndpoint = props.hasEndpoint();
    this.role =
        Role.Builder.create(this, "Resource")
            .assumedBy(new AccountRootPrincipal())
            .description("Student " + studentId + " of the classroom")
            .build();
    Tags.of(role).add(Names.ROLE_TAG, ROLE_KIND);
    // What scripts/local's verbs against AWS call (local/.../aws): start, follow (history), list,
    // describe and stop the student's own executions, and find the stack's outputs.
    for (StateMachine pipeline : pipelines) {
      pipeline.grantStartExecution(role);
      pipeline.grantExecution(
          role, "states:DescribeExecution", "states:StopExecution", "states:GetExecutionHistory");
    }
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ListOwnExecutions")
            .actions(List.of("states:ListExecutions"))
            .resources(pipelines.stream().map(StateMachine::getStateMachineArn).toList())
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadOwnStackOutputs")
            .actions(List.of("cloudformation:DescribeStacks"))
            .resources(List.of(Aws.STACK_ID))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ListOwnBuckets")
            .actions(List.of("s3:ListBucket"))
            .resources(List.of(buckets.data().getBucketArn(), buckets.artifacts().getBucketArn()))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("UploadData")
            .actions(
                List.of(
                    "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"))
            .resources(List.of(buckets.data().arnForObjects("*")))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadArtifacts")
            .actions(List.of("s3:GetObject"))
            .resources(List.of(buckets.artifacts().arnForObjects("*")))
            .build());
    String arn = "arn:" + Aws.PARTITION + ":sagemaker:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SeeOwnJobs")
            .actions(
                List.of(
                    "sagemaker:DescribeTrainingJob",
                    "sagemaker:DescribeHyperParameterTuningJob",
                    "sagemaker:ListTrainingJobsForHyperParameterTuningJob",
                    "sagemaker:DescribeTransformJob"))
            .resources(
                List.of(
                    arn + "training-job/" + Names.trainingJobPrefix(studentId) + "-*",
                    arn + "training-job/" + Names.tuningJobPrefix(studentId) + "-*",
                    arn + "hyper-parameter-tuning-job/" + Names.tuningJobPrefix(studentId) + "-*",
                    arn + "transform-job/" + Names.transformJobPrefix(studentId) + "-*"))
            .conditions(Pipelines.ownResource(studentId))
            .build());
    String logs = "arn:" + Aws.PARTITION + ":logs:" + Aws.REGION + ":" + Aws.ACCOUNT_ID;
    // GetLogEvents is authorized on the stream: this student's streams only. Finding the
    // streams (DescribeLogStreams) is authorized on the group, and the training and transform
    // groups are shared: it shows other jobs' stream names, never their events. Searching a
    // whole group (FilterLogEvents) only in the student's own endpoint group.
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadOwnLogs")
            .actions(List.of("logs:GetLogEvents"))
            .resources(
                ExecutionRole.logStreams(studentId).stream()
                    .map(stream -> logs + ":log-group:" + stream)
                    .toList())
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("FindOwnLogStreams")
            .actions(List.of("logs:DescribeLogStreams"))
            .resources(
                ExecutionRole.logGroups(studentId).stream()
                    .map(group -> logs + ":log-group:" + group)
                    .toList())
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SearchOwnEndpointLogs")
            .actions(List.of("logs:FilterLogEvents"))
            .resources(
                List.of(
                    logs
                        + ":log-group:"
                        + ExecutionRole.ENDPOINT_LOGS_PREFIX
                        + Names.endpointName(studentId)))
            .build());
    if (hasEndpoint) {
      role.addToPolicy(
          PolicyStatement.Builder.create()
              .sid("InvokeOwnEndpoint")
              .actions(List.of("sagemaker:InvokeEndpoint"))
              .resources(List.of(arn + "endpoint/" + Names.endpointName(studentId)))
              .conditions(Pipelines.ownResource(studentId))
              .build());
    }
    List<Object> accepted = new ArrayList<>();
    accepted.add(
        RegexAppliesTo.builder()
            .regex(
                "/^Resource::arn:<AWS::Partition>:states:[a-z0-9-]+:[0-9]{12}:execution:.*:\\*$/g")
            .build());
    accepted.add(Nag.bucketObjects("Data", ""));
    accepted.add(Nag.bucketObjects("Artifacts", ""));
    accepted.add(Nag.arn("sagemaker", "training-job/" + Names.trainingJobPrefix(studentId) + "-*"));
    accepted.add(Nag.arn("sagemaker", "training-job/" + Names.tuningJobPrefix(studentId) + "-*"));
    accepted.add(
        Nag.arn(
            "sagemaker", "hyper-parameter-tuning-job/" + Names.tuningJobPrefix(studentId) + "-*"));
    accepted.add(
        Nag.arn("sagemaker", "transform-job/" + Names.transformJobPrefix(studentId) + "-*"));
    for (String stream : ExecutionRole.logStreams(studentId)) {
      accepted.add(Nag.arn("logs", "log-group:" + stream));
    }
    Nag.accept(
        role,
        Nag.IAM5,
        "Executions of this student's own pipelines (named at start), objects of this student's"
            + " own buckets, and jobs and log streams under this student's name prefixes.",
        accepted);
  }

  /** The IAM role. */
  public Role role() {
    return role;
  }
}
