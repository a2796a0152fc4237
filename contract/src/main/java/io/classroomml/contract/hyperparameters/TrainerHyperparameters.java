package io.classroomml.contract.hyperparameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The trainer's hyperparameters, in documentation order: the one list the trainer parses with, the
 * tuning spec is checked against, and local mode and the docs take defaults from. The models' names
 * are listed here as the trainer accepts them; the {@code models} module implements exactly these
 * (a test there keeps it so).
 */
public final class TrainerHyperparameters {

  /** Prefix of the hyperparameters SageMaker or its SDK add, which the trainer ignores. */
  public static final String SAGEMAKER_PREFIX = "sagemaker_";

  /** The hyperparameter SageMaker adds to every training job a tuning job starts; ignored. */
  public static final String TUNING_OBJECTIVE_METRIC = "_tuning_objective_metric";

  /** The networks, by the name students pass as {@code model}. */
  public static final Hyperparameter MODEL =
      Hyperparameter.oneOf(
          "model",
          List.of(
              "smallcnn",
              "resnet20",
              "resnet32",
              "resnet56",
              "airbench94",
              "airbench95",
              "airbench-cpu"),
          "smallcnn",
          "network architecture");

  /** Passes over the training set; also what Hyperband infers MaxResource from. */
  public static final Hyperparameter EPOCHS =
      Hyperparameter.integer("epochs", 1, 10_000, 10, "passes over the training set");

  /**
   * Images per optimiser step. 64 rather than 128: short runs (a class's first jobs, local mode)
   * need steps more than large batches, and on CPUs 64 costs no throughput.
   */
  public static final Hyperparameter BATCH_SIZE =
      Hyperparameter.integer("batch_size", 1, 65_536, 64, "images per step");

  /**
   * Peak learning rate; its default depends on the optimiser. 0.1 for SGD at batch 64 (with batch
   * norm, label smoothing and one-cycle): twice the old 0.05 learned a 2-epoch run on generated
   * data markedly faster (bench/training.md), and 0.1 at batch 128 is what the Fashion-MNIST test
   * trains with.
   */
  public static final Hyperparameter LEARNING_RATE =
      Hyperparameter.real("learning_rate", 0, true, 100, 0.1, "peak learning rate")
          .withDefaultInWords("0.1 (sgd/nesterov), 0.001 (adam/adamw)");

  /** The optimiser. */
  public static final Hyperparameter OPTIMIZER =
      Hyperparameter.oneOf(
          "optimizer", List.of("sgd", "nesterov", "adam", "adamw"), "nesterov", "optimiser");

  /** Cap on steps per epoch; 0 means the whole training set. */
  public static final Hyperparameter MAX_STEPS_PER_EPOCH =
      Hyperparameter.integer(
          "max_steps_per_epoch", 0, Integer.MAX_VALUE, 0, "cap on steps per epoch; 0 = all");

  /** Every hyperparameter, in documentation order. */
  public static final List<Hyperparameter> ALL =
      List.of(
          MODEL,
          EPOCHS,
          BATCH_SIZE,
          LEARNING_RATE,
          Hyperparameter.real("momentum", 0, false, 0.999, 0.9, "momentum (Adam: beta1)"),
          Hyperparameter.real("weight_decay", 0, false, 1, 5e-4, "weight decay"),
          Hyperparameter.real("dropout", 0, false, 0.95, 0.0, "dropout before the classifier"),
          OPTIMIZER,
          Hyperparameter.oneOf(
              "schedule",
              List.of("constant", "step", "cosine", "onecycle"),
              "onecycle",
              "learning-rate schedule after warm-up"),
          Hyperparameter.real("warmup_epochs", 0, false, 1000, 1.0, "linear warm-up, epochs"),
          Hyperparameter.real("label_smoothing", 0, false, 0.9, 0.1, "label smoothing"),
          Hyperparameter.bool("augment_crop", true, "random crop after padding"),
          Hyperparameter.integer("crop_padding", 0, 16, 4, "padding of the random crop"),
          Hyperparameter.bool("augment_flip", true, "random horizontal flip"),
          Hyperparameter.integer("seed", 0, Integer.MAX_VALUE, 42, "random seed"),
          Hyperparameter.integer(
              "early_stopping_patience", 0, 10_000, 0, "epochs without improvement; 0 = off"),
          Hyperparameter.integer("image_size", 8, 512, 32, "side of images from folders"),
          Hyperparameter.bool("weight_averaging", false, "finish on averaged weights"),
          Hyperparameter.bool("tta", true, "flip test-time augmentation"),
          Hyperparameter.real(
              "validation_fraction",
              0,
              false,
              0.5,
              0.1,
              "held out of training when no validation data is given"),
          MAX_STEPS_PER_EPOCH,
          Hyperparameter.bool("freeze_pretrained", false, "train only the new classifier"),
          Hyperparameter.bool("debugger_rules", true, "stop on NaN, stuck loss, overfitting"));

  private static final Map<String, Hyperparameter> BY_NAME = index();

  /** Every name the trainer reads from {@code hyperparameters.json}, in documentation order. */
  public static final Set<String> NAMES = BY_NAME.keySet();

  private TrainerHyperparameters() {}

  /** The hyperparameter called {@code name}, if the trainer has one. */
  public static Optional<Hyperparameter> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Whether the trainer accepts {@code name}. */
  public static boolean isKnown(String name) {
    return BY_NAME.containsKey(name);
  }

  /** Whether the trainer ignores {@code name}: SageMaker's own and the tuner's additions. */
  public static boolean isIgnored(String name) {
    return name.startsWith(SAGEMAKER_PREFIX) || name.equals(TUNING_OBJECTIVE_METRIC);
  }

  /** The learning rate used when none is given: 0.001 for Adam and AdamW, else 0.1. */
  public static double defaultLearningRate(String optimizer) {
    return optimizer.toLowerCase(Locale.ROOT).startsWith("adam") ? 0.001 : 0.1;
  }

  private static Map<String, Hyperparameter> index() {
    Map<String, Hyperparameter> byName = new LinkedHashMap<>();
    for (Hyperparameter h : ALL) {
      if (byName.put(h.name(), h) != null) {
        throw new IllegalStateException("hyperparameter " + h.name() + " is listed twice");
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }
}
