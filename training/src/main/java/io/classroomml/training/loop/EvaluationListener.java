package io.classroomml.training.loop;

import ai.djl.training.Trainer;
import io.classroomml.datasets.ImageSet;
import io.classroomml.models.InputNormalizer;
import io.classroomml.training.optim.LabelSmoothingLoss;
import java.util.Optional;

/**
 * Evaluates on the evaluation data after every epoch (plain cross-entropy, optional flip TTA) and
 * keeps the last confusion matrix for the report. Without evaluation data it does nothing.
 */
final class EvaluationListener implements TrainingListener {

  private final Trainer trainer;
  private final Optional<ImageSet> evaluation;
  private final InputNormalizer normalizer;
  private final boolean tta;
  private final LabelSmoothingLoss loss = new LabelSmoothingLoss(0f);
  private int[][] confusion;
  private double seconds;

  EvaluationListener(
      Trainer trainer, Optional<ImageSet> evaluation, InputNormalizer normalizer, boolean tta) {
    this.trainer = trainer;
    this.evaluation = evaluation;
    this.normalizer = normalizer;
    this.tta = tta;
  }

  @Override
  public void onEpoch(EpochEnd epoch) {
    long start = System.nanoTime();
    Evaluation.Result result =
        evaluation.map(e -> Evaluation.run(trainer, e, normalizer, loss, tta)).orElse(null);
    seconds += (System.nanoTime() - start) / 1e9;
    if (result != null) {
      confusion = result.confusion();
      epoch.evaluation(result);
    }
  }

  /** The confusion matrix of the last evaluation, or null. */
  int[][] confusion() {
    return confusion;
  }

  /** Time spent evaluating, for the profile. */
  double seconds() {
    return seconds;
  }
}
