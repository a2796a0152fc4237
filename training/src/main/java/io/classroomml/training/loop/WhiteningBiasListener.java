package io.classroomml.training.loop;

import ai.djl.nn.Parameter;

/** airbench trains the whitening layer's bias for the first epochs only, then freezes it. */
final class WhiteningBiasListener implements TrainingListener {

  /** Epochs the whitening bias trains. */
  static final int EPOCHS = 3;

  private final Parameter bias;

  WhiteningBiasListener(Parameter bias) {
    this.bias = bias;
  }

  @Override
  public void beforeEpoch(int epoch) {
    if (epoch == EPOCHS) {
      bias.freeze(true);
    }
  }
}
