package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.NotebookSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * Every notebook type must be priced for notebooks in the region (and allowed, with an allow-list);
 * the refusal names each refused type at once.
 */
final class NotebookCheck implements ConfigCheck {

  private final PriceTable prices;

  NotebookCheck(PriceTable prices) {
    this.prices = prices;
  }

  @Override
  public void check(ClassroomConfig config) {
    NotebookSettings n = config.notebooks();
    if (!n.enabled()) {
      return;
    }
    List<String> unpriced = new ArrayList<>();
    List<String> notAllowed = new ArrayList<>();
    for (String type : n.instanceTypes()) {
      if (prices.hourly(config.region(), Usage.NOTEBOOK, type).isEmpty()) {
        unpriced.add(type);
      } else if (!config.allowedInstanceTypes().isEmpty()
          && !config.allowedInstanceTypes().contains(type)) {
        notAllowed.add(type);
      }
    }
    String value = String.join(",", n.instanceTypes());
    if (!unpriced.isEmpty()) {
      throw new ConfigException(
          ContextKeys.NOTEBOOK_INSTANCE_TYPES,
          value,
          String.join(", ", unpriced)
              + (unpriced.size() > 1 ? " are" : " is")
              + " not offered for notebooks in "
              + config.region()
              + " (price table of "
              + prices.asOf()
              + "); e.g. "
              + prices.cheapest(config.region(), Usage.NOTEBOOK, false).orElse("none")
              + "; offered: "
              + String.join(", ", prices.instanceTypes(config.region(), Usage.NOTEBOOK)));
    }
    if (!notAllowed.isEmpty()) {
      throw new ConfigException(
          ContextKeys.NOTEBOOK_INSTANCE_TYPES,
          value,
          String.join(", ", notAllowed)
              + " not in allowedInstanceTypes; use "
              + String.join(", ", config.allowedInstanceTypes().stream().sorted().toList())
              + " or add them there");
    }
  }
}
