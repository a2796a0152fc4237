package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.NotebookSettings;
import java.util.List;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CustomResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.CfnSubnet;
import software.amazon.awscdk.services.ec2.CfnVPC;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sagemaker.CfnDomain;
import software.constructs.Construct;

/**
 * The class's SageMaker Studio domain (with {@code studentNotebooks=true}): IAM auth, JupyterLab on
 * the smallest allowed type with idle shutdown, 5 GB space volumes, tags propagated to what
 * students start (so their budgets see it).
 *
 * <p>Network: {@code PublicInternetOnly}, so notebooks reach the internet (pip, conda, S3) through
 * SageMaker's own network, in a VPC of our own whose two subnets are isolated: no internet gateway,
 * no NAT gateway, no public addresses. The VPC only carries NFS between the apps and the home EFS;
 * nothing in it bills while idle. (The account's default VPC would need a lookup at synth, which
 * breaks the offline synth, and may not exist in an organisation's accounts.)
 *
 * <p>Teardown: CloudFormation cannot delete a domain with apps, spaces or profiles in it, keeps its
 * home EFS (whose mount targets then block the subnets), and leaves the NFS security groups
 * SageMaker created in the VPC. A custom resource that depends on the domain and the VPC does all
 * of that first ({@value #SOURCE}).
 */
public final class ClassDomain extends Construct {

  /** The cleanup function's source, a classpath resource next to this class. */
  public static final String SOURCE = "domain_cleanup.py";

  /** Space volumes: the default and largest size a student may choose (GB; 5 is the minimum). */
  public static final int SPACE_VOLUME_GB = 5;

  private final CfnDomain domain;

  /**
   * @param notebooks the notebook settings (instance types, idle minutes)
   */
  public ClassDomain(Construct scope, String id, NotebookSettings notebooks) {
    super(scope, id);
    CfnVPC vpc =
        CfnVPC.Builder.create(this, "Network")
            .cidrBlock("10.20.0.0/16")
            .enableDnsHostnames(true)
            .enableDnsSupport(true)
            .build();
    Nag.accept(
        vpc,
        "AwsSolutions-VPC7",
        "The VPC carries only NFS between Studio apps and the domain's home EFS (isolated subnets,"
            + " no gateway); flow logs would bill for nothing a student could misuse.");
    List<Object> subnets =
        List.of(0, 1).stream()
            .map(
                i ->
                    (Object)
                        CfnSubnet.Builder.create(this, "Subnet" + (i + 1))
                            .vpcId(vpc.getRef())
                            .cidrBlock("10.20." + (16 * i) + ".0/20")
                            .availabilityZone(Fn.select(i, Fn.getAzs()))
                            .mapPublicIpOnLaunch(false)
                            .build()
                            .getRef())
            .toList();
    // The domain's default execution role can do nothing: every profile names its student's.
    Role nobody =
        Role.Builder.create(this, "DefaultRole")
            .assumedBy(Trust.fromAccount("sagemaker.amazonaws.com"))
            .description("Studio domain default: no permissions (each profile has its student's)")
            .build();
    this.domain =
        CfnDomain.Builder.create(this, "Resource")
            .domainName(Names.NOTEBOOK_DOMAIN)
            .authMode("IAM")
            .appNetworkAccessType("PublicInternetOnly")
            .vpcId(vpc.getRef())
            .subnetIds(subnets.stream().map(String::valueOf).toList())
            .tagPropagation("ENABLED")
            .defaultUserSettings(
                CfnDomain.UserSettingsProperty.builder()
                    .executionRole(nobody.getRoleArn())
                    .studioWebPortal("ENABLED")
                    .defaultLandingUri("studio::")
                    .jupyterLabAppSettings(
                        CfnDomain.JupyterLabAppSettingsProperty.builder()
                            .defaultResourceSpec(
                                CfnDomain.ResourceSpecProperty.builder()
                                    .instanceType(notebooks.defaultInstanceType())
                                    .build())
                            .appLifecycleManagement(
                                CfnDomain.AppLifecycleManagementProperty.builder()
                                    .idleSettings(
                                        CfnDomain.IdleSettingsProperty.builder()
                                            .lifecycleManagement("ENABLED")
                                            .idleTimeoutInMinutes(notebooks.idleMinutes())
                                            .minIdleTimeoutInMinutes(60)
                                            .maxIdleTimeoutInMinutes(notebooks.idleMinutes())
                                            .build())
                                    .build())
                            .build())
                    .spaceStorageSettings(
                        CfnDomain.DefaultSpaceStorageSettingsProperty.builder()
                            .defaultEbsStorageSettings(
                                CfnDomain.DefaultEbsStorageSettingsProperty.builder()
                                    .defaultEbsVolumeSizeInGb(SPACE_VOLUME_GB)
                                    .maximumEbsVolumeSizeInGb(SPACE_VOLUME_GB)
                                    .build())
                            .build())
                    .build())
            .build();
    domain.applyRemovalPolicy(RemovalPolicy.DESTROY);
    cleanup(vpc);
  }

