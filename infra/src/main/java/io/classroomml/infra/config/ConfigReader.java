package io.classroomml.infra.config;

import io.classroomml.contract.DidYouMean;
import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.contract.tuning.TuningSpecException;
import io.classroomml.infra.Names;
import io.classroomml.infra.cost.InstanceTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link ClassroomConfig} from CDK context values. Values from {@code cdk.json} may be JSON
 * numbers or booleans, values from {@code -c} are strings; both read the same. Checks syntax and
 * ranges here; prices, allow-lists and API limits are the {@link
 * io.classroomml.infra.cost.CostGuard}'s.
 */
public final class ConfigReader {

  /** Defaults for keys that may be left out (documented in docs/configuration.md). */
  static final double DEFAULT_BUDGET_USD = 50;

  static final String DEFAULT_THRESHOLDS = "50,80,100";
  static final String DEFAULT_TRAINING_INSTANCE = "ml.g4dn.xlarge";
  static final long DEFAULT_TRAINING_RUNTIME = 7_200;
  static final int DEFAULT_TRAINING_VOLUME_GB = 30;
  static final String DEFAULT_HOSTING_INSTANCE = "ml.m5.large";
  static final int DEFAULT_SERVERLESS_MEMORY_MB = 2048;
  static final int DEFAULT_SERVERLESS_CONCURRENCY = 5;
  static final long DEFAULT_TRANSFORM_RUNTIME = 3_600;
  static final int DEFAULT_MAX_CONCURRENT_JOBS = 1;
  static final String DEFAULT_NOTEBOOK_INSTANCE = "ml.t3.medium";
  static final int DEFAULT_NOTEBOOK_IDLE_MINUTES = 60;

  /** SageMaker's bounds on IdleSettings.IdleTimeoutInMinutes (botocore: 60 to 525600). */
  public static final int NOTEBOOK_MIN_IDLE_MINUTES = 60;

  public static final int NOTEBOOK_MAX_IDLE_MINUTES = 525_600;

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern STUDENT_ID =
      Pattern.compile("[a-z]([a-z0-9-]{0," + (Student.MAX_ID_LENGTH - 2) + "}[a-z0-9])?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,=]+@[^@\\s,=]+\\.[^@\\s,=]+");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern INSTANCE = Pattern.compile("ml\\.[a-z0-9-]+\\.[a-z0-9]+");
  private static final Pattern S3_LOCATION =
      Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/?([^@]*)@(.*)");
  private static final Pattern MODEL_KEY = Pattern.compile("[A-Za-z0-9!_.*'()/-]+\\.tar\\.gz");

  /** What the CDK CLI sets from the credentials' account and region when it runs the app. */
  public static final String ENV_ACCOUNT = "CDK_DEFAULT_ACCOUNT";

  public static final String ENV_REGION = "CDK_DEFAULT_REGION";

  private final Function<String, Object> context;
  private final Map<String, String> env;

  /** Every problem found so far; the configuration is built only when none is. */
  private final List<ConfigException.Problem> problems = new ArrayList<>();

