package io.classroomml.infra.cost;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;

/**
 * One area's limits (budget, training, endpoint, transform, notebooks, names). A check refuses the
 * first broken limit of its area; {@link CostGuard} runs every check and lists all refusals at
 * once.
 */
interface ConfigCheck {

  /**
   * @throws ConfigException naming the setting, its value and a valid alternative
   */
  void check(ClassroomConfig config);
}
