package io.classroomml.infra.admin;

import io.classroomml.infra.Names;
import io.classroomml.infra.admin.Check.Status;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.ImageDigests;
import io.classroomml.infra.cost.ClassEstimate;
import io.classroomml.infra.cost.CostGuard;
import io.classroomml.infra.cost.PriceTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.costexplorer.CostExplorerClient;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTag;
import software.amazon.awssdk.services.costexplorer.model.CostAllocationTagStatus;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.servicequotas.ServiceQuotasClient;
import software.amazon.awssdk.services.servicequotas.model.ServiceQuota;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The checks before a deploy, each with its fix: credentials and account, configuration and the
 * cost guard, region in the price table, CDK bootstrap, the cost allocation tag, SageMaker quotas
 * against what the class can run at once, and the images in ECR. Every AWS request goes through the
 * SDK v2 clients of {@link AwsClients}.
 */
public final class Preflight {

  /** The CDK's default bootstrap qualifier; its version parameter is what the CLI checks. */
  static final String BOOTSTRAP_PARAMETER = "/cdk-bootstrap/hnb659fds/version";

  /**
   * The bootstrap version the templates of aws-cdk-lib 2.x require (their CheckBootstrapVersion).
   */
  static final int MIN_BOOTSTRAP_VERSION = 6;

  private final AwsClients aws;
  private final ClassContext context;
  private final Optional<String> defaultRegion;
  private final boolean forDeploy;

  /**
   * @param defaultRegion the credentials' region, used when the context sets none
   * @param forDeploy whether deploy runs next: a missing bootstrap is then a step (TODO), not a
   *     failure
   */
  public Preflight(
      AwsClients aws, ClassContext context, Optional<String> defaultRegion, boolean forDeploy) {
    this.aws = aws;
    this.context = context;
    this.defaultRegion = defaultRegion;
    this.forDeploy = forDeploy;
  }

  /** Runs every check; later checks that need an earlier one's result are skipped when it fails. */
  public PreflightReport run() {
    List<Check> checks = new ArrayList<>();
    Optional<String> region = context.get(ContextKeys.REGION).or(() -> defaultRegion);
    if (region.isEmpty()) {
      checks.add(
          Check.fail(
              "region",
              "no region: cdk.json sets none and the credentials' profile has none",
              "set -c region=us-east-1 (or AWS_REGION, or region in your profile)"));
      return new PreflightReport(checks, Optional.empty(), Optional.empty(), false);
    }
    Optional<String> account = credentials(region.get(), checks);
    if (account.isEmpty()) {
      return new PreflightReport(checks, Optional.empty(), Optional.empty(), false);
    }
    Optional<ClassroomConfig> config = configuration(account.get(), region.get(), checks);
    if (config.isEmpty()) {
      return new PreflightReport(checks, Optional.empty(), account, false);
    }
    ClassroomConfig c = config.get();
    boolean bootstrapped = bootstrap(c, checks);
    costTag(checks);
    quotas(c, checks);
    images(c, checks);
    return new PreflightReport(checks, config, account, bootstrapped);
  }

  private Optional<String> credentials(String region, List<Check> checks) {
    GetCallerIdentityResponse me;
    try (StsClient sts = aws.sts(region)) {
      me = sts.getCallerIdentity();
    } catch (SdkClientException e) {
      checks.add(
          Check.fail(
              "credentials",
              "no AWS credentials resolved: " + firstLine(e.getMessage()),
              "sign in: aws configure, AWS_PROFILE=<profile>, aws sso login, or pass --profile"));
      return Optional.empty();
    } catch (SdkException e) {
      checks.add(
          Check.fail(
              "credentials",
              "STS refused the credentials: " + firstLine(e.getMessage()),
              "renew them (aws sso login, or new access keys) and run again"));
      return Optional.empty();
    }
    Optional<String> configured = context.get(ContextKeys.ACCOUNT);
    if (configured.isPresent() && !configured.get().equals(me.account())) {
      checks.add(
          Check.fail(
              "credentials",
              me.arn()
                  + " is in account "
                  + me.account()
                  + ", the classroom's is "
                  + configured.get(),
              "use credentials of account "
                  + configured.get()
                  + " (AWS_PROFILE=...), or deploy to "
                  + me.account()
                  + " with -c account="
                  + me.account()
                  + " (or leave account out of cdk.json: it defaults to the credentials')"));
      return Optional.empty();
    }
    checks.add(Check.ok("credentials", me.arn() + " in account " + me.account()));
    return Optional.of(me.account());
  }