  private ConfigReader(Function<String, Object> context, Map<String, String> env) {
    this.context = context;
    this.env = env;
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
      problem(
          unknown.get(0),
          String.valueOf(context.get(unknown.get(0))),
          "unknown context key"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", hints)
              + "; the classroom reads only the keys in docs/configuration.md (and the CDK its"
              + " own @aws-cdk/... and aws:cdk:... keys)");
    }
  }

  private ClassroomConfig read() {
    String account = account();
    String region = region();
    List<Student> students = students();
    double budget = positiveNumber(ContextKeys.BUDGET_USD, DEFAULT_BUDGET_USD);
    List<Integer> thresholds = thresholds();
    Optional<Instant> expiresAt = expiresAt();
    Set<String> allowed = new LinkedHashSet<>(instanceTypes(ContextKeys.ALLOWED_INSTANCE_TYPES));
    TrainingSettings training = training();
    requireGpuForGpuImage(training.instanceType());
    Optional<String> specFile = optional(ContextKeys.TUNING_SPEC);
    TuningSpec tuning = specFile.map(this::tuningSpec).orElseGet(TuningSpec::defaultSpec);
    String tuningSource = specFile.orElse("built-in " + TuningSpec.DEFAULT_RESOURCE);
    EndpointSettings endpoint = endpoint();
    TransformSettings transform = transform();
    StackSelection stacks = stacks();
    Optional<ImageDigests> images = images();
    if (stacks == StackSelection.NO_DEPLOY && images.isEmpty()) {
      images = Optional.of(ImageDigests.NOT_PUSHED);
    }
    int maxConcurrentJobs =
        (int) positiveWhole(ContextKeys.MAX_CONCURRENT_JOBS, DEFAULT_MAX_CONCURRENT_JOBS);
    Optional<DataLocation> sharedData = sharedData(region);
    boolean dashboards = bool(ContextKeys.STUDENT_DASHBOARDS, false);
    NotebookSettings notebooks = notebooks();
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
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
        optional(ContextKeys.COST_ESTIMATE_FILE),
        dashboards,
        notebooks);
  }

  /** The account id, or null (a problem recorded). */
  private String account() {
    return fromContextOrEnv(
        ContextKeys.ACCOUNT,
        ENV_ACCOUNT,
        ACCOUNT,
        "no AWS credentials resolved an account (the CDK sets "
            + ENV_ACCOUNT
            + " from them); sign in (AWS_PROFILE=..., aws sso login) or set -c"
            + " account=<your 12-digit account id>",
        "must be the 12-digit account id of your account");
  }

  /** The region, or null (a problem recorded). */
  private String region() {
    return fromContextOrEnv(
        ContextKeys.REGION,
        ENV_REGION,
        REGION,
        "no region configured (the CDK sets "
            + ENV_REGION
            + " from AWS_REGION or the profile); set -c region=us-east-1 or AWS_REGION",
        "is not a region name; e.g. us-east-1");
  }

  /**
   * The value of {@code key}, else of the CDK's environment variable {@code envName}; null (a
   * problem recorded) when neither is set or the value does not match {@code valid}.
   */
  private String fromContextOrEnv(
      String key, String envName, Pattern valid, String whenMissing, String whenInvalid) {
    Optional<String> value = optional(key).or(() -> fromEnv(envName));
    if (value.isEmpty()) {
      return problem(key, null, whenMissing);
    }
    if (!valid.matcher(value.get()).matches()) {
      return problem(key, value.get(), whenInvalid);
    }
    return value.get();
  }

  /** Studio notebooks; the idle limits are SageMaker's (IdleTimeoutInMinutes 60 to 525600). */
  private NotebookSettings notebooks() {
    List<String> types = instanceTypes(ContextKeys.NOTEBOOK_INSTANCE_TYPES);
    if (types.isEmpty()) {
      types = List.of(DEFAULT_NOTEBOOK_INSTANCE);
    }
    long idle = positiveWhole(ContextKeys.NOTEBOOK_IDLE_MINUTES, DEFAULT_NOTEBOOK_IDLE_MINUTES);
    if (idle < NOTEBOOK_MIN_IDLE_MINUTES || idle > NOTEBOOK_MAX_IDLE_MINUTES) {
      problem(
          ContextKeys.NOTEBOOK_IDLE_MINUTES,
          Long.toString(idle),
          "Studio shuts idle JupyterLab apps down after "
              + NOTEBOOK_MIN_IDLE_MINUTES
              + " to "
              + NOTEBOOK_MAX_IDLE_MINUTES
              + " minutes; e.g. "
              + DEFAULT_NOTEBOOK_IDLE_MINUTES);
    }
    return new NotebookSettings(
        bool(ContextKeys.STUDENT_NOTEBOOKS, false), List.copyOf(types), (int) idle);
  }

  private List<Student> students() {
    Map<String, String> models = models();
    Optional<String> raw = optional(ContextKeys.STUDENTS);
    if (raw.isEmpty()) {
      problem(
          ContextKeys.STUDENTS,
          null,
          "list the class as ids, e.g. -c students=alice,bob=bob@uni.edu");
      return List.of();
    }
    List<Student> students = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String entry : split(raw.get())) {
      String[] parts = entry.split("=", 2);
      String id = parts[0];
      if (!STUDENT_ID.matcher(id).matches()) {
        problem(
            ContextKeys.STUDENTS,
            id,
            "a student id is 1 to "
                + Student.MAX_ID_LENGTH
                + " lower-case letters, digits or inner hyphens, starting with a letter (it names"
                + " buckets and jobs); e.g. "
                + suggestId(id));
        continue;
      }
      if (id.contains(Names.SEPARATOR)) {
        problem(
            ContextKeys.STUDENTS,
            id,
            "a student id may not contain '"
                + Names.SEPARATOR
                + "': it separates the id from the rest of every job name, so that no student's"
                + " names start with another's; e.g. "
                + id.replaceAll("-+", "-"));
        continue;
      }
      if (!ids.add(id)) {
        problem(ContextKeys.STUDENTS, id, "is listed twice; give each student once");
        continue;
      }
      Optional<String> email = Optional.empty();
      if (parts.length == 2) {
        if (!EMAIL.matcher(parts[1]).matches()) {
          problem(
              ContextKeys.STUDENTS,
              entry,
              "the part after '=' must be an e-mail address, e.g. " + id + "=" + id + "@uni.edu");
        }
        email = Optional.of(parts[1]);
      }
      students.add(new Student(id, email, Optional.ofNullable(models.get(id))));
    }
    if (split(raw.get()).isEmpty()) {
      problem(ContextKeys.STUDENTS, raw.get(), "name at least one student, e.g. alice");
    }
    List<String> overlaps = Names.overlappingPrefixes(List.copyOf(ids));
    if (!overlaps.isEmpty()) {
      problem(
          ContextKeys.STUDENTS,
          raw.get(),
          "the names of "
              + String.join("; ", overlaps)
              + " share a prefix, so IAM could not keep these students apart; rename one of each"
              + " pair");
    }
    List<String> twins = Names.searchTwins(List.copyOf(ids));
    if (!twins.isEmpty()) {
      problem(
          ContextKeys.STUDENTS,
          raw.get(),
          String.join("; ", twins)
              + " differ only in hyphens between letters and digits, which CloudWatch's metric"
              + " search ignores, so the class dashboard would mix their training graphs; rename"
              + " one of each pair");
    }
    for (String id : models.keySet()) {
      if (!ids.contains(id)) {
        problem(
            ContextKeys.MODELS, id, "is not in the class; students are " + String.join(", ", ids));
      }
    }
    return students;
  }

  /** {@code models}: each student's trained model, by student id. */
  private Map<String, String> models() {
    Map<String, String> models = new LinkedHashMap<>();
    for (String entry : list(ContextKeys.MODELS)) {
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || !MODEL_KEY.matcher(parts[1]).matches()) {
        problem(
            ContextKeys.MODELS,
            entry,
            "each entry is <student>=<key of model.tar.gz in the student's artifact bucket>, e.g."
                + " alice=training/alice-train-0a1b2c3d4e5f/output/model.tar.gz");
        continue;
      }
      models.put(parts[0], parts[1]);
    }
    return models;
  }

  private static String suggestId(String id) {
    String cleaned = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = "s" + cleaned;
    }
    return cleaned.substring(0, Math.min(cleaned.length(), Student.MAX_ID_LENGTH));
  }

  private List<Integer> thresholds() {
    String raw = optional(ContextKeys.BUDGET_THRESHOLDS).orElse(DEFAULT_THRESHOLDS);
    List<Integer> values = new ArrayList<>();
    boolean outOfRange = false;
    boolean unordered = false;
    boolean unreadable = false;
    for (String part : split(raw)) {
      Long parsed = wholeNumber(ContextKeys.BUDGET_THRESHOLDS, part);
      if (parsed == null) {
        unreadable = true;
        continue;
      }
      int value = (int) (long) parsed;
      if (parsed < 1 || parsed > 1000) {
        outOfRange = true;
      } else if (!values.isEmpty() && value <= values.get(values.size() - 1)) {
        unordered = true;
      }
      values.add(value);
    }
    if (outOfRange) {
      problem(
          ContextKeys.BUDGET_THRESHOLDS,
          raw,
          "each threshold is a percentage of the budget, 1 to 1000; e.g. " + DEFAULT_THRESHOLDS);
    }
    if (unordered) {
      problem(
          ContextKeys.BUDGET_THRESHOLDS,
          raw,
          "list thresholds in increasing order; e.g. " + DEFAULT_THRESHOLDS);
    }
    if (values.isEmpty() && !unreadable) {
      problem(ContextKeys.BUDGET_THRESHOLDS, raw, "give at least one; e.g. " + DEFAULT_THRESHOLDS);
    }
    return values;
  }

  private Optional<Instant> expiresAt() {
    Optional<String> raw = optional(ContextKeys.EXPIRES_AT);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(raw.get()));
    } catch (DateTimeParseException e) {
      problem(
          ContextKeys.EXPIRES_AT,
          raw.get(),
          "must be an ISO-8601 UTC time (a fixed date keeps synth reproducible); e.g."
              + " 2027-01-31T00:00:00Z");
      return Optional.empty();
    }
  }

  private TrainingSettings training() {
    String type = instanceType(ContextKeys.TRAINING_INSTANCE_TYPE, DEFAULT_TRAINING_INSTANCE);
    int count = (int) positiveWhole(ContextKeys.TRAINING_INSTANCE_COUNT, 1);
    boolean spot = bool(ContextKeys.TRAINING_SPOT, true);
    long runtime = positiveWhole(ContextKeys.TRAINING_MAX_RUNTIME, DEFAULT_TRAINING_RUNTIME);
    long wait = positiveWhole(ContextKeys.TRAINING_MAX_WAIT, 2 * runtime);
    int volume = (int) positiveWhole(ContextKeys.TRAINING_VOLUME_GB, DEFAULT_TRAINING_VOLUME_GB);
    return new TrainingSettings(type, count, spot, runtime, wait, volume);
  }

  private EndpointSettings endpoint() {
    String modeText = optional(ContextKeys.ENDPOINT_MODE).orElse(EndpointMode.SERVERLESS.id());
    EndpointMode mode = null;
    for (EndpointMode m : EndpointMode.values()) {
      if (m.id().equals(modeText)) {
        mode = m;
      }
    }
    if (mode == null) {
      problem(ContextKeys.ENDPOINT_MODE, modeText, "must be serverless or realtime");
      mode = EndpointMode.SERVERLESS;
    }
    return new EndpointSettings(
        mode,
        (int) positiveWhole(ContextKeys.SERVERLESS_MEMORY_MB, DEFAULT_SERVERLESS_MEMORY_MB),
        (int) positiveWhole(ContextKeys.SERVERLESS_MAX_CONCURRENCY, DEFAULT_SERVERLESS_CONCURRENCY),
        instanceType(ContextKeys.ENDPOINT_INSTANCE_TYPE, DEFAULT_HOSTING_INSTANCE),
        (int) positiveWhole(ContextKeys.ENDPOINT_MIN_CAPACITY, 1),
        (int) positiveWhole(ContextKeys.ENDPOINT_MAX_CAPACITY, 2));
  }

  private TransformSettings transform() {
    return new TransformSettings(
        instanceType(ContextKeys.TRANSFORM_INSTANCE_TYPE, DEFAULT_HOSTING_INSTANCE),
        (int) positiveWhole(ContextKeys.TRANSFORM_INSTANCE_COUNT, 1),
        positiveWhole(ContextKeys.TRANSFORM_MAX_RUNTIME, DEFAULT_TRANSFORM_RUNTIME));
  }

  /** The tuning spec in {@code file}, or null (a problem recorded). */
  private TuningSpec tuningSpec(String file) {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      return problem(
          ContextKeys.TUNING_SPEC,
          file,
          "no such file (relative paths start at the directory of cdk.json); leave the key out"
              + " to use the built-in "
              + TuningSpec.DEFAULT_RESOURCE);
    }
    try {
      return TuningSpec.parse(path);
    } catch (TuningSpecException e) {
      return problem(ContextKeys.TUNING_SPEC, file, e.getMessage());
    } catch (IOException e) {
      return problem(ContextKeys.TUNING_SPEC, file, "cannot be read: " + e.getMessage());
    }
  }

  /** The shared data set, if set; {@code region} is null when it is itself a problem. */
  private Optional<DataLocation> sharedData(String region) {
    Optional<String> raw = optional(ContextKeys.SHARED_DATA);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = S3_LOCATION.matcher(raw.get());
    if (!m.matches() || !REGION.matcher(m.group(3)).matches()) {
      problem(
          ContextKeys.SHARED_DATA,
          raw.get(),
          "write s3://<bucket>/<prefix>@<region>, naming the bucket's region; e.g."
              + " s3://course-data/cifar10@"
              + (region == null ? "us-east-1" : region));
      return Optional.empty();
    }
    if (region != null && !m.group(3).equals(region)) {
      problem(
          ContextKeys.SHARED_DATA,
          raw.get(),
          "the data is in "
              + m.group(3)
              + " but the classroom is in "
              + region
              + "; copy it to a bucket in "
              + region
              + " (cross-region reads are slow, billed, and break network isolation)");
      return Optional.empty();
    }
    return Optional.of(new DataLocation(m.group(1), m.group(2), m.group(3)));
  }

  /**
   * The GPU training image carries CUDA natives only and stops at once on a host without an NVIDIA
   * driver, so it is refused with a CPU training instance type. Without the key nothing is known
   * about the image and nothing is refused (the trainer then names the mismatch itself).
   *
   * @param trainingInstanceType null when it is itself a problem (nothing more is checked then)
   */
  private void requireGpuForGpuImage(String trainingInstanceType) {
    Optional<String> flavor = optional(ContextKeys.TRAINING_IMAGE_FLAVOR);
    if (flavor.isEmpty()) {
      return;
    }
    switch (flavor.get()) {
      case "cpu" -> {}
      case "gpu" -> {
        if (trainingInstanceType != null && !InstanceTypes.isGpu(trainingInstanceType)) {
          problem(
              ContextKeys.TRAINING_IMAGE_FLAVOR,
              flavor.get(),
              "the GPU training image needs an NVIDIA driver, but "
                  + ContextKeys.TRAINING_INSTANCE_TYPE
                  + "="
                  + trainingInstanceType
                  + " has no GPU; set "
                  + ContextKeys.TRAINING_INSTANCE_TYPE
                  + " to a GPU type such as ml.g4dn.xlarge, or build a CPU training image"
                  + " (scripts/build-images --training cpu) and pass its digest with "
                  + ContextKeys.TRAINING_IMAGE_FLAVOR
                  + "=cpu");
        }
      }
      default ->
          problem(
              ContextKeys.TRAINING_IMAGE_FLAVOR,
              flavor.get(),
              "must be gpu or cpu, as scripts/build-images prints it");
    }
  }

  /** Both digests or neither: neither before the first push (the platform stack alone). */
  private Optional<ImageDigests> images() {
    Optional<String> training = optional(ContextKeys.TRAINING_IMAGE_DIGEST);
    Optional<String> inference = optional(ContextKeys.INFERENCE_IMAGE_DIGEST);
    if (training.isEmpty() && inference.isEmpty()) {
      return Optional.empty();
    }
    String trainingDigest = digest(ContextKeys.TRAINING_IMAGE_DIGEST);
    String inferenceDigest = digest(ContextKeys.INFERENCE_IMAGE_DIGEST);
    if (trainingDigest == null || inferenceDigest == null) {
      return Optional.empty();
    }
    return Optional.of(new ImageDigests(trainingDigest, inferenceDigest));
  }

  private StackSelection stacks() {
    String raw = optional(ContextKeys.STACKS).orElse(StackSelection.ALL.id());
    for (StackSelection s : StackSelection.values()) {
      if (s.id().equals(raw)) {
        return s;
      }
    }
    problem(
        ContextKeys.STACKS,
        raw,
        "must be all (the platform and every student), platform (the platform alone, before"
            + " any image is pushed) or no-deploy (every stack, without image digests, for cdk"
            + " destroy and the cost estimate only)");
    return StackSelection.ALL;
  }

  /** The digest under {@code key}, or null (a problem recorded). */
  private String digest(String key) {
    Optional<String> value = optional(key);
    if (value.isEmpty()) {
      return problem(
          key,
          null,
          "give both image digests or neither; scripts/build-images prints them, e.g. -c "
              + key
              + "=sha256:<64 hex digits>");
    }
    if (!DIGEST.matcher(value.get()).matches()) {
      return problem(
          key,
          value.get(),
          "must be sha256: followed by 64 lower-case hex digits (images are pinned by digest, not"
              + " tag); copy it from scripts/build-images");
    }
    return value.get();
  }

  /** The instance type under {@code key} (or {@code fallback}), or null (a problem recorded). */
  private String instanceType(String key, String fallback) {
    return checkedInstanceType(key, optional(key).orElse(fallback));
  }

  /** Every valid instance type listed under {@code key}; a problem recorded for each other one. */
  private List<String> instanceTypes(String key) {
    List<String> types = new ArrayList<>();
    for (String type : list(key)) {
      if (checkedInstanceType(key, type) != null) {
        types.add(type);
      }
    }
    return types;
  }

  private String checkedInstanceType(String key, String value) {
    if (!INSTANCE.matcher(value).matches()) {
      return problem(key, value, "is not a SageMaker instance type; e.g. ml.m5.large");
    }
    return value;
  }

  private boolean bool(String key, boolean fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    return switch (raw.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> {
        problem(key, raw.get(), "must be true or false");
        yield fallback;
      }
    };
  }

  private double positiveNumber(String key, double fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(raw.get());
      if (value > 0 && Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // a problem, as below
    }
    problem(key, raw.get(), "must be a number above 0; e.g. " + fallback);
    return fallback;
  }

  /** The whole number under {@code key}, at least 1; {@code fallback} when absent or bad. */
  private long positiveWhole(String key, long fallback) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return fallback;
    }
    Long value = wholeNumber(key, raw.get());
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      problem(key, raw.get(), "must be at least 1; e.g. " + fallback);
      return fallback;
    }
    return value;
  }

  /** {@code text} as a whole number, or null (a problem recorded). */
  private Long wholeNumber(String key, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return problem(key, text, "must be a whole number");
    }
  }

  private Optional<String> fromEnv(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private Optional<String> optional(String key) {
    Object value = context.apply(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = String.valueOf(value).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private List<String> list(String key) {
    return optional(key).map(ConfigReader::split).orElse(List.of());
  }

  private static List<String> split(String raw) {
    List<String> parts = new ArrayList<>();
    for (String part : raw.split(",")) {
      if (!part.isBlank()) {
        parts.add(part.strip());
      }
    }
    return parts;
  }

  /**
   * Records a problem and goes on reading, so that one synth names every bad key.
   *
   * @return null, for a reader that has no value to return
   */
  private <T> T problem(String key, String value, String problem) {
    problems.add(new ConfigException.Problem(key, value, problem));
    return null;
  }
}
