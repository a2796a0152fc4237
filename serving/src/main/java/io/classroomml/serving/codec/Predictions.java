package io.classroomml.serving.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The model's answer for a request, ready to encode: per image the {@code topK} most probable
 * classes, best first.
 *
 * @param classNames the model's classes, by output index
 * @param probabilities one row per image
 * @param topK how many classes to list per image (capped at the number of classes)
 */
public record Predictions(List<String> classNames, float[][] probabilities, int topK) {

  /** One ranked class. */
  public record Ranked(int index, String label, float probability) {}

  /** How many images. */
  public int count() {
    return probabilities.length;
  }

  /** The best classes of image {@code i}, most probable first; ties keep the lower index first. */
  public List<Ranked> top(int i) {
    float[] row = probabilities[i];
    int k = Math.min(topK, row.length);
    List<Ranked> best = new ArrayList<>(k);
    boolean[] taken = new boolean[row.length];
    for (int n = 0; n < k; n++) {
      int arg = -1;
      for (int c = 0; c < row.length; c++) {
        if (!taken[c] && (arg < 0 || row[c] > row[arg])) {
          arg = c;
        }
      }
      taken[arg] = true;
      best.add(new Ranked(arg, classNames.get(arg), row[arg]));
    }
    return best;
  }
}
