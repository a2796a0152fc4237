package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.NotebookSettings;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sagemaker.CfnStudioLifecycleConfig;
import software.amazon.awscdk.services.sagemaker.CfnUserProfile;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * A student's Studio user profile ({@code <id>--notebook}) in the class's domain. Its execution
 * role is the student role itself, so a notebook can do exactly what the student can, nothing of
 * anyone else's; the role gains what Studio needs on the student's own profile, spaces and apps
 * only: spaces named {@code <id>--...}, private, owned by this profile, JupyterLab apps on the
 * class's notebook instance types. A lifecycle configuration ({@code <id>--notebook-setup}) writes
 * the student's buckets and pipeline ARNs to {@code ~/.classroom/env} and {@code
 * ~/.classroom/config.json} and installs Java 17 and Maven (conda-forge) into the space's volume in
 * the background, once per space, so the project's {@code scripts/} run in the space.
 *
 * <p>Why a lifecycle configuration rather than an image of ours built by Jib: a Studio image must
 * carry JupyterLab and Python (SageMaker Distribution is several GB, not a base Jib can build from
 * offline), and needs an ECR repository, Image, ImageVersion and AppImageConfig per class; a
 * lifecycle configuration is a small script, changed with the stack. The trade-off: it downloads
 * Java at run time (about a minute at a space's first start, from conda-forge, through the internet
 * that PublicInternetOnly gives; the space's volume keeps it), where an image would start with
 * everything in place and pinned.
 */
public final class StudentNotebook extends Construct {

  /** What SageMaker's Studio apps call the JupyterLab app type, in app ARNs. */
  public static final String APP_TYPE = "JupyterLab";

  private final CfnUserProfile profile;

  /**
   * @param props what this construct is built from
   */
  public StudentNotebook(Construct scope, String id, StudentNotebookProps props) {
    super(scope, id);
    String studentId = props.studentId();
    String domainId = props.domainId();
    NotebookSettings settings = props.settings();
    Role studentRole = props.studentRole();
    StudentBuckets buckets = props.buckets();
    List<StateMachine> pipelines = props.pipelines();
    CfnStudioLifecycleConfig setup =
        CfnStudioLifecycleConfig.Builder.create(this, "Setup")
            .studioLifecycleConfigName(Names.notebookSetup(studentId))
            .studioLifecycleConfigAppType(APP_TYPE)
            .studioLifecycleConfigContent(Fn.base64(script(studentId, buckets, pipelines)))
            .build();
    setup.applyRemovalPolicy(RemovalPolicy.DESTROY);
    String setupArn = setup.getAttrStudioLifecycleConfigArn();
    this.profile =
        CfnUserProfile.Builder.create(this, "Profile")
            .domainId(domainId)
            .userProfileName(Names.notebookProfile(studentId))
            .userSettings(
                CfnUserProfile.UserSettingsProperty.builder()
                    .executionRole(studentRole.getRoleArn())
                    .jupyterLabAppSettings(
                        CfnUserProfile.JupyterLabAppSettingsProperty.builder()
                            .defaultResourceSpec(
                                CfnUserProfile.ResourceSpecProperty.builder()
                                    .instanceType(settings.defaultInstanceType())
                                    .lifecycleConfigArn(setupArn)
                                    .build())
                            .lifecycleConfigArns(List.of(setupArn))
                            .appLifecycleManagement(
                                CfnUserProfile.AppLifecycleManagementProperty.builder()
                                    .idleSettings(
                                        CfnUserProfile.IdleSettingsProperty.builder()
                                            .lifecycleManagement("ENABLED")
                                            .idleTimeoutInMinutes(settings.idleMinutes())
                                            .minIdleTimeoutInMinutes(60)
                                            .maxIdleTimeoutInMinutes(settings.idleMinutes())
                                            .build())
                                    .build())
                            .build())
                    .build())
            .build();
    profile.applyRemovalPolicy(RemovalPolicy.DESTROY);
    // The validator bundled with the CDK knows an older UserProfile schema; the L1 (generated
    // from CloudFormation's registry) and botocore's UserSettings both have idle settings here.
    Validations.of(profile)
        .acknowledge(
            Acknowledgment.builder()
                .id("CloudFormation-Validate::F3002")
                .reason(
                    "JupyterLabAppSettings.AppLifecycleManagement is in CfnUserProfile and in"
                        + " botocore's CreateUserProfile shape")
                .build());
    grant(studentId, domainId, settings, studentRole);
  }

  private void grant(String studentId, String domainId, NotebookSettings settings, Role role) {
    role.getAssumeRolePolicy()
        .addStatements(
            PolicyStatement.Builder.create()
                .actions(List.of("sts:AssumeRole"))
                .principals(List.of(Trust.fromAccount("sagemaker.amazonaws.com")))
                .build());
    String arn = "arn:" + Aws.PARTITION + ":sagemaker:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
    String prefix = Names.studentPrefix(studentId);
    String profileArn = arn + "user-profile/" + domainId + "/" + Names.notebookProfile(studentId);
    String spaces = arn + "space/" + domainId + "/" + prefix + "*";
    String apps = arn + "app/" + domainId + "/" + prefix + "*/jupyterlab/*";
    Map<String, Object> ownPrivate =
        Ordered.map(
            "ArnEquals", Ordered.map("sagemaker:OwnerUserProfileArn", profileArn),
            "StringEquals", Ordered.map("sagemaker:SpaceSharingType", "Private"));
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("OpenOwnNotebook")
            .actions(List.of("sagemaker:CreatePresignedDomainUrl", "sagemaker:DescribeUserProfile"))
            .resources(List.of(profileArn))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SeeTheDomain")
            .actions(List.of("sagemaker:DescribeDomain"))
            .resources(List.of(arn + "domain/" + domainId))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("ListNotebooks")
            .actions(List.of("sagemaker:ListSpaces", "sagemaker:ListApps"))
            .resources(List.of("*"))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("SeeOwnSpacesAndApps")
            .actions(List.of("sagemaker:DescribeSpace", "sagemaker:DescribeApp"))
            .resources(List.of(spaces, apps))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("OwnPrivateSpaces")
            .actions(List.of("sagemaker:CreateSpace", "sagemaker:UpdateSpace"))
            .resources(List.of(spaces))
            .conditions(withInstanceTypes(ownPrivate, settings))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("StartOwnJupyterLab")
            .actions(List.of("sagemaker:CreateApp"))
            .resources(List.of(apps))
            .conditions(withInstanceTypes(ownPrivate, settings))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("StopOwnJupyterLab")
            .actions(List.of("sagemaker:DeleteApp", "sagemaker:DeleteSpace"))
            .resources(List.of(spaces, apps))
            .conditions(ownPrivate)
            .build());
    // Studio tags what it creates with the profile's tags (the domain propagates them), so the
    // student's budget sees notebook spending; only the student's own tag value may be set.
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("TagOwnSpacesAndApps")
            .actions(List.of("sagemaker:AddTags"))
            .resources(List.of(spaces, apps))
            .conditions(
                Ordered.map(
                    "StringEquals", Ordered.map("aws:RequestTag/" + Names.STUDENT_TAG, studentId)))
            .build());
    Nag.accept(
        role,
        Nag.IAM5,
        "Studio names apps after their space and the student names the spaces, all under this"
            + " student's prefix in the class's domain and owned by this student's profile;"
            + " ListSpaces and ListApps support no resource-level permissions.",
        List.of(Nag.ANY_RESOURCE, Nag.notebookArns(prefix)));
  }

  private static Map<String, Object> withInstanceTypes(
      Map<String, Object> conditions, NotebookSettings settings) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(conditions);
    out.put(
        "ForAllValues:StringEquals",
        Ordered.map("sagemaker:InstanceTypes", settings.instanceTypes()));
    return out;
  }

  /** The lifecycle script: the student's resources for notebooks, then Java in the background. */
  static String script(String studentId, StudentBuckets buckets, List<StateMachine> pipelines) {
    String data = buckets.data().getBucketName();
    String artifacts = buckets.artifacts().getBucketName();
    String training = pipelines.get(0).getStateMachineArn();
    String tuning = pipelines.get(1).getStateMachineArn();
    String transform = pipelines.get(2).getStateMachineArn();
    return String.join(
        "\n",
        "#!/bin/bash",
        "# classroom-ml: " + studentId + "'s buckets and pipelines, and Java 17 for scripts/.",
        "set -eu",
        "mkdir -p \"$HOME/.classroom\"",
        "cat > \"$HOME/.classroom/env\" <<'EOF'",
        "export CLASSROOM_STUDENT=" + studentId,
        "export CLASSROOM_DATA_BUCKET=" + data,
        "export CLASSROOM_ARTIFACTS_BUCKET=" + artifacts,
        "export CLASSROOM_TRAINING_PIPELINE=" + training,
        "export CLASSROOM_TUNING_PIPELINE=" + tuning,
        "export CLASSROOM_TRANSFORM_PIPELINE=" + transform,
        "export PATH=\"$HOME/.classroom/java/bin:$PATH\"",
        "EOF",
        "cat > \"$HOME/.classroom/config.json\" <<'EOF'",
        "{\"student\": \"" + studentId + "\", \"dataBucket\": \"" + data + "\",",
        " \"artifactsBucket\": \""
            + artifacts
            + "\", \"trainingPipelineArn\": \""
            + training
            + "\",",
        " \"tuningPipelineArn\": \""
            + tuning
            + "\", \"transformPipelineArn\": \""
            + transform
            + "\"}",
        "EOF",
        "grep -qs classroom/env \"$HOME/.bashrc\" || echo '. \"$HOME/.classroom/env\"' >>"
            + " \"$HOME/.bashrc\"",
        "# Java 17 and Maven into the space's own volume, once (it keeps them across restarts); in"
            + " the background, as a lifecycle script must end within 5 minutes.",
        "if [ ! -x \"$HOME/.classroom/java/bin/java\" ]; then",
        "  nohup micromamba create -y -p \"$HOME/.classroom/java\" -c conda-forge openjdk=17"
            + " maven >\"$HOME/.classroom/java-install.log\" 2>&1 &",
        "fi",
        "");
  }

  /** The user profile. */
  public CfnUserProfile profile() {
    return profile;
  }
}
