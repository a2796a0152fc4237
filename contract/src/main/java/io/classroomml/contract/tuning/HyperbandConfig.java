package io.classroomml.contract.tuning;

import java.util.OptionalInt;

/**
 * {@code HyperbandStrategyConfig}, in epochs (the resource the trainer reports once per epoch).
 *
 * @param minResource no trial is stopped before this many epochs, or empty for SageMaker's default
 * @param maxResource trials stop at this many epochs (at most 20 000), or empty to infer it from
 *     the static hyperparameter {@code epochs}
 */
public record HyperbandConfig(OptionalInt minResource, OptionalInt maxResource) {}
