package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.EndpointMode;
import io.classroomml.infra.config.EndpointSettings;
import io.classroomml.infra.config.NotebookSettings;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.config.TrainingSettings;
import io.classroomml.infra.config.TransformSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one student can have billing in the same hour: {@code maxConcurrentJobs} runs of each
 * pipeline (the pipelines' concurrency gate refuses more), each tuning run at its parallel trials,
 * plus the endpoint at full scale and a notebook on the dearest type. Spot priced at on-demand, as
 * in {@link WorstCaseCost}.
 */
final class PeakHourCost {

  private final PriceTable prices;

  PeakHourCost(PriceTable prices) {
    this.prices = prices;
  }

  /** Each item's cost in the student's dearest hour, in a fixed order. */
  List<CostLine> lines(ClassroomConfig config, Student student) {
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
}
