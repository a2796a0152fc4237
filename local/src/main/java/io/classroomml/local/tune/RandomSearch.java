package io.classroomml.local.tune;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Independent uniform draws on each range's scale (also the sampler under Hyperband). */
public final class RandomSearch implements SearchStrategy {

  private final ParameterSpace space;
  private final Random random;

  /** Draws from {@code space} with {@code seed}. */
  public RandomSearch(ParameterSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
  }

  @Override
  public synchronized Optional<Map<String, String>> next(
      List<Observation> done, List<Map<String, String>> pending) {
    return Optional.of(space.sample(random));
  }
}
