package io.classroomml.contract.tuning;

/**
 * {@code HyperParameterTuningJobObjective}: which metric to optimise and in which direction.
 *
 * @param type maximise or minimise
 * @param metricName a {@link io.classroomml.contract.MetricDefinitions} name, e.g. {@code
 *     validation:accuracy}; SageMaker rejects an objective no metric definition names
 */
public record Objective(ObjectiveType type, String metricName) {}
