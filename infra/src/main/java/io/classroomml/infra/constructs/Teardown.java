package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IManagedPolicy;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SnsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sagemaker.CfnUserProfile;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The out-of-band cleanup path. One small function ({@value #SOURCE}, inline so synth needs no
 * asset build) that
 *
 * <ul>
 *   <li>on stack deletion (a custom resource that depends on the buckets, the student's roles and
 *       the deny policy, so it runs before any of them is deleted): detaches every managed policy
 *       attached to those roles outside CloudFormation (the deny policy after an overspend; IAM
 *       refuses to delete an attached role or policy), stops the student's running training, tuning
 *       and transform jobs, deletes leftover batch models (all found by name prefix <em>and</em>
 *       student tag) and empties both buckets, every version;
 *   <li>when the budget's last threshold is crossed (SNS): attaches the deny policy to the
 *       student's roles, stops the jobs and deletes the endpoint.
 * </ul>
 */
public final class Teardown extends Construct {

  /** The function's source, a classpath resource next to this class. */
  public static final String SOURCE = "teardown.py";

  /** CloudFormation's limit on inline function code. */
  public static final int INLINE_CODE_LIMIT = 4096;

  /** The SageMaker resource types the student's pipelines and stack create. */
  private static final List<String> KINDS =
      List.of("training-job", "hyper-parameter-tuning-job", "transform-job", "model", "endpoint");

  private final Function function;
  private final Role role;
  private final CustomResource onDelete;
  private final String studentId;

  /**
   * @param props what this construct is built from
   */
  public Teardown(Construct scope, String id, TeardownProps props) {
    super(scope, id);
    String studentId = props.studentId();
    StudentBuckets buckets = props.buckets();
    List<IRole> rolesToDeny = props.rolesToDeny();
    IManagedPolicy denyPolicy = props.denyPolicy();
    ITopic stopTopic = props.stopTopic();
    Optional<String> endpointName = props.endpointName();
    String account = Aws.ACCOUNT_ID;
    String arnBase = "arn:" + Aws.PARTITION + ":sagemaker:" + Aws.REGION + ":" + account + ":";
    LogGroup logs =
        LogGroup.Builder.create(this, "Logs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    this.studentId = studentId;
    this.role =
        Role.Builder.create(this, "Role")
            .assumedBy(Trust.fromAccount("lambda.amazonaws.com"))
            .description("Cleanup of student " + studentId)
            .build();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("FindJobs")
            .actions(
                List.of(
                    "sagemaker:ListTrainingJobs",
                    "sagemaker:ListHyperParameterTuningJobs",
                    "sagemaker:ListTransformJobs",
                    "sagemaker:ListModels"))
            .resources(List.of("*"))
            .build());
    String prefix = Names.studentPrefix(studentId);
    List<String> owned = KINDS.stream().map(kind -> arnBase + kind + "/" + prefix + "*").toList();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ReadOwnTags")
            .actions(List.of("sagemaker:ListTags"))
            .resources(owned)
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("StopOwnJobs")
            .actions(
                List.of(
                    "sagemaker:StopTrainingJob",
                    "sagemaker:StopHyperParameterTuningJob",
                    "sagemaker:StopTransformJob",
                    "sagemaker:DeleteModel",
                    "sagemaker:DeleteEndpoint"))
            .resources(owned)
            .conditions(Pipelines.ownResource(studentId))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("EmptyBuckets")
            .actions(List.of("s3:ListBucket", "s3:ListBucketVersions"))
            .resources(List.of(buckets.data().getBucketArn(), buckets.artifacts().getBucketArn()))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeleteObjects")
            .actions(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"))
            .resources(
                List.of(buckets.data().arnForObjects("*"), buckets.artifacts().arnForObjects("*")))
            .build());
    // Before CloudFormation deletes the roles (and the deny policy), whatever was attached to
    // them outside it must come off: IAM refuses DeleteRole and DeletePolicy while attached.
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DetachBeforeDelete")
            .actions(List.of("iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"))
            .resources(rolesToDeny.stream().map(IRole::getRoleArn).toList())
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DenyFurtherSpending")
            .actions(List.of("iam:AttachRolePolicy"))
            .resources(rolesToDeny.stream().map(IRole::getRoleArn).toList())
            .conditions(
                Ordered.map(
                    "ArnEquals", Ordered.map("iam:PolicyARN", denyPolicy.getManagedPolicyArn())))
            .build());

    Map<String, String> environment =
        new LinkedHashMap<>(
            Ordered.map(
                "PREFIX",
                prefix,
                "STUDENT",
                studentId,
                "MODELS",
                Names.batchModelPrefix(studentId) + "-",
                "TAG_KEY",
                Names.STUDENT_TAG,
                "BUCKETS",
                Fn.join(
                    ",",
                    List.of(buckets.data().getBucketName(), buckets.artifacts().getBucketName())),
                "ROLES",
                Fn.join(",", rolesToDeny.stream().map(IRole::getRoleName).toList()),
                "DENY_POLICY",
                denyPolicy.getManagedPolicyArn()));
    endpointName.ifPresent(name -> environment.put("ENDPOINT", name));
    this.function =
        InlinePython.function(this, "Function", SOURCE)
            .role(role)
            .timeout(Duration.minutes(10))
            .logGroup(logs)
            .environment(environment)
            .description("Stops and removes what student " + studentId + " started")
            .build();
    function.addEventSource(new SnsEventSource(stopTopic));
    List<Object> accepted = new ArrayList<>();
    accepted.add(Nag.ANY_RESOURCE);
    for (String kind : KINDS) {
      accepted.add(Nag.arn("sagemaker", kind + "/" + prefix + "*"));
    }
    accepted.add(Nag.bucketObjects("Data", ""));
    accepted.add(Nag.bucketObjects("Artifacts", ""));
    Nag.accept(
        role,
        Nag.IAM5,
        "SageMaker List* calls support no resource-level permissions; stopping and deleting is"
            + " limited to this student's name prefix (and the function checks the student tag);"
            + " emptying the buckets must reach every object of this student's two buckets.",
        accepted);
    // Referencing the buckets, the roles and the deny policy makes this resource depend on them,
    // so CloudFormation deletes it (and runs the cleanup) before any of them.
    this.onDelete =
        CustomResource.Builder.create(this, "OnDelete")
            .serviceToken(function.getFunctionArn())
            .resourceType("Custom::ClassroomTeardown")
            .properties(
                Ordered.map(
                    "Buckets",
                    List.of(buckets.data().getBucketName(), buckets.artifacts().getBucketName()),
                    "Roles",
                    rolesToDeny.stream().map(IRole::getRoleName).toList(),
                    "DenyPolicy",
                    denyPolicy.getManagedPolicyArn(),
                    "Prefix",
                    prefix))
            .build();
  }

  /**
   * Also covers the student's Studio notebooks: on Delete, before CloudFormation deletes the user
   * profile (which it cannot while apps or spaces are left), the function deletes the apps of the
   * profile and of the spaces it owns, waits, then the spaces; on the budget stop, the apps only.
   * Apps and spaces are found by owner, and the role reaches only names under the student's prefix
   * (spaces must be named {@code <id>--...}; the profile is {@code <id>--notebook}).
   */
  public void coverNotebooks(String domainId, CfnUserProfile profile) {
    function.addEnvironment("DOMAIN", domainId);
    function.addEnvironment("PROFILE", Names.notebookProfile(studentId));
    onDelete.getNode().addDependency(profile);
    String arn = "arn:" + Aws.PARTITION + ":sagemaker:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
    String prefix = Names.studentPrefix(studentId);
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("FindNotebooks")
            .actions(List.of("sagemaker:ListApps", "sagemaker:ListSpaces"))
            .resources(List.of("*"))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeleteOwnNotebooks")
            .actions(List.of("sagemaker:DeleteApp", "sagemaker:DeleteSpace"))
            .resources(
                List.of(
                    arn + "app/" + domainId + "/" + prefix + "*",
                    arn + "space/" + domainId + "/" + prefix + "*"))
            .build());
    Nag.accept(
        role,
        Nag.IAM5,
        "Studio names the apps of a space after it, and the student names the spaces; both under"
            + " this student's prefix in the class's domain. ListApps and ListSpaces support no"
            + " resource-level permissions.",
        List.of(Nag.ANY_RESOURCE, Nag.notebookArns(prefix)));
  }

  /** The cleanup function. */
  public Function function() {
    return function;
  }

  /** The function's Python source. */
  public static String source() {
    return InlinePython.source(SOURCE);
  }
}
