package io.classroomml.local.tune;

/**
 * Gaussian-process regression with a Matérn 5/2 kernel on standardised targets: the surrogate of
 * the Bayesian search. The length scale is chosen from a small grid by the log marginal likelihood,
 * which is enough for the handful of trials a class runs and keeps the code checkable by hand.
 */
public final class GaussianProcess {

  /** Length scales tried (the inputs live in the unit cube). */
  static final double[] LENGTH_SCALES = {0.1, 0.2, 0.35, 0.6, 1.0, 2.0};

  /** Observation noise, as a share of the standardised variance. */
  static final double NOISE = 1e-3;

  private final double[][] x;
  private final double mean;
  private final double scale;
  private final double lengthScale;
  private final double[][] cholesky;
  private final double[] alpha;

  private GaussianProcess(
      double[][] x, double mean, double scale, double lengthScale, double[][] l, double[] alpha) {
    this.x = x;
    this.mean = mean;
    this.scale = scale;
    this.lengthScale = lengthScale;
    this.cholesky = l;
    this.alpha = alpha;
  }

  /** Fits {@code y} at {@code x} (at least one point). */
  public static GaussianProcess fit(double[][] x, double[] y) {
    if (x.length == 0 || x.length != y.length) {
      throw new IllegalArgumentException("need as many targets as points, at least one");
    }
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= y.length;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double scale = y.length > 1 && var > 0 ? Math.sqrt(var / (y.length - 1)) : 1;
    double[] z = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      z[i] = (y[i] - mean) / scale;
    }
    GaussianProcess best = null;
    double bestLikelihood = Double.NEGATIVE_INFINITY;
    for (double ls : LENGTH_SCALES) {
      double[][] k = new double[x.length][x.length];
      for (int i = 0; i < x.length; i++) {
        for (int j = 0; j < x.length; j++) {
          k[i][j] = kernel(x[i], x[j], ls) + (i == j ? NOISE : 0);
        }
      }
      double[][] l = cholesky(k);
      double[] alpha = solveUpper(l, solveLower(l, z));
      double likelihood = 0;
      for (int i = 0; i < z.length; i++) {
        likelihood -= 0.5 * z[i] * alpha[i] + Math.log(l[i][i]);
      }
      if (likelihood > bestLikelihood) {
        bestLikelihood = likelihood;
        best = new GaussianProcess(x, mean, scale, ls, l, alpha);
      }
    }
    return best;
  }

  /** Matérn 5/2 covariance of two points at length scale {@code ls}, unit signal variance. */
  static double kernel(double[] a, double[] b, double ls) {
    double d2 = 0;
    for (int i = 0; i < a.length; i++) {
      d2 += (a[i] - b[i]) * (a[i] - b[i]);
    }
    double r = Math.sqrt(5 * d2) / ls;
    return (1 + r + r * r / 3) * Math.exp(-r);
  }

  /** The length scale the marginal likelihood chose. */
  public double lengthScale() {
    return lengthScale;
  }

  /** Posterior mean and standard deviation at {@code point}, in the targets' units. */
  public double[] predict(double[] point) {
    double[] k = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      k[i] = kernel(point, x[i], lengthScale);
    }
    double mu = 0;
    for (int i = 0; i < k.length; i++) {
      mu += k[i] * alpha[i];
    }
    double[] v = solveLower(cholesky, k);
    double var = 1 + NOISE;
    for (double vi : v) {
      var -= vi * vi;
    }
    return new double[] {mean + scale * mu, scale * Math.sqrt(Math.max(var, 1e-12))};
  }

  /** Expected improvement over {@code best} of a normal with {@code mu}, {@code sigma}. */
  public static double expectedImprovement(double mu, double sigma, double best, double xi) {
    if (sigma <= 0) {
      return Math.max(0, mu - best - xi);
    }
    double z = (mu - best - xi) / sigma;
    return (mu - best - xi) * normalCdf(z) + sigma * normalPdf(z);
  }

  static double normalPdf(double z) {
    return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  }

  /** Standard normal CDF (Abramowitz–Stegun 7.1.26 erf, error below 1.5e-7). */
  static double normalCdf(double z) {
    double t = 1 / (1 + 0.3275911 * Math.abs(z) / Math.sqrt(2));
    double poly =
        t
            * (0.254829592
                + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    double erf = 1 - poly * Math.exp(-z * z / 2);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  /** Lower-triangular L with L·Lᵀ = a; adds jitter to the diagonal if a is nearly singular. */
  static double[][] cholesky(double[][] a) {
    int n = a.length;
    double jitter = 0;
    for (int attempt = 0; attempt < 6; attempt++) {
      double[][] l = new double[n][n];
      boolean ok = true;
      for (int i = 0; i < n && ok; i++) {
        for (int j = 0; j <= i; j++) {
          double sum = a[i][j] + (i == j ? jitter : 0);
          for (int k = 0; k < j; k++) {
            sum -= l[i][k] * l[j][k];
          }
          if (i == j) {
            if (sum <= 0) {
              ok = false;
              break;
            }
            l[i][i] = Math.sqrt(sum);
          } else {
            l[i][j] = sum / l[j][j];
          }
        }
      }
      if (ok) {
        return l;
      }
      jitter = jitter == 0 ? 1e-8 : jitter * 100;
    }
    throw new IllegalStateException("covariance matrix is not positive definite");
  }

  static double[] solveLower(double[][] l, double[] b) {
    double[] y = new double[b.length];
    for (int i = 0; i < b.length; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    return y;
  }

  static double[] solveUpper(double[][] l, double[] y) {
    int n = y.length;
    double[] x = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * x[k];
      }
      x[i] = s / l[i][i];
    }
    return x;
  }
}
