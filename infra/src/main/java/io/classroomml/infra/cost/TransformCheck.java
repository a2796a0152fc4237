package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.TransformSettings;

/** Batch transform: an offered, allowed instance type within SageMaker's runtime limit. */
final class TransformCheck implements ConfigCheck {

  private final InstanceOffers offers;

  TransformCheck(InstanceOffers offers) {
    this.offers = offers;
  }

  @Override
  public void check(ClassroomConfig config) {
    TransformSettings t = config.transform();
    offers.require(config, ContextKeys.TRANSFORM_INSTANCE_TYPE, t.instanceType(), Usage.TRANSFORM);
    SageMakerLimits.requireRuntime(
        ContextKeys.TRANSFORM_MAX_RUNTIME, t.maxRuntimeSeconds(), "; e.g. 3600");
  }
}
