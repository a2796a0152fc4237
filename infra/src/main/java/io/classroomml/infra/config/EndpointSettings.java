package io.classroomml.infra.config;

/**
 * How a deployed model is hosted.
 *
 * @param mode serverless or real-time
 * @param serverlessMemoryMb 1024 to 6144 in 1024 steps (serverless)
 * @param serverlessMaxConcurrency 1 to 200 (serverless)
 * @param instanceType hosting instance (real-time)
 * @param minCapacity autoscaling minimum (real-time)
 * @param maxCapacity autoscaling maximum (real-time)
 */
public record EndpointSettings(
    EndpointMode mode,
    int serverlessMemoryMb,
    int serverlessMaxConcurrency,
    String instanceType,
    int minCapacity,
    int maxCapacity) {}
