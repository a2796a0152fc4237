package io.classroomml.infra.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Every problem the readers found, in the order found; the configuration is built only when there
 * is none, so that one synth names every bad key.
 */
final class Problems {

  private final List<ConfigException.Problem> found = new ArrayList<>();

  /**
   * Records a problem and lets the caller go on reading.
   *
   * @return null, for a reader that has no value to return
   */
  <T> T add(String key, String value, String problem) {
    found.add(new ConfigException.Problem(key, value, problem));
    return null;
  }

  /**
   * @throws ConfigException listing every problem found, when there is any
   */
  void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
  }
}
