package io.classroomml.training.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

  @Test
  void decomposesARandomCovarianceMatrix() {
    int n = 12;
    Random random = new Random(3);
    double[][] x = new double[40][n];
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        row[i] = random.nextGaussian() * (i + 1);
      }
    }
    double[][] a = new double[n][n];
    for (double[] row : x) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          a[i][j] += row[i] * row[j];
        }
      }
    }
    double[][] v = new double[n][n];

    double[] values = SymmetricEigen.decompose(a, v);

    for (int k = 0; k < n; k++) {
      if (k > 0) {
        assertThat(values[k]).isLessThanOrEqualTo(values[k - 1]);
      }
      for (int i = 0; i < n; i++) {
        double av = 0;
        for (int j = 0; j < n; j++) {
          av += a[i][j] * v[j][k];
        }
        assertThat(av).isCloseTo(values[k] * v[i][k], within(1e-6 * Math.abs(values[0])));
      }
    }
  }
}
