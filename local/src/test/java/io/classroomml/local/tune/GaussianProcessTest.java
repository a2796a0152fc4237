package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class GaussianProcessTest {

  @Test
  void cholesky_reconstructsTheMatrix() {
    double[][] a = {{4, 2, 0.4}, {2, 5, 1}, {0.4, 1, 3}};
    double[][] l = GaussianProcess.cholesky(a);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
          sum += l[i][k] * l[j][k];
        }
        assertThat(sum).isCloseTo(a[i][j], offset(1e-12));
      }
    }
  }

  @Test
  void predict_passesThroughObservationsAndIsUnsureFarFromThem() {
    double[][] x = {{0.1}, {0.5}, {0.9}};
    double[] y = {1.0, 3.0, 2.0};
    GaussianProcess gp = GaussianProcess.fit(x, y);
    for (int i = 0; i < x.length; i++) {
      double[] p = gp.predict(x[i]);
      assertThat(p[0]).isCloseTo(y[i], offset(0.05));
      assertThat(p[1]).isLessThan(0.1);
    }
    assertThat(gp.predict(new double[] {0.3})[1]).isGreaterThan(gp.predict(new double[] {0.5})[1]);
  }

  @Test
  void expectedImprovement_growsWithMeanAndUncertainty() {
    double low = GaussianProcess.expectedImprovement(0.0, 0.1, 0.5, 0);
    double higherMean = GaussianProcess.expectedImprovement(0.4, 0.1, 0.5, 0);
    double moreUnsure = GaussianProcess.expectedImprovement(0.0, 0.5, 0.5, 0);
    assertThat(low).isPositive().isLessThan(higherMean).isLessThan(moreUnsure);
    assertThat(GaussianProcess.expectedImprovement(1.0, 0, 0.5, 0)).isCloseTo(0.5, offset(1e-12));
  }

  @Test
  void normalCdf_matchesKnownValues() {
    assertThat(GaussianProcess.normalCdf(0)).isCloseTo(0.5, offset(1e-7));
    assertThat(GaussianProcess.normalCdf(1.959964)).isCloseTo(0.975, offset(1e-6));
    assertThat(GaussianProcess.normalCdf(-1)).isCloseTo(0.158655, offset(1e-6));
  }
}
