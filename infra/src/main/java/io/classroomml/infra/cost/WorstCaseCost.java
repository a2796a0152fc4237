package io.classroomml.infra.cost;

import io.classroomml.contract.tuning.TuningSpec;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.EndpointMode;
import io.classroomml.infra.config.EndpointSettings;
import io.classroomml.infra.config.NotebookSettings;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.config.TrainingSettings;
import io.classroomml.infra.config.TransformSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One student's worst case, item by item: spot training can bill up to the on-demand price, so jobs
 * are priced on demand for their whole maximum runtime; a tuning job runs at most {@code
 * MaxNumberOfTrainingJobs} trials of at most the training runtime each (or its own time cap times
 * the parallel trials, whichever is lower); a real-time endpoint runs at its maximum autoscaling
 * capacity all day; a serverless endpoint serves at full concurrency all day; a notebook runs all
 * day on the dearest allowed type. Every type is priced (the {@link CostGuard} checked it first).
 */
final class WorstCaseCost {

  private static final long SECONDS_PER_DAY = 86_400;

  private final PriceTable prices;

  WorstCaseCost(PriceTable prices) {
    this.prices = prices;
  }

  /** The worst case of each item {@code student} can run, in a fixed order. */
  List<CostLine> lines(ClassroomConfig config, Student student) {
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
                  Comparator.comparingDouble(
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
    return lines;
  }
}