  private void cleanup(CfnVPC vpc) {
    LogGroup logs =
        LogGroup.Builder.create(this, "CleanupLogs")
            .retention(RetentionDays.ONE_MONTH)
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Role role =
        Role.Builder.create(this, "CleanupRole")
            .assumedBy(Trust.fromAccount("lambda.amazonaws.com"))
            .description("Empties and deletes the class's Studio domain")
            .build();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
            .resources(List.of(logs.getLogGroupArn()))
            .build());
    String arn = "arn:" + Aws.PARTITION + ":sagemaker:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":";
    String domainId = domain.getAttrDomainId();
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("FindWhatIsLeft")
            .actions(
                List.of(
                    "sagemaker:ListApps",
                    "sagemaker:ListSpaces",
                    "sagemaker:ListUserProfiles",
                    "ec2:DescribeSecurityGroups"))
            .resources(List.of("*"))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeleteTheDomain")
            .actions(
                List.of(
                    "sagemaker:DeleteApp",
                    "sagemaker:DeleteSpace",
                    "sagemaker:DeleteUserProfile",
                    "sagemaker:DeleteDomain",
                    "sagemaker:DescribeDomain"))
            .resources(
                List.of(
                    arn + "app/" + domainId + "/*",
                    arn + "space/" + domainId + "/*",
                    arn + "user-profile/" + domainId + "/*",
                    arn + "domain/" + domainId))
            .build());
    role.addToPolicy(
        PolicyStatement.Builder.create()
            .sid("DeleteNfsGroups")
            .actions(
                List.of(
                    "ec2:RevokeSecurityGroupIngress",
                    "ec2:RevokeSecurityGroupEgress",
                    "ec2:DeleteSecurityGroup"))
            .resources(
                List.of(
                    "arn:"
                        + Aws.PARTITION
                        + ":ec2:"
                        + Aws.REGION
                        + ":"
                        + Aws.ACCOUNT_ID
                        + ":security-group/*"))
            .conditions(
                Ordered.map(
                    "ArnEquals",
                    Ordered.map(
                        "ec2:Vpc",
                        "arn:"
                            + Aws.PARTITION
                            + ":ec2:"
                            + Aws.REGION
                            + ":"
                            + Aws.ACCOUNT_ID
                            + ":vpc/"
                            + vpc.getRef())))
            .build());
    Function function =
        InlinePython.function(this, "Cleanup", SOURCE)
            .role(role)
            .timeout(Duration.minutes(15))
            .logGroup(logs)
            .environment(Ordered.map("DOMAIN", domainId, "VPC", vpc.getRef()))
            .description("Deletes the Studio domain's apps, spaces, profiles, EFS and NFS groups")
            .build();
    Nag.accept(
        role,
        Nag.IAM5,
        "SageMaker List* and ec2:DescribeSecurityGroups support no resource-level permissions;"
            + " deleting is limited to this domain's apps, spaces and profiles, and to security"
            + " groups of this stack's VPC (whose ids SageMaker chooses).",
        List.of(
            Nag.ANY_RESOURCE,
            "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:security-group/*",
            new io.github.cdklabs.cdknag.RegexAppliesTo.Builder()
                .regex(
                    "/^Resource::arn:<AWS::Partition>:sagemaker:<AWS::Region>:<AWS::AccountId>:"
                        + "(app|space|user-profile)\\/<[A-Za-z0-9]+\\.DomainId>\\/\\*$/g")
                .build()));
    // Referencing the domain and the VPC: CloudFormation deletes this first, then the domain
    // (already gone), then the subnets and the VPC.
    CustomResource.Builder.create(this, "OnDelete")
        .serviceToken(function.getFunctionArn())
        .resourceType("Custom::ClassroomDomainCleanup")
        .properties(Ordered.map("DomainId", domainId, "VpcId", vpc.getRef()))
        .build();
  }

  /** The domain. */
  public CfnDomain domain() {
    return domain;
  }

  /** The domain id ({@code d-...}). */
  public String domainId() {
    return domain.getAttrDomainId();
  }

  /** The cleanup function's Python source. */
  public static String source() {
    return InlinePython.source(SOURCE);
  }
}
