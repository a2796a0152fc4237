package io.classroomml.infra.cost;

import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.EndpointMode;
import io.classroomml.infra.config.EndpointSettings;
import io.classroomml.infra.config.NotebookSettings;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.config.TrainingSettings;
import io.classroomml.infra.config.TransformSettings;
import io.classroomml.infra.constructs.StudentBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Checks a classroom against the price table and SageMaker's API limits before anything is
 * deployed, and computes each student's worst case. Every rejection is a {@link ConfigException}
 * naming the setting, its value and a valid (usually cheaper) alternative.
 *
 * <p>Worst cases: spot training can bill up to the on-demand price, so jobs are priced on demand
 * for their whole maximum runtime; a tuning job runs at most {@code MaxNumberOfTrainingJobs} trials
 * of at most the training runtime each (or its own time cap times the parallel trials, whichever is
 * lower); a real-time endpoint runs at its maximum autoscaling capacity all day; a serverless
 * endpoint serves at full concurrency all day.
 */
public final class CostGuard {

  private static final long SECONDS_PER_DAY = 86_400;

  private final PriceTable prices;

  /** A guard working from {@code prices}. */
  public CostGuard(PriceTable prices) {
    this.prices = prices;
  }

  /**
   * Checks {@code config} and returns the estimate.
   *
   * @throws ConfigException for the settings that break a limit (the first of each area: budget,
   *     training, endpoint, transform, notebooks, names; all areas at once), else for a student
   *     whose worst case breaks the budget
   */
  public ClassEstimate check(ClassroomConfig config) {
    String region = config.region();
    if (!prices.regions().contains(region)) {
      throw new ConfigException(
          ContextKeys.REGION,
          region,
          "the price table (as of "
              + prices.asOf()
              + ") has no prices for this region, so no cost can be guarded; use one of "
              + String.join(", ", prices.regions()));
    }
    List<ConfigException.Problem> problems = new ArrayList<>();
    for (Consumer<ClassroomConfig> check :
        List.<Consumer<ClassroomConfig>>of(
            this::checkBudget,
            this::checkTraining,
            this::checkEndpoint,
            this::checkTransform,
            this::checkNotebooks,
            this::checkNames)) {
      try {
        check.accept(config);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    List<StudentEstimate> estimates = new ArrayList<>();
    for (Student student : config.students()) {
      StudentEstimate estimate = estimate(config, student);
      if (estimate.totalUsd() > config.budgetUsd()) {
        CostLine largest = estimate.largest();
        throw new ConfigException(
            ContextKeys.BUDGET_USD,
            format(config.budgetUsd()),
            String.format(
                Locale.ROOT,
                "student %s's worst case is $%.2f, above the budget; the largest item is %s at"
                    + " $%.2f (%s): lower '%s' or raise budgetUsd to at least %.2f",
                student.id(),
                estimate.totalUsd(),
                largest.item(),
                largest.usd(),
                largest.formula(),
                largest.setting(),
                Math.ceil(estimate.totalUsd())));
      }
      estimates.add(estimate);
    }
    return new ClassEstimate(region, prices.asOf().toString(), prices.source(region), estimates);
  }

  private void checkBudget(ClassroomConfig config) {
    int notifications = StudentBudget.notificationCount(config.budgetThresholds());
    if (notifications > StudentBudget.MAX_NOTIFICATIONS) {
      throw new ConfigException(
          ContextKeys.BUDGET_THRESHOLDS,
          String.join(",", config.budgetThresholds().stream().map(String::valueOf).toList()),
          "each threshold is one notification of the student's budget, "
              + notifications
              + " in all, but AWS Budgets allows at most "
              + StudentBudget.MAX_NOTIFICATIONS
              + " per budget; give at most "
              + StudentBudget.MAX_NOTIFICATIONS
              + " thresholds, e.g. 50,80,100");
    }
  }

  private void checkTraining(ClassroomConfig config) {
    TrainingSettings t = config.training();
    requireOffered(config, ContextKeys.TRAINING_INSTANCE_TYPE, t.instanceType(), Usage.TRAINING);
    if (t.instanceCount() > 1) {
      throw new ConfigException(
          ContextKeys.TRAINING_INSTANCE_COUNT,
          Integer.toString(t.instanceCount()),
          "the trainer trains on one host only (DJL has no collectives across hosts), so every"
              + " further instance would bill for training nothing; leave it at 1, and for more"
              + " speed use one instance type with several GPUs (trainingInstanceType; the"
              + " trainer uses every GPU of its instance) or run tuning trials in parallel"
              + " (ResourceLimits.MaxParallelTrainingJobs in the tuning spec)");
    }
    requireRuntime(ContextKeys.TRAINING_MAX_RUNTIME, t.maxRuntimeSeconds(), "; e.g. 7200");
    if (t.spot() && t.maxWaitSeconds() < t.maxRuntimeSeconds()) {
      throw new ConfigException(
          ContextKeys.TRAINING_MAX_WAIT,
          Long.toString(t.maxWaitSeconds()),
          "with spot training the wait must cover the runtime; set it to at least "
              + t.maxRuntimeSeconds()
              + " (e.g. "
              + 2 * t.maxRuntimeSeconds()
              + ")");
    }
    if (t.spot()) {
      requireRuntime(ContextKeys.TRAINING_MAX_WAIT, t.maxWaitSeconds(), "");
    }
    if (t.volumeGb() > SageMakerLimits.MAX_TRAINING_VOLUME_GB) {
      throw new ConfigException(
          ContextKeys.TRAINING_VOLUME_GB,
          Integer.toString(t.volumeGb()),
          "at most " + SageMakerLimits.MAX_TRAINING_VOLUME_GB + " GB; e.g. 30");
    }
  }

  private void checkEndpoint(ClassroomConfig config) {
    EndpointSettings e = config.endpoint();
    if (e.mode() == EndpointMode.SERVERLESS) {
      if (InstanceTypes.isGpu(e.instanceType())) {
        throw new ConfigException(
            ContextKeys.ENDPOINT_INSTANCE_TYPE,
            e.instanceType(),
            "serverless endpoints have no GPUs; use endpointMode=realtime for a GPU, or a CPU"
                + " type such as ml.m5.large");
      }
      if (prices.serverlessPerGbSecond(config.region()).isEmpty()) {
        throw new ConfigException(
            ContextKeys.ENDPOINT_MODE,
            e.mode().id(),
            "the price table has no serverless price for "
                + config.region()
                + ", so its cost cannot be guarded; use endpointMode=realtime");
      }
      int memory = e.serverlessMemoryMb();
      if (memory < SageMakerLimits.SERVERLESS_MIN_MEMORY_MB
          || memory > SageMakerLimits.SERVERLESS_MAX_MEMORY_MB
          || memory % SageMakerLimits.SERVERLESS_MEMORY_STEP_MB != 0) {
        int nearest =
            Math.max(
                SageMakerLimits.SERVERLESS_MIN_MEMORY_MB,
                Math.min(
                    SageMakerLimits.SERVERLESS_MAX_MEMORY_MB,
                    Math.round(memory / 1024f) * SageMakerLimits.SERVERLESS_MEMORY_STEP_MB));
        throw new ConfigException(
            ContextKeys.SERVERLESS_MEMORY_MB,
            Integer.toString(memory),
            "serverless memory is 1024 to 6144 MB in 1024 MB steps; e.g. " + nearest);
      }
      if (e.serverlessMaxConcurrency() > SageMakerLimits.SERVERLESS_MAX_CONCURRENCY) {
        throw new ConfigException(
            ContextKeys.SERVERLESS_MAX_CONCURRENCY,
            Integer.toString(e.serverlessMaxConcurrency()),
            "at most " + SageMakerLimits.SERVERLESS_MAX_CONCURRENCY + "; e.g. 5");
      }
    } else {
      requireOffered(config, ContextKeys.ENDPOINT_INSTANCE_TYPE, e.instanceType(), Usage.HOSTING);
      if (e.minCapacity() > e.maxCapacity()) {
        throw new ConfigException(
            ContextKeys.ENDPOINT_MIN_CAPACITY,
            Integer.toString(e.minCapacity()),
            "above endpointMaxCapacity " + e.maxCapacity() + "; e.g. 1");
      }
      if (e.maxCapacity() > SageMakerLimits.MAX_ENDPOINT_CAPACITY) {
        throw new ConfigException(
            ContextKeys.ENDPOINT_MAX_CAPACITY,
            Integer.toString(e.maxCapacity()),
            "a student endpoint scales to at most "
                + SageMakerLimits.MAX_ENDPOINT_CAPACITY
                + " instances; e.g. 2");
      }
    }
  }

  private void checkTransform(ClassroomConfig config) {
    TransformSettings t = config.transform();
    requireOffered(config, ContextKeys.TRANSFORM_INSTANCE_TYPE, t.instanceType(), Usage.TRANSFORM);
    requireRuntime(ContextKeys.TRANSFORM_MAX_RUNTIME, t.maxRuntimeSeconds(), "; e.g. 3600");
  }

  /** SageMaker's limit on every job's runtime (and a spot job's wait): 28 days. */
  private static void requireRuntime(String key, long seconds, String example) {
    if (seconds > SageMakerLimits.MAX_RUNTIME_SECONDS) {
      throw new ConfigException(
          key,
          Long.toString(seconds),
          "SageMaker allows at most "
              + SageMakerLimits.MAX_RUNTIME_SECONDS
              + " s (28 days)"
              + example);
    }
  }

  /**
   * Every notebook type must be priced for notebooks in the region (and allowed, with an
   * allow-list); the refusal names each refused type at once.
   */
  private void checkNotebooks(ClassroomConfig config) {
    NotebookSettings n = config.notebooks();
    if (!n.enabled()) {
      return;
    }
    List<String> unpriced = new ArrayList<>();
    List<String> notAllowed = new ArrayList<>();
    for (String type : n.instanceTypes()) {
      if (prices.hourly(config.region(), Usage.NOTEBOOK, type).isEmpty()) {
        unpriced.add(type);
      } else if (!config.allowedInstanceTypes().isEmpty()
          && !config.allowedInstanceTypes().contains(type)) {
        notAllowed.add(type);
      }
    }
    String value = String.join(",", n.instanceTypes());
    if (!unpriced.isEmpty()) {
      throw new ConfigException(
          ContextKeys.NOTEBOOK_INSTANCE_TYPES,
          value,
          String.join(", ", unpriced)
              + (unpriced.size() > 1 ? " are" : " is")
              + " not offered for notebooks in "
              + config.region()
              + " (price table of "
              + prices.asOf()
              + "); e.g. "
              + prices.cheapest(config.region(), Usage.NOTEBOOK, false).orElse("none")
              + "; offered: "
              + String.join(", ", prices.instanceTypes(config.region(), Usage.NOTEBOOK)));
    }
    if (!notAllowed.isEmpty()) {
      throw new ConfigException(
          ContextKeys.NOTEBOOK_INSTANCE_TYPES,
          value,
          String.join(", ", notAllowed)
              + " not in allowedInstanceTypes; use "
              + String.join(", ", config.allowedInstanceTypes().stream().sorted().toList())
              + " or add them there");
    }
  }

  private void checkNames(ClassroomConfig config) {
    for (Student s : config.students()) {
      Names.longestNames(s.id())
          .forEach(
              (name, kind) -> {
                if (!kind.isValid(name)) {
                  throw new ConfigException(
                      ContextKeys.STUDENTS, s.id(), kind.invalid(name) + "; shorten the id");
                }
              });
    }
  }

  private void requireOffered(ClassroomConfig config, String key, String type, Usage usage) {
    String region = config.region();
    if (prices.hourly(region, usage, type).isEmpty()) {
      String alternative =
          prices
              .cheapest(region, usage, InstanceTypes.isGpu(type))
              .or(() -> prices.cheapest(region, usage, !InstanceTypes.isGpu(type)))
              .orElse("none");
      throw new ConfigException(
          key,
          type,
          "not offered for "
              + usage.key()
              + " in "
              + region
              + " (price table of "
              + prices.asOf()
              + "); e.g. "
              + alternative
              + "; offered: "
              + String.join(", ", prices.instanceTypes(region, usage)));
    }
    if (!config.allowedInstanceTypes().isEmpty() && !config.allowedInstanceTypes().contains(type)) {
      throw new ConfigException(
          key,
          type,
          "not in allowedInstanceTypes; use one of "
              + String.join(", ", config.allowedInstanceTypes().stream().sorted().toList())
              + " or add it there");
    }
  }

  private StudentEstimate estimate(ClassroomConfig config, Student student) {
    String region = config.region();
    List<CostLine> lines = new ArrayList<>();
    TrainingSettings t = config.training();
    double trainHourly = prices.hourly(region, Usage.TRAINING, t.instanceType()).orElseThrow();
    double jobHours = t.maxRuntimeSeconds() / 3600.0;
    double job = t.instanceCount() * trainHourly * jobHours;
    lines.add(
        new CostLine(
            "training job",
            ContextKeys.TRAINING_MAX_RUNTIME,
            String.format(
                Locale.ROOT,
                "%d x %s at $%.4f/h x %.2f h%s",
                t.instanceCount(),
                t.instanceType(),
                trainHourly,
                jobHours,
                t.spot() ? " (spot, priced at on-demand)" : ""),
            job));

    TuningSpec spec = config.tuningSpec();
    int trials = spec.maxTrainingJobs();
    double byTrials = trials * job;
    double tuning = byTrials;
    String tuningFormula =
        String.format(Locale.ROOT, "%d trials x $%.4f per training job", trials, job);
    if (spec.resourceLimits().maxRuntimeInSeconds().isPresent()) {
      double byClock =
          spec.resourceLimits().maxParallelTrainingJobs()
              * t.instanceCount()
              * trainHourly
              * spec.resourceLimits().maxRuntimeInSeconds().getAsLong()
              / 3600.0;
      if (byClock < byTrials) {
        tuning = byClock;
        tuningFormula =
            String.format(
                Locale.ROOT,
                "%d parallel x %s for the tuning cap of %d s",
                spec.resourceLimits().maxParallelTrainingJobs(),
                t.instanceType(),
                spec.resourceLimits().maxRuntimeInSeconds().getAsLong());
      }
    }
    lines.add(
        new CostLine(
            "tuning job",
            ContextKeys.TUNING_SPEC + " ResourceLimits.MaxNumberOfTrainingJobs",
            tuningFormula,
            tuning));

    if (student.modelKey().isPresent()) {
      EndpointSettings e = config.endpoint();
      if (e.mode() == EndpointMode.SERVERLESS) {
        double rate = prices.serverlessPerGbSecond(region).orElseThrow();
        double gb = e.serverlessMemoryMb() / 1024.0;
        double day = gb * e.serverlessMaxConcurrency() * SECONDS_PER_DAY * rate;
        lines.add(
            new CostLine(
                "serverless endpoint-day",
                ContextKeys.SERVERLESS_MAX_CONCURRENCY,
                String.format(
                    Locale.ROOT,
                    "%.0f GB x %d concurrent x 86400 s x $%.7f/GB-s",
                    gb,
                    e.serverlessMaxConcurrency(),
                    rate),
                day));
      } else {
        double hourly = prices.hourly(region, Usage.HOSTING, e.instanceType()).orElseThrow();
        lines.add(
            new CostLine(
                "real-time endpoint-day",
                ContextKeys.ENDPOINT_MAX_CAPACITY,
                String.format(
                    Locale.ROOT,
                    "%d x %s at $%.4f/h x 24 h",
                    e.maxCapacity(),
                    e.instanceType(),
                    hourly),
                e.maxCapacity() * hourly * 24));
      }
    }

    NotebookSettings n = config.notebooks();
    if (n.enabled()) {
      // Idle shutdown does not stop a kernel kept busy: the worst case runs all day on the
      // dearest allowed type.
      String dearest =
          n.instanceTypes().stream()
              .max(
                  java.util.Comparator.comparingDouble(
                      type -> prices.hourly(region, Usage.NOTEBOOK, type).orElseThrow()))
              .orElseThrow();
      double hourly = prices.hourly(region, Usage.NOTEBOOK, dearest).orElseThrow();
      lines.add(
          new CostLine(
              "notebook-day",
              ContextKeys.NOTEBOOK_INSTANCE_TYPES,
              String.format(
                  Locale.ROOT,
                  "1 x %s at $%.4f/h x 24 h (kept busy despite idle shutdown after %d min)",
                  dearest,
                  hourly,
                  n.idleMinutes()),
              hourly * 24));
    }

    TransformSettings x = config.transform();
    double transformHourly = prices.hourly(region, Usage.TRANSFORM, x.instanceType()).orElseThrow();
    double transformHours = x.maxRuntimeSeconds() / 3600.0;
    lines.add(
        new CostLine(
            "batch transform job",
            ContextKeys.TRANSFORM_MAX_RUNTIME,
            String.format(
                Locale.ROOT,
                "%d x %s at $%.4f/h x %.2f h",
                x.instanceCount(),
                x.instanceType(),
                transformHourly,
                transformHours),
            x.instanceCount() * transformHourly * transformHours));
    return new StudentEstimate(student.id(), lines, config.budgetUsd(), hourly(config, student));
  }

  /**
   * What one student can have billing in the same hour: {@code maxConcurrentJobs} runs of each
   * pipeline (the pipelines' concurrency gate refuses more), each tuning run at its parallel
   * trials, plus the endpoint at full scale. Spot priced at on-demand, as above.
   */
  private List<CostLine> hourly(ClassroomConfig config, Student student) {
    String region = config.region();
    int runs = config.maxConcurrentJobs();
    List<CostLine> lines = new ArrayList<>();
    TrainingSettings t = config.training();
    double trainHourly = prices.hourly(region, Usage.TRAINING, t.instanceType()).orElseThrow();
    lines.add(
        new CostLine(
            "training runs",
            ContextKeys.MAX_CONCURRENT_JOBS,
            String.format(
                Locale.ROOT,
                "%d at once x %d x %s at $%.4f/h",
                runs,
                t.instanceCount(),
                t.instanceType(),
                trainHourly),
            runs * t.instanceCount() * trainHourly));
    int parallel = config.tuningSpec().resourceLimits().maxParallelTrainingJobs();
    lines.add(
        new CostLine(
            "tuning runs",
            ContextKeys.TUNING_SPEC + " ResourceLimits.MaxParallelTrainingJobs",
            String.format(
                Locale.ROOT,
                "%d at once x %d parallel trials x %s at $%.4f/h",
                runs,
                parallel,
                t.instanceType(),
                trainHourly),
            runs * parallel * t.instanceCount() * trainHourly));
    TransformSettings x = config.transform();
    double transformHourly = prices.hourly(region, Usage.TRANSFORM, x.instanceType()).orElseThrow();
    lines.add(
        new CostLine(
            "batch transform runs",
            ContextKeys.MAX_CONCURRENT_JOBS,
            String.format(
                Locale.ROOT,
                "%d at once x %d x %s at $%.4f/h",
                runs,
                x.instanceCount(),
                x.instanceType(),
                transformHourly),
            runs * x.instanceCount() * transformHourly));
    if (student.modelKey().isPresent()) {
      EndpointSettings e = config.endpoint();
      if (e.mode() == EndpointMode.SERVERLESS) {
        double rate = prices.serverlessPerGbSecond(region).orElseThrow();
        double gb = e.serverlessMemoryMb() / 1024.0;
        lines.add(
            new CostLine(
                "serverless endpoint",
                ContextKeys.SERVERLESS_MAX_CONCURRENCY,
                String.format(
                    Locale.ROOT,
                    "%.0f GB x %d concurrent x 3600 s x $%.7f/GB-s",
                    gb,
                    e.serverlessMaxConcurrency(),
                    rate),
                gb * e.serverlessMaxConcurrency() * 3600 * rate));
      } else {
        double hosting = prices.hourly(region, Usage.HOSTING, e.instanceType()).orElseThrow();
        lines.add(
            new CostLine(
                "real-time endpoint",
                ContextKeys.ENDPOINT_MAX_CAPACITY,
                String.format(
                    Locale.ROOT, "%d x %s at $%.4f/h", e.maxCapacity(), e.instanceType(), hosting),
                e.maxCapacity() * hosting));
      }
    }
    NotebookSettings n = config.notebooks();
    if (n.enabled()) {
      double dearest =
          n.instanceTypes().stream()
              .mapToDouble(type -> prices.hourly(region, Usage.NOTEBOOK, type).orElseThrow())
              .max()
              .orElseThrow();
      lines.add(
          new CostLine(
              "notebook",
              ContextKeys.NOTEBOOK_INSTANCE_TYPES,
              String.format(Locale.ROOT, "1 app on the dearest type at $%.4f/h", dearest),
              dearest));
    }
    return lines;
  }

  private static String format(double usd) {
    return String.format(Locale.ROOT, "%.2f", usd);
  }
}
