package io.classroomml.infra.config;

/**
 * How each training job (and each tuning trial) runs.
 *
 * @param instanceType e.g. {@code ml.g4dn.xlarge}
 * @param instanceCount instances per job
 * @param spot managed spot training (checkpoints to S3 so an interruption resumes)
 * @param maxRuntimeSeconds {@code StoppingCondition.MaxRuntimeInSeconds}
 * @param maxWaitSeconds {@code StoppingCondition.MaxWaitTimeInSeconds} (spot only; at least the
 *     runtime)
 * @param volumeGb the ML storage volume per instance
 */
public record TrainingSettings(
    String instanceType,
    int instanceCount,
    boolean spot,
    long maxRuntimeSeconds,
    long maxWaitSeconds,
    int volumeGb) {}
