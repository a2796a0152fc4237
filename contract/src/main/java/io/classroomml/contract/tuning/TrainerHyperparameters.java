package io.classroomml.contract.tuning;

import java.util.Set;

/**
 * The hyperparameter names the trainer accepts (its {@code TrainingConfig.SPECS}; a training test
 * keeps the two equal), so that a tuning spec naming an unknown one fails before any trial is paid
 * for.
 */
public final class TrainerHyperparameters {

  /** Every name the trainer reads from {@code hyperparameters.json}. */
  public static final Set<String> NAMES =
      Set.of(
          "model",
          "epochs",
          "batch_size",
          "learning_rate",
          "momentum",
          "weight_decay",
          "dropout",
          "optimizer",
          "schedule",
          "warmup_epochs",
          "label_smoothing",
          "augment_crop",
          "crop_padding",
          "augment_flip",
          "seed",
          "early_stopping_patience",
          "image_size",
          "weight_averaging",
          "tta",
          "validation_fraction",
          "max_steps_per_epoch",
          "freeze_pretrained",
          "debugger_rules");

  /** The static hyperparameter SageMaker's Hyperband reads when MaxResource is not given. */
  public static final String EPOCHS = "epochs";

  private TrainerHyperparameters() {}

  /** Whether the trainer accepts {@code name}. */
  public static boolean isKnown(String name) {
    return NAMES.contains(name);
  }
}
