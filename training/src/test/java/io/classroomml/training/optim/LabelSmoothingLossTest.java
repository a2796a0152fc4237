package io.classroomml.training.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class LabelSmoothingLossTest {

  @Test
  void withoutSmoothingItIsCrossEntropy() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDList logits = new NDList(m.create(new float[] {0f, 0f, 0f, 0f}, new Shape(1, 4)));
      NDList label = new NDList(m.create(new int[] {2}));

      float loss = new LabelSmoothingLoss(0f).evaluate(label, logits).getFloat();

      assertThat(loss).isCloseTo((float) Math.log(4), within(1e-6f));
    }
  }

  @Test
  void smoothingMixesInTheMeanOverClasses() {
    try (NDManager m = NDManager.newBaseManager()) {
      float[] z = {2f, 0f, -1f};
      NDList logits = new NDList(m.create(z, new Shape(1, 3)));
      NDList label = new NDList(m.create(new int[] {0}));
      double logSum = Math.log(Math.exp(2) + 1 + Math.exp(-1));
      double[] logp = {2 - logSum, -logSum, -1 - logSum};
      double eps = 0.3;
      double expected = -((1 - eps + eps / 3) * logp[0] + eps / 3 * logp[1] + eps / 3 * logp[2]);

      float loss = new LabelSmoothingLoss((float) eps).evaluate(label, logits).getFloat();

      assertThat(loss).isCloseTo((float) expected, within(1e-5f));
    }
  }
}
