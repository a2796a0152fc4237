package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.TrainingSettings;

/** Training jobs: an offered, allowed instance type on one host, within SageMaker's limits. */
final class TrainingCheck implements ConfigCheck {

  private final InstanceOffers offers;

  TrainingCheck(InstanceOffers offers) {
    this.offers = offers;
  }

  @Override
  public void check(ClassroomConfig config) {
    TrainingSettings t = config.training();
    offers.require(config, ContextKeys.TRAINING_INSTANCE_TYPE, t.instanceType(), Usage.TRAINING);
    if (t.instanceCount() > 1) {
      throw new ConfigException(
          ContextKeys.TRAINING_INSTANCE_COUNT,
          Integer.toString(t.instanceCount()),
          "the trainer trains on one host only (DJL has no collectives across hosts), so every"
              + " further instance would bill for training nothing; leave it at 1, and for more"
              + " speed use one instance type with several GPUs (trainingInstanceType; the"
              + " trainer uses every GPU of its instance) or run tuning trials in parallel"
              + " (ResourceLimits.MaxParallelTrainingJobs in the tuning spec)");
    }
    SageMakerLimits.requireRuntime(
        ContextKeys.TRAINING_MAX_RUNTIME, t.maxRuntimeSeconds(), "; e.g. 7200");
    if (t.spot() && t.maxWaitSeconds() < t.maxRuntimeSeconds()) {
      throw new ConfigException(
          ContextKeys.TRAINING_MAX_WAIT,
          Long.toString(t.maxWaitSeconds()),
          "with spot training the wait must cover the runtime; set it to at least "
              + t.maxRuntimeSeconds()
              + " (e.g. "
              + 2 * t.maxRuntimeSeconds()
              + ")");
    }
    if (t.spot()) {
      SageMakerLimits.requireRuntime(ContextKeys.TRAINING_MAX_WAIT, t.maxWaitSeconds(), "");
    }
    if (t.volumeGb() > SageMakerLimits.MAX_TRAINING_VOLUME_GB) {
      throw new ConfigException(
          ContextKeys.TRAINING_VOLUME_GB,
          Integer.toString(t.volumeGb()),
          "at most " + SageMakerLimits.MAX_TRAINING_VOLUME_GB + " GB; e.g. 30");
    }
  }
}
