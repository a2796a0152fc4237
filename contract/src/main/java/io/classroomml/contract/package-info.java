/**
 * The names and formats every part of classroom-ml must agree on: the SageMaker {@code /opt/ml}
 * layout ({@link io.classroomml.contract.SageMakerPaths}), the metric lines and their regexes
 * ({@link io.classroomml.contract.MetricDefinitions}) and the model manifest written next to the
 * weights ({@link io.classroomml.contract.ModelManifest}).
 */
package io.classroomml.contract;
