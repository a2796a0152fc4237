package io.classroomml.training.loop;

import io.classroomml.datasets.ImageSet;
import java.util.List;

/**
 * airbench's whitening initialisation of its first convolution: the eigenvectors of the covariance
 * of all 2×2 patches of (normalised) training images, each scaled by {@code 1/sqrt(λ + ε)}, plus
 * their negatives. The layer then decorrelates neighbouring pixels, and it stays frozen.
 */
final class Whitening {

  /** airbench uses the first 5,000 training images. */
  static final int SAMPLE_IMAGES = 5_000;

  private static final double EPSILON = 5e-4;
  private static final int K = 2;

  private Whitening() {}

  /**
   * Filters in Conv2d weight layout {@code [2·C·4][C][2][2]}, flattened.
   *
   * @param mean per-channel mean in [0, 1] units
   * @param std per-channel std in [0, 1] units
   */
  static float[] filters(ImageSet data, List<Double> mean, List<Double> std) {
    int c = data.channels();
    int h = data.height();
    int w = data.width();
    int d = c * K * K;
    double[][] cov = new double[d][d];
    double[] patch = new double[d];
    int images = Math.min(SAMPLE_IMAGES, data.size());
    byte[] px = data.pixels();
    long count = 0;
    for (int n = 0; n < images; n++) {
      int base = n * data.imageBytes();
      for (int y = 0; y + K <= h; y++) {
        for (int x = 0; x + K <= w; x++) {
          int i = 0;
          for (int ch = 0; ch < c; ch++) {
            for (int dy = 0; dy < K; dy++) {
              for (int dx = 0; dx < K; dx++) {
                int v = px[base + (ch * h + y + dy) * w + x + dx] & 0xFF;
                patch[i++] = (v / 255.0 - mean.get(ch)) / std.get(ch);
              }
            }
          }
          for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
              cov[a][b] += patch[a] * patch[b];
            }
          }
          count++;
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        cov[a][b] /= count;
        cov[b][a] = cov[a][b];
      }
    }
    double[][] vectors = new double[d][d];
    double[] values = SymmetricEigen.decompose(cov, vectors);
    float[] weights = new float[2 * d * d];
    for (int f = 0; f < d; f++) {
      double scale = 1 / Math.sqrt(Math.max(values[f], 0) + EPSILON);
      for (int i = 0; i < d; i++) {
        float v = (float) (vectors[i][f] * scale);
        weights[f * d + i] = v;
        weights[(f + d) * d + i] = -v;
      }
    }
    return weights;
  }
}
