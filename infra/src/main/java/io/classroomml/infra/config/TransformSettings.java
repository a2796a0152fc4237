package io.classroomml.infra.config;

/**
 * How a batch transform job runs.
 *
 * @param instanceType e.g. {@code ml.m5.large}
 * @param instanceCount instances per job
 * @param maxRuntimeSeconds the pipeline's time cap for one job
 */
public record TransformSettings(String instanceType, int instanceCount, long maxRuntimeSeconds) {}