  private Optional<ClassroomConfig> configuration(
      String account, String region, List<Check> checks) {
    Map<String, Object> values = new HashMap<>(context.values());
    // The platform stack needs no digests; whether they exist is the images check's business.
    values.put(ContextKeys.STACKS, "platform");
    Map<String, String> env =
        Map.of(ConfigReader.ENV_ACCOUNT, account, ConfigReader.ENV_REGION, region);
    PriceTable prices = PriceTable.bundled();
    if (!prices.regions().contains(region)) {
      checks.add(
          Check.fail(
              "region",
              region + " has no prices in the price table (as of " + prices.asOf() + ")",
              "use one of "
                  + String.join(", ", prices.regions())
                  + " (-c region=...), or add the region's prices to prices.json"));
      return Optional.empty();
    }
    checks.add(Check.ok("region", region + " is in the price table (as of " + prices.asOf() + ")"));
    ClassroomConfig config;
    ClassEstimate estimate;
    try {
      config = ConfigReader.read(values, env);
      estimate = new CostGuard(prices).check(config);
    } catch (ConfigException e) {
      checks.add(
          Check.fail(
              "configuration",
              e.getMessage(),
              "change "
                  + e.problems().stream()
                      .map(p -> "'" + p.key() + "'")
                      .distinct()
                      .collect(java.util.stream.Collectors.joining(", "))
                  + " in cdk.json or with -c"));
      return Optional.empty();
    }
    checks.add(
        Check.ok(
            "configuration",
            String.format(
                Locale.ROOT,
                "%d students; worst case $%.2f per student run, at most $%.2f/hour for the class",
                config.students().size(),
                estimate.students().stream().mapToDouble(s -> s.totalUsd()).max().orElse(0),
                estimate.usdPerHour())));
    return Optional.of(config);
  }

  private boolean bootstrap(ClassroomConfig config, List<Check> checks) {
    String env = "aws://" + config.account() + "/" + config.region();
    String fix =
        forDeploy
            ? ""
            : "scripts/deploy bootstraps it first; or node_modules/.bin/cdk bootstrap " + env;
    try (SsmClient ssm = aws.ssm(config.region())) {
      String value = ssm.getParameter(r -> r.name(BOOTSTRAP_PARAMETER)).parameter().value();
      int version = parseVersion(value);
      if (version < MIN_BOOTSTRAP_VERSION) {
        checks.add(
            new Check(
                "bootstrap",
                forDeploy ? Status.TODO : Status.FAIL,
                env
                    + " is bootstrapped at version "
                    + value
                    + ", the stacks need "
                    + MIN_BOOTSTRAP_VERSION,
                forDeploy
                    ? "deploy re-runs cdk bootstrap " + env
                    : "node_modules/.bin/cdk bootstrap " + env));
        return false;
      }
      checks.add(Check.ok("bootstrap", env + " bootstrapped (version " + value + ")"));
      return true;
    } catch (ParameterNotFoundException e) {
      checks.add(
          new Check(
              "bootstrap",
              forDeploy ? Status.TODO : Status.FAIL,
              env + " is not bootstrapped (no SSM parameter " + BOOTSTRAP_PARAMETER + ")",
              forDeploy ? "deploy runs cdk bootstrap " + env + " first" : fix));
      return false;
    } catch (SdkException e) {
      checks.add(
          Check.fail(
              "bootstrap",
              "cannot read " + BOOTSTRAP_PARAMETER + ": " + firstLine(e.getMessage()),
              "allow ssm:GetParameter on it to the deploying identity"));
      return false;
    }
  }

  private void costTag(List<Check> checks) {
    String activate =
        "activate it: Billing console > Cost allocation tags > "
            + Names.STUDENT_TAG
            + " > Activate (or Cost Explorer's UpdateCostAllocationTagsStatus); it takes up to 24"
            + " hours to apply";
    List<CostAllocationTag> tags;
    try (CostExplorerClient ce = aws.costExplorer()) {
      tags = ce.listCostAllocationTags(r -> r.tagKeys(Names.STUDENT_TAG)).costAllocationTags();
    } catch (SdkException e) {
      checks.add(
          Check.warn(
              "cost tag",
              "cannot read the cost allocation tags: " + firstLine(e.getMessage()),
              "allow ce:ListCostAllocationTags, then check that "
                  + Names.STUDENT_TAG
                  + " is active"));
      return;
    }
    Optional<CostAllocationTag> tag =
        tags.stream().filter(t -> Names.STUDENT_TAG.equals(t.tagKey())).findFirst();
    if (tag.isEmpty()) {
      checks.add(
          Check.warn(
              "cost tag",
              Names.STUDENT_TAG
                  + " is not known to Billing yet (it appears about a day after the first tagged"
                  + " resource); until it is active every student budget sees $0",
              "after the first deploy, " + activate));
    } else if (tag.get().status() != CostAllocationTagStatus.ACTIVE) {
      checks.add(
          Check.fail(
              "cost tag",
              Names.STUDENT_TAG
                  + " is "
                  + tag.get().statusAsString()
                  + ": every student budget sees $0",
              activate));
    } else {
      checks.add(Check.ok("cost tag", Names.STUDENT_TAG + " is an active cost allocation tag"));
    }
  }

