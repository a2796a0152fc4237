package io.classroomml.infra.stacks;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.constructs.ClassDomain;
import io.classroomml.infra.constructs.Nag;
import io.classroomml.infra.constructs.StudentWidgets;
import io.classroomml.infra.constructs.Trust;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.ecr.TagStatus;
import software.amazon.awscdk.services.iam.AccountRootPrincipal;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.constructs.Construct;

/**
 * What the class shares and what must outlive the student stacks: the training and inference image
 * repositories (immutable tags, scan on push, lifecycle rules, pulls only by classroom roles), the
 * janitor that deletes each student stack when the class's time is up (EventBridge Scheduler
 * calling CloudFormation DeleteStack; it lives here, so it survives the deletion it performs), and
 * one class dashboard of training and endpoint metrics.
 */
public final class PlatformStack extends Stack {

  /** Untagged images are removed after this many days; only this many images are kept. */
  static final int UNTAGGED_DAYS = 7;

  static final int KEEP_IMAGES = 20;

  /** CDK's default bootstrap qualifier: its CloudFormation execution role runs DeleteStack. */
  static final String BOOTSTRAP_QUALIFIER = "hnb659fds";

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Repository training;
  private final Repository inference;
  private final java.util.Optional<ClassDomain> notebooks;

  /** Builds the platform for {@code config}. */
  public PlatformStack(Construct scope, ClassroomConfig config) {
    super(
        scope,
        Names.PLATFORM_STACK,
        StackProps.builder()
            .stackName(Names.PLATFORM_STACK)
            .description("classroom-ml shared platform: image repositories, janitor, dashboard")
            .env(Environment.builder().account(config.account()).region(config.region()).build())
            .build());
    this.training = repository("TrainingImages", Names.TRAINING_REPOSITORY);
    this.inference = repository("InferenceImages", Names.INFERENCE_REPOSITORY);
    config.expiresAt().ifPresent(at -> janitor(config, AT.format(at)));
    dashboard(config);
    this.notebooks =
        config.notebooks().enabled()
            ? java.util.Optional.of(new ClassDomain(this, "Notebooks", config.notebooks()))
            : java.util.Optional.empty();
  }

  /** The class's Studio domain, with {@code studentNotebooks=true}. */
  public java.util.Optional<ClassDomain> notebooks() {
    return notebooks;
  }

