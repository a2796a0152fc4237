package io.classroomml.local;

import io.classroomml.contract.tuning.Strategy;
import io.classroomml.contract.tuning.TuningSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The tuning spec and what local mode changes in it: shared by {@code tune} and {@code run}. */
final class SpecOptions {
  @Option(
      names = "--spec",
      paramLabel = "FILE",
      description = "a tuning spec (HyperParameterTuningJobConfig); default: the course's")
  Path file;

  @Option(
      names = "--strategy",
      paramLabel = "S",
      converter = StrategyConverter.class,
      description = "Random, Grid, Bayesian or Hyperband (default: the spec's)")
  Strategy strategy;

  @Option(
      names = "--set",
      paramLabel = "K=V",
      description =
          "pin a hyperparameter for every job (repeatable); a tuned one stops being tuned")
  Map<String, String> pinned = new LinkedHashMap<>();

  TuningSpec load() {
    if (file == null) {
      return TuningSpec.defaultSpec();
    }
    try {
      return TuningSpec.parse(file);
    } catch (IOException e) {
      throw new LocalException("cannot read tuning spec " + file + ": " + e.getMessage());
    }
  }

  Optional<Strategy> strategy() {
    return Optional.ofNullable(strategy);
  }

  Map<String, String> pinned() {
    return pinned;
  }

  String describe() {
    return file != null
        ? file.toString()
        : "the course's default spec (" + TuningSpec.DEFAULT_RESOURCE + ")";
  }

  /** A strategy by its SageMaker name, in any case. */
  static final class StrategyConverter implements ITypeConverter<Strategy> {
    @Override
    public Strategy convert(String value) {
      return Arrays.stream(Strategy.values())
          .filter(s -> s.apiName().equalsIgnoreCase(value))
          .findFirst()
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      value + " is not one of Random, Grid, Bayesian, Hyperband"));
    }
  }
}
