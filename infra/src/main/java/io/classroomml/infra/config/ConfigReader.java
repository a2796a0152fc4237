package io.classroomml.infra.config;

import io.classroomml.contract.DidYouMean;
import io.classroomml.contract.tuning.TuningSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads {@link ClassroomConfig} from CDK context values. Values from {@code cdk.json} may be JSON
 * numbers or booleans, values from {@code -c} are strings; both read the same. Checks syntax and
 * ranges here; prices, allow-lists and API limits are the {@link
 * io.classroomml.infra.cost.CostGuard}'s.
 *
 * <p>Each area has its reader ({@link EnvironmentReader}, {@link StudentsReader}, {@link
 * BudgetReader}, {@link TrainingReader}, {@link HostingReader}, {@link DeploymentReader}, {@link
 * NotebookReader}); all record into one {@link Problems}, so that one synth names every bad key.
 */
public final class ConfigReader {

  /** What the CDK CLI sets from the credentials' account and region when it runs the app. */
  public static final String ENV_ACCOUNT = "CDK_DEFAULT_ACCOUNT";

  public static final String ENV_REGION = "CDK_DEFAULT_REGION";

  /** Every problem found so far; the configuration is built only when none is. */
  private final Problems problems = new Problems();

  private final ContextValues values;

  private ConfigReader(Function<String, Object> context, Map<String, String> env) {
    this.values = new ContextValues(context, env, problems);
  }

  /**
   * Reads the configuration.
   *
   * @param context looks a key up (e.g. {@code app.getNode()::tryGetContext}); null when absent
   * @throws ConfigException naming every bad key, its value and a valid alternative
   */
  public static ClassroomConfig read(Function<String, Object> context) {
    return new ConfigReader(context, Map.of()).read();
  }

  /**
   * Reads every context value as {@link #read(Map)} does; {@code account} and {@code region}, when
   * not set, come from {@code env}'s {@value #ENV_ACCOUNT} and {@value #ENV_REGION} (what the CDK
   * CLI resolves from the credentials), so no account is written into cdk.json.
   */
  public static ClassroomConfig read(Map<String, ?> context, Map<String, String> env) {
    ConfigReader reader = new ConfigReader(context::get, env);
    reader.checkKeys(context);
    return reader.read();
  }

  /**
   * Reads the configuration from every context value the app was given (e.g. {@code
   * app.getNode().getAllContext()}), refusing also any key that is neither the classroom's ({@link
   * ContextKeys#ALL}) nor the CDK's own: a mistyped {@code -c budgetUSD=5} must not synthesize the
   * default budget in silence.
   *
   * @throws ConfigException naming every unknown key (with the key it probably meant) and every bad
   *     value, all at once
   */
  public static ClassroomConfig read(Map<String, ?> context) {
    return read(context, Map.of());
  }

  private void checkKeys(Map<String, ?> context) {
    List<String> unknown = new ArrayList<>();
    for (String key : context.keySet()) {
      if (!ContextKeys.ALL.contains(key) && !ContextKeys.isCdkKey(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      List<String> hints = new ArrayList<>();
      for (String key : unknown) {
        hints.add("'" + key + "'" + DidYouMean.hint(key, ContextKeys.ALL));
      }
      problems.add(
          unknown.get(0),
          String.valueOf(context.get(unknown.get(0))),
          "unknown context key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", hints)
              + "; the classroom reads only the keys in docs/configuration.md (and the CDK its"
              + " own @aws-cdk/... and aws:cdk:... keys)");
    }
  }

  /** Reads every area in a fixed order, so that the problems are listed in that order. */
  private ClassroomConfig read() {
    EnvironmentReader environment = new EnvironmentReader(values, problems);
    BudgetReader budgetReader = new BudgetReader(values, problems);
    TrainingReader trainingReader = new TrainingReader(values, problems);
    HostingReader hosting = new HostingReader(values, problems);
    DeploymentReader deployment = new DeploymentReader(values, problems);

    String account = environment.account();
    String region = environment.region();
    List<Student> students = new StudentsReader(values, problems).students();
    double budget = budgetReader.budget();
    List<Integer> thresholds = budgetReader.thresholds();
    Optional<Instant> expiresAt = budgetReader.expiresAt();
    Set<String> allowed =
        new LinkedHashSet<>(values.instanceTypes(ContextKeys.ALLOWED_INSTANCE_TYPES));
    TrainingSettings training = trainingReader.training();
    trainingReader.requireGpuForGpuImage(training.instanceType());
    Optional<String> specFile = trainingReader.tuningSpecFile();
    TuningSpec tuning = trainingReader.tuningSpec(specFile);
    String tuningSource = TrainingReader.tuningSource(specFile);
    EndpointSettings endpoint = hosting.endpoint();
    TransformSettings transform = hosting.transform();
    StackSelection stacks = deployment.stacks();
    Optional<ImageDigests> images = deployment.images(stacks);
    int maxConcurrentJobs = trainingReader.maxConcurrentJobs();
    Optional<DataLocation> sharedData = environment.sharedData(region);
    boolean dashboards = values.bool(ContextKeys.STUDENT_DASHBOARDS, false);
    NotebookSettings notebooks = new NotebookReader(values, problems).notebooks();
    problems.throwIfAny();
    return new ClassroomConfig(
        account,
        region,
        students,
        budget,
        thresholds,
        expiresAt,
        allowed,
        training,
        tuning,
        tuningSource,
        endpoint,
        transform,
        images,
        stacks,
        maxConcurrentJobs,
        sharedData,
        values.optional(ContextKeys.COST_ESTIMATE_FILE),
        dashboards,
        notebooks);
  }
}
