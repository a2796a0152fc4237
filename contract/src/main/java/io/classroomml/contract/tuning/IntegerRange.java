package io.classroomml.contract.tuning;

/**
 * {@code IntegerParameterRange}: whole numbers from {@code minValue} to {@code maxValue} inclusive.
 *
 * @param name the hyperparameter
 * @param minValue the smallest value
 * @param maxValue the largest value
 * @param scalingType how the range is searched ({@link ScalingType#REVERSE_LOGARITHMIC} is not
 *     allowed for integers)
 */
public record IntegerRange(String name, long minValue, long maxValue, ScalingType scalingType) {}
