package io.classroomml.contract.tuning;

/**
 * {@code ContinuousParameterRange}: real numbers from {@code minValue} to {@code maxValue}.
 *
 * @param name the hyperparameter
 * @param minValue the smallest value
 * @param maxValue the largest value
 * @param scalingType how the range is searched
 */
public record ContinuousRange(
    String name, double minValue, double maxValue, ScalingType scalingType) {}
