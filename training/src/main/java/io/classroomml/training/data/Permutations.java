package io.classroomml.training.data;

import java.util.SplittableRandom;

/** Seeded shuffles: the same seed gives the same order on every machine and every restart. */
public final class Permutations {

  private Permutations() {}

  /** A Fisher–Yates shuffle of {@code 0..n-1}. */
  public static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  /** A seed for one (epoch, step) pair, so that a resumed job draws the same numbers. */
  public static long seedFor(long seed, int epoch, int step) {
    long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xBF58476D1CE4E5B9L + step * 0x94D049BB133111EBL;
    return h ^ (h >>> 31);
  }
}
