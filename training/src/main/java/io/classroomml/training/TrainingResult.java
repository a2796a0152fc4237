package io.classroomml.training;

import io.classroomml.reports.EpochStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a training run produced.
 *
 * @param status how it ended
 * @param reason why it ended early (empty when it ran all epochs)
 * @param epochs every finished epoch, including those of earlier runs resumed from
 * @param finalMetrics final metrics by SageMaker name ({@code validation:accuracy}, ...)
 * @param modelDir where the model and its manifest were written
 */
public record TrainingResult(
    Status status,
    String reason,
    List<EpochStats> epochs,
    Map<String, Double> finalMetrics,
    Path modelDir) {

  /** How a run ended. */
  public enum Status {
    /** All epochs ran. */
    COMPLETED,
    /** Early stopping or the overfitting rule ended it; the model is saved. */
    STOPPED_EARLY,
    /** SIGTERM: a checkpoint (and the model so far) was saved; a restart resumes. */
    INTERRUPTED
  }
}
