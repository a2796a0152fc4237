package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.EndpointMode;
import io.classroomml.infra.config.EndpointSettings;

/**
 * Student endpoints: serverless ones on CPU, priced in the region and within SageMaker's memory and
 * concurrency limits; real-time ones on an offered, allowed type within the capacity cap.
 */
final class EndpointCheck implements ConfigCheck {

  private final PriceTable prices;
  private final InstanceOffers offers;

  EndpointCheck(PriceTable prices, InstanceOffers offers) {
    this.prices = prices;
    this.offers = offers;
  }

  @Override
  public void check(ClassroomConfig config) {
    EndpointSettings e = config.endpoint();
    if (e.mode() == EndpointMode.SERVERLESS) {
      checkServerless(config, e);
    } else {
      checkRealtime(config, e);
    }
  }

  private void checkServerless(ClassroomConfig config, EndpointSettings e) {
    if (InstanceTypes.isGpu(e.instanceType())) {
      throw new ConfigException(
          ContextKeys.ENDPOINT_INSTANCE_TYPE,
          e.instanceType(),
          "serverless endpoints have no GPUs; use endpointMode=realtime for a GPU, or a CPU"
              + " type such as ml.m5.large");
    }
    if (prices.serverlessPerGbSecond(config.region()).isEmpty()) {
      throw new ConfigException(
          ContextKeys.ENDPOINT_MODE,
          e.mode().id(),
          "the price table has no serverless price for "
              + config.region()
              + ", so its cost cannot be guarded; use endpointMode=realtime");
    }
    int memory = e.serverlessMemoryMb();
    if (memory < SageMakerLimits.SERVERLESS_MIN_MEMORY_MB
        || memory > SageMakerLimits.SERVERLESS_MAX_MEMORY_MB
        || memory % SageMakerLimits.SERVERLESS_MEMORY_STEP_MB != 0) {
      int nearest =
          Math.max(
              SageMakerLimits.SERVERLESS_MIN_MEMORY_MB,
              Math.min(
                  SageMakerLimits.SERVERLESS_MAX_MEMORY_MB,
                  Math.round(memory / 1024f) * SageMakerLimits.SERVERLESS_MEMORY_STEP_MB));
      throw new ConfigException(
          ContextKeys.SERVERLESS_MEMORY_MB,
          Integer.toString(memory),
          "serverless memory is 1024 to 6144 MB in 1024 MB steps; e.g. " + nearest);
    }
    if (e.serverlessMaxConcurrency() > SageMakerLimits.SERVERLESS_MAX_CONCURRENCY) {
      throw new ConfigException(
          ContextKeys.SERVERLESS_MAX_CONCURRENCY,
          Integer.toString(e.serverlessMaxConcurrency()),
          "at most " + SageMakerLimits.SERVERLESS_MAX_CONCURRENCY + "; e.g. 5");
    }
  }

  private void checkRealtime(ClassroomConfig config, EndpointSettings e) {
    offers.require(config, ContextKeys.ENDPOINT_INSTANCE_TYPE, e.instanceType(), Usage.HOSTING);
    if (e.minCapacity() > e.maxCapacity()) {
      throw new ConfigException(
          ContextKeys.ENDPOINT_MIN_CAPACITY,
          Integer.toString(e.minCapacity()),
          "above endpointMaxCapacity " + e.maxCapacity() + "; e.g. 1");
    }
    if (e.maxCapacity() > SageMakerLimits.MAX_ENDPOINT_CAPACITY) {
      throw new ConfigException(
          ContextKeys.ENDPOINT_MAX_CAPACITY,
          Integer.toString(e.maxCapacity()),
          "a student endpoint scales to at most "
              + SageMakerLimits.MAX_ENDPOINT_CAPACITY
              + " instances; e.g. 2");
    }
  }
}
