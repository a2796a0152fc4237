/**
 * The hyperparameter tuning spec shared by the local tuner and the AWS tuning pipeline: SageMaker's
 * {@code HyperParameterTuningJobConfig} shape as immutable records ({@link
 * io.classroomml.contract.tuning.TuningSpec}), parsed once and validated against the documented API
 * constraints. No engine, no AWS SDK: plain Java and Jackson.
 */
package io.classroomml.contract.tuning;
