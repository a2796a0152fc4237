package io.classroomml.local.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Bayesian optimisation: a {@link GaussianProcess} on the finished trials and the next trial where
 * the expected improvement is largest, searched over random points of the unit cube plus small
 * moves around the best trial so far. The first trials are random, to have something to fit. Trials
 * still running count as finished with the worst score seen ("constant liar"), so that parallel
 * trials spread out instead of all landing on the same point.
 */
public final class BayesianSearch implements SearchStrategy {

  /** Random trials before the model is used. */
  static final int INITIAL_RANDOM = 3;

  static final int RANDOM_CANDIDATES = 2000;
  static final int LOCAL_CANDIDATES = 500;
  static final double LOCAL_STEP = 0.08;
  static final double XI = 0.01;

  private final ParameterSpace space;
  private final Random random;

  /** Searches {@code space} with {@code seed}. */
  public BayesianSearch(ParameterSpace space, long seed) {
    this.space = space;
    this.random = new Random(seed);
  }

  @Override
  public synchronized Optional<Map<String, String>> next(
      List<Observation> done, List<Map<String, String>> pending) {
    if (done.size() < INITIAL_RANDOM || space.isEmpty()) {
      return Optional.of(space.sample(random));
    }
    List<double[]> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    double worst = Double.POSITIVE_INFINITY;
    double best = Double.NEGATIVE_INFINITY;
    double[] bestPoint = null;
    for (Observation o : done) {
      double[] x = space.encode(o.hyperparameters());
      xs.add(x);
      ys.add(o.score());
      worst = Math.min(worst, o.score());
      if (o.score() > best) {
        best = o.score();
        bestPoint = x;
      }
    }
    for (Map<String, String> p : pending) {
      xs.add(space.encode(p));
      ys.add(worst);
    }
    GaussianProcess gp =
        GaussianProcess.fit(
            xs.toArray(double[][]::new), ys.stream().mapToDouble(Double::doubleValue).toArray());
    double[] chosen = null;
    double chosenEi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < RANDOM_CANDIDATES + LOCAL_CANDIDATES; i++) {
      double[] candidate = i < RANDOM_CANDIDATES ? space.randomPoint(random) : perturb(bestPoint);
      // Decode and re-encode, so the model scores the setting the trial will really get.
      candidate = space.encode(space.decode(candidate));
      double[] prediction = gp.predict(candidate);
      double ei = GaussianProcess.expectedImprovement(prediction[0], prediction[1], best, XI);
      if (ei > chosenEi) {
        chosenEi = ei;
        chosen = candidate;
      }
    }
    return Optional.of(space.decode(chosen));
  }

  private double[] perturb(double[] point) {
    double[] moved = point.clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] = Math.min(1, Math.max(0, moved[i] + random.nextGaussian() * LOCAL_STEP));
    }
    return moved;
  }
}