  private Repository repository(String id, String name) {
    Repository repository =
        Repository.Builder.create(this, id)
            .repositoryName(name)
            .imageTagMutability(TagMutability.IMMUTABLE)
            .imageScanOnPush(true)
            .lifecycleRules(
                List.of(
                    LifecycleRule.builder()
                        .rulePriority(1)
                        .tagStatus(TagStatus.UNTAGGED)
                        .maxImageAge(Duration.days(UNTAGGED_DAYS))
                        .build(),
                    LifecycleRule.builder()
                        .rulePriority(2)
                        .tagStatus(TagStatus.ANY)
                        .maxImageCount(KEEP_IMAGES)
                        .build()))
            .emptyOnDelete(true)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    List<String> pull =
        List.of(
            "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability");
    // Only roles of the classroom (tagged by the student stacks) may pull; everyone else is
    // denied, whatever their identity policies say.
    repository.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("ClassroomRolesPull")
            .principals(List.of(new AccountRootPrincipal()))
            .actions(pull)
            .conditions(
                Ordered.map("Null", Ordered.map("aws:PrincipalTag/" + Names.STUDENT_TAG, "false")))
            .build());
    repository.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .sid("OthersDoNotPull")
            .effect(Effect.DENY)
            .principals(List.of(new AnyPrincipal()))
            .actions(pull)
            .conditions(
                Ordered.map("Null", Ordered.map("aws:PrincipalTag/" + Names.STUDENT_TAG, "true")))
            .build());
    return repository;
  }

  private void janitor(ClassroomConfig config, String at) {
    Role role =
        Role.Builder.create(this, "JanitorRole")
            .assumedBy(Trust.scheduler())
            .description("Deletes the student stacks when the class ends")
            .build();
    // One pattern rather than one ARN per student: a class of 100 would overflow the role's
    // policy size. The platform stack itself is excluded by an explicit deny (student ids are
    // lower-case, so no student stack is named Classroom-Platform).
    String stackArn =
        "arn:" + Aws.PARTITION + ":cloudformation:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":stack/";
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeleteStudentStacks")
            .actions(List.of("cloudformation:DeleteStack"))
            .resources(List.of(stackArn + Names.studentStack("*") + "/*"))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("KeepThePlatform")
            .effect(Effect.DENY)
            .actions(List.of("cloudformation:DeleteStack"))
            .resources(List.of(stackArn + Names.PLATFORM_STACK + "/*"))
            .build());
    // DeleteStack runs as the role the stack was deployed with (CDK's execution role).
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("PassDeploymentRole")
            .actions(List.of("iam:PassRole"))
            .resources(
                List.of(
                    "arn:"
                        + Aws.PARTITION
                        + ":iam::"
                        + Aws.ACCOUNT_ID
                        + ":role/cdk-"
                        + BOOTSTRAP_QUALIFIER
                        + "-cfn-exec-role-"
                        + Aws.ACCOUNT_ID
                        + "-"
                        + Aws.REGION))
            .conditions(
                Ordered.map(
                    "StringEquals",
                    Ordered.map("iam:PassedToService", "cloudformation.amazonaws.com")))
            .build());
    Nag.accept(
        role,
        Nag.IAM5,
        "Student stacks are named Classroom-<id> and a stack ARN ends in an id CloudFormation"
            + " generates; the platform stack is denied explicitly.",
        List.of(Nag.arn("cloudformation", "stack/" + Names.studentStack("*") + "/*")));
    for (Student student : config.students()) {
      CfnSchedule.Builder.create(this, "Expire-" + student.id())
          .description("Deletes " + Names.studentStack(student.id()) + " when the class ends")
          .scheduleExpression("at(" + at + ")")
          .scheduleExpressionTimezone("UTC")
          .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
          .target(
              CfnSchedule.TargetProperty.builder()
                  .arn("arn:" + Aws.PARTITION + ":scheduler:::aws-sdk:cloudformation:deleteStack")
                  .roleArn(role.getRoleArn())
                  .input("{\"StackName\":\"" + Names.studentStack(student.id()) + "\"}")
                  .retryPolicy(
                      CfnSchedule.RetryPolicyProperty.builder()
                          .maximumRetryAttempts(10)
                          .maximumEventAgeInSeconds(86_400)
                          .build())
                  .build())
          .build();
    }
  }

  private void dashboard(ClassroomConfig config) {
    List<List<IWidget>> rows = new ArrayList<>();
    List<String> ids = config.students().stream().map(Student::id).toList();
    for (Student student : config.students()) {
      rows.add(StudentWidgets.row(student.id(), ids));
    }
    Dashboard.Builder.create(this, "ClassDashboard").widgets(rows).build();
  }

  /** The ARNs of both image repositories. */
  public List<String> repositoryArns() {
    return List.of(
        repositoryArn(Names.TRAINING_REPOSITORY), repositoryArn(Names.INFERENCE_REPOSITORY));
  }

  /** The training image by digest. */
  public String trainingImage(String digest) {
    return imageUri(Names.TRAINING_REPOSITORY, digest);
  }

  /** The inference image by digest. */
  public String inferenceImage(String digest) {
    return imageUri(Names.INFERENCE_REPOSITORY, digest);
  }

  // Built from the fixed names rather than exported, so student stacks do not import values from
  // this stack (an export would block updating the repositories while any student stack exists).
  private String repositoryArn(String name) {
    return "arn:"
        + Aws.PARTITION
        + ":ecr:"
        + getRegion()
        + ":"
        + getAccount()
        + ":repository/"
        + name;
  }

  private String imageUri(String name, String digest) {
    return getAccount()
        + ".dkr.ecr."
        + getRegion()
        + "."
        + Aws.URL_SUFFIX
        + "/"
        + name
        + "@"
        + digest;
  }

  /** The training repository. */
  public Repository trainingRepository() {
    return training;
  }

  /** The inference repository. */
  public Repository inferenceRepository() {
    return inference;
  }
}
