package io.classroomml.contract.tuning;

import java.util.OptionalLong;

/**
 * {@code ResourceLimits}: how many trials, how many at once, and an optional overall time cap.
 *
 * @param maxNumberOfTrainingJobs total trials (for Grid: the number of combinations)
 * @param maxParallelTrainingJobs trials running at the same time
 * @param maxRuntimeInSeconds the whole tuning job's time cap, 120 to 15 768 000 s, or empty
 */
public record ResourceLimits(
    int maxNumberOfTrainingJobs, int maxParallelTrainingJobs, OptionalLong maxRuntimeInSeconds) {}
