package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;

/** Whether an instance type may be used: priced for its usage in the region, and allowed. */
final class InstanceOffers {

  private final PriceTable prices;

  InstanceOffers(PriceTable prices) {
    this.prices = prices;
  }

  /**
   * @throws ConfigException naming {@code key} when {@code type} is not offered for {@code usage}
   *     in the region (with the cheapest alternative), or not in {@code allowedInstanceTypes}
   */
  void require(ClassroomConfig config, String key, String type, Usage usage) {
    String region = config.region();
    if (prices.hourly(region, usage, type).isEmpty()) {
      String alternative =
          prices
              .cheapest(region, usage, InstanceTypes.isGpu(type))
              .or(() -> prices.cheapest(region, usage, !InstanceTypes.isGpu(type)))
              .orElse("none");
      throw new ConfigException(
          key,
          type,
          "not offered for "
              + usage.key()
              + " in "
              + region
              + " (price table of "
              + prices.asOf()
              + "); e.g. "
              + alternative
              + "; offered: "
              + String.join(", ", prices.instanceTypes(region, usage)));
    }
    if (!config.allowedInstanceTypes().isEmpty() && !config.allowedInstanceTypes().contains(type)) {
      throw new ConfigException(
          key,
          type,
          "not in allowedInstanceTypes; use one of "
              + String.join(", ", config.allowedInstanceTypes().stream().sorted().toList())
              + " or add it there");
    }
  }
}