  private void quotas(ClassroomConfig config, List<Check> checks) {
    Map<String, ServiceQuota> applied = new HashMap<>();
    Map<String, ServiceQuota> defaults = new HashMap<>();
    try (ServiceQuotasClient quotas = aws.quotas(config.region())) {
      quotas
          .listServiceQuotasPaginator(r -> r.serviceCode("sagemaker"))
          .quotas()
          .forEach(q -> applied.put(q.quotaName(), q));
      for (QuotaNeed need : QuotaNeed.forClass(config)) {
        if (!applied.containsKey(need.quotaName()) && defaults.isEmpty()) {
          quotas
              .listAWSDefaultServiceQuotasPaginator(r -> r.serviceCode("sagemaker"))
              .quotas()
              .forEach(q -> defaults.put(q.quotaName(), q));
        }
      }
    } catch (SdkException e) {
      checks.add(
          Check.warn(
              "quotas",
              "cannot read SageMaker's service quotas: " + firstLine(e.getMessage()),
              "allow servicequotas:ListServiceQuotas and ListAWSDefaultServiceQuotas"));
      return;
    }
    for (QuotaNeed need : QuotaNeed.forClass(config)) {
      ServiceQuota quota =
          Optional.ofNullable(applied.get(need.quotaName())).orElse(defaults.get(need.quotaName()));
      String name = "quota";
      if (quota == null) {
        checks.add(
            Check.warn(
                name,
                "'" + need.quotaName() + "' is not among SageMaker's quotas in " + config.region(),
                "check the Service Quotas console for the instance type; another type may be"
                    + " needed"));
      } else if (quota.value() < need.needed()) {
        checks.add(
            Check.fail(
                name,
                String.format(
                    Locale.ROOT,
                    "'%s' is %.0f, the class can use %.0f at once (%s)",
                    need.quotaName(),
                    quota.value(),
                    need.needed(),
                    need.why()),
                String.format(
                    Locale.ROOT,
                    "request %.0f: Service Quotas > Amazon SageMaker > %s (%s), or lower %s",
                    need.needed(),
                    need.quotaName(),
                    quota.quotaCode(),
                    need.setting())));
      } else {
        checks.add(
            Check.ok(
                name,
                String.format(
                    Locale.ROOT,
                    "'%s' is %.0f, the class can use %.0f at once",
                    need.quotaName(),
                    quota.value(),
                    need.needed())));
      }
    }
  }

  private void images(ClassroomConfig config, List<Check> checks) {
    Optional<ImageDigests> images = config.images();
    if (images.isEmpty()) {
      checks.add(
          Check.skip(
              "images",
              "no image digests yet: scripts/deploy builds and pushes them after the platform"
                  + " stack"));
      return;
    }
    try (EcrClient ecr = aws.ecr(config.region())) {
      image(ecr, Names.TRAINING_REPOSITORY, images.get().training(), checks);
      image(ecr, Names.INFERENCE_REPOSITORY, images.get().inference(), checks);
    }
  }

  private void image(EcrClient ecr, String repository, String digest, List<Check> checks) {
    String fix = "scripts/build-images pushes it (scripts/deploy builds, pushes and records both)";
    try {
      ecr.describeImages(
          r ->
              r.repositoryName(repository)
                  .imageIds(ImageIdentifier.builder().imageDigest(digest).build()));
      checks.add(Check.ok("images", repository + "@" + digest + " is in ECR"));
    } catch (ImageNotFoundException e) {
      // A deploy builds and pushes the images anyway (a recorded digest may have expired).
      checks.add(
          new Check(
              "images",
              forDeploy ? Status.TODO : Status.FAIL,
              repository + "@" + digest + " is not in ECR",
              forDeploy ? "deploy builds and pushes the images" : fix));
    } catch (RepositoryNotFoundException e) {
      checks.add(
          new Check(
              "images",
              forDeploy ? Status.TODO : Status.FAIL,
              "no repository " + repository + ": the platform stack is not deployed",
              forDeploy
                  ? "deploy deploys the platform stack first"
                  : "scripts/deploy deploys the platform stack first"));
    } catch (SdkException e) {
      checks.add(
          Check.fail(
              "images",
              "cannot read " + repository + ": " + firstLine(e.getMessage()),
              "allow ecr:DescribeImages on the classroom-ml repositories"));
    }
  }

  private static int parseVersion(String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    String line = nl < 0 ? message : message.substring(0, nl);
    // The credentials chain lists every provider it tried; the first sentence says enough.
    int chain = line.indexOf(" AwsCredentialsProviderChain(");
    return chain < 0 ? line : line.substring(0, chain);
  }
}
