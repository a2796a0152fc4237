package io.classroomml.training.config;

import io.classroomml.models.Architecture;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The typed, validated hyperparameters of one training job, parsed once from {@link
 * Hyperparameters}. Every name, range and default is in {@link #SPECS}; {@code docs/training.md}
 * lists the same table.
 *
 * @param model network architecture
 * @param epochs passes over the training set
 * @param batchSize images per optimiser step (split across GPUs when there are several)
 * @param learningRate peak learning rate
 * @param momentum SGD momentum, or Adam's beta1
 * @param weightDecay L2 penalty (SGD) or decoupled decay (AdamW)
 * @param dropout dropout rate before the classifier
 * @param optimizer sgd, nesterov, adam or adamw
 * @param schedule constant, step, cosine or onecycle
 * @param warmupEpochs epochs of linear warm-up from 10 % of the peak rate
 * @param labelSmoothing label smoothing of the cross-entropy loss
 * @param augmentCrop random crop after zero padding of {@code cropPadding} pixels
 * @param cropPadding padding for the random crop, in pixels
 * @param augmentFlip random horizontal flip
 * @param seed seed of every random choice (shuffling, augmentation, initialisation)
 * @param earlyStoppingPatience epochs without a better validation accuracy before stopping; 0 = off
 * @param imageSize side images from image folders are resized to
 * @param weightAveraging keep an exponential moving average of the weights and finish on it
 * @param tta evaluate on the image and its mirror image and average the predictions
 * @param validationFraction share of the training set held out when no validation data is given
 * @param maxStepsPerEpoch stop each epoch after this many steps; 0 = the whole training set
 * @param freezePretrained train only the classifier of a pretrained model
 * @param debuggerRules stop on NaN loss, a loss that does not decrease, or overfitting
 */
public record TrainingConfig(
    Architecture model,
    int epochs,
    int batchSize,
    double learningRate,
    double momentum,
    double weightDecay,
    double dropout,
    String optimizer,
    String schedule,
    double warmupEpochs,
    double labelSmoothing,
    boolean augmentCrop,
    int cropPadding,
    boolean augmentFlip,
    long seed,
    int earlyStoppingPatience,
    int imageSize,
    boolean weightAveraging,
    boolean tta,
    double validationFraction,
    int maxStepsPerEpoch,
    boolean freezePretrained,
    boolean debuggerRules) {

  /** Edit distance for "did you mean": commons-text's, not our own. */
  private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

  /** Hyperparameters SageMaker or its SDK add, which the trainer ignores. */
  static final String SAGEMAKER_PREFIX = "sagemaker_";

  /** Added to every training job a tuning job starts. */
  static final String TUNING_OBJECTIVE = "_tuning_objective_metric";

  /** Every accepted hyperparameter, in documentation order. */
  public static final List<HyperparameterSpec<?>> SPECS =
      List.of(
          HyperparameterSpec.oneOf("model", Architecture.ids(), "smallcnn", "network architecture"),
          HyperparameterSpec.integer("epochs", 1, 10_000, 10, "passes over the training set"),
          HyperparameterSpec.integer("batch_size", 1, 65_536, 128, "images per step"),
          HyperparameterSpec.real(
              "learning_rate",
              0,
              true,
              100,
              null,
              "peak learning rate (default 0.05 for sgd/nesterov, 0.001 for adam/adamw)"),
          HyperparameterSpec.real("momentum", 0, false, 0.999, 0.9, "momentum (Adam: beta1)"),
          HyperparameterSpec.real("weight_decay", 0, false, 1, 5e-4, "weight decay"),
          HyperparameterSpec.real("dropout", 0, false, 0.95, 0.0, "dropout before the classifier"),
          HyperparameterSpec.oneOf(
              "optimizer", List.of("sgd", "nesterov", "adam", "adamw"), "nesterov", "optimiser"),
          HyperparameterSpec.oneOf(
              "schedule",
              List.of("constant", "step", "cosine", "onecycle"),
              "onecycle",
              "learning-rate schedule after warm-up"),
          HyperparameterSpec.real("warmup_epochs", 0, false, 1000, 1.0, "linear warm-up, epochs"),
          HyperparameterSpec.real("label_smoothing", 0, false, 0.9, 0.1, "label smoothing"),
          HyperparameterSpec.bool("augment_crop", true, "random crop after padding"),
          HyperparameterSpec.integer("crop_padding", 0, 16, 4, "padding of the random crop"),
          HyperparameterSpec.bool("augment_flip", true, "random horizontal flip"),
          HyperparameterSpec.integer("seed", 0, Integer.MAX_VALUE, 42, "random seed"),
          HyperparameterSpec.integer(
              "early_stopping_patience", 0, 10_000, 0, "epochs without improvement; 0 = off"),
          HyperparameterSpec.integer("image_size", 8, 512, 32, "side of images from folders"),
          HyperparameterSpec.bool("weight_averaging", false, "finish on averaged weights"),
          HyperparameterSpec.bool("tta", true, "flip test-time augmentation"),
          HyperparameterSpec.real(
              "validation_fraction",
              0,
              false,
              0.5,
              0.1,
              "held out of training when no validation data is given"),
          HyperparameterSpec.integer(
              "max_steps_per_epoch", 0, Integer.MAX_VALUE, 0, "cap on steps per epoch; 0 = all"),
          HyperparameterSpec.bool("freeze_pretrained", false, "train only the new classifier"),
          HyperparameterSpec.bool("debugger_rules", true, "stop on NaN, stuck loss, overfitting"));

  /**
   * Parses and validates {@code hyperparameters}.
   *
   * @throws InvalidHyperparametersException listing every problem at once
   */
  public static TrainingConfig parse(Hyperparameters hyperparameters) {
    Map<String, HyperparameterSpec<?>> specs = new LinkedHashMap<>();
    SPECS.forEach(s -> specs.put(s.name(), s));
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    hyperparameters
        .values()
        .forEach(
            (name, raw) -> {
              if (name.startsWith(SAGEMAKER_PREFIX) || name.equals(TUNING_OBJECTIVE)) {
                return;
              }
              HyperparameterSpec<?> spec = specs.get(name);
              if (spec == null) {
                problems.add(
                    "'"
                        + name
                        + "' is not a hyperparameter of this trainer"
                        + closest(name, specs.keySet()));
                return;
              }
              try {
                values.put(name, spec.parse(raw));
              } catch (IllegalArgumentException e) {
                problems.add(
                    "'"
                        + name
                        + "' = '"
                        + raw
                        + "' is "
                        + e.getMessage()
                        + "; use "
                        + spec.valid());
              }
            });
    specs.forEach((name, spec) -> values.putIfAbsent(name, spec.defaultValue()));
    if (!problems.isEmpty()) {
      throw new InvalidHyperparametersException(problems);
    }
    return fromValues(values);
  }

  private static TrainingConfig fromValues(Map<String, Object> v) {
    String optimizer = (String) v.get("optimizer");
    Double lr = (Double) v.get("learning_rate");
    if (lr == null) {
      lr = optimizer.startsWith("adam") ? 0.001 : 0.05;
    }
    int epochs = (Integer) v.get("epochs");
    double warmup = (Double) v.get("warmup_epochs");
    if (warmup > epochs) {
      throw new InvalidHyperparametersException(
          List.of(
              "'warmup_epochs' = '"
                  + warmup
                  + "' is longer than 'epochs' = '"
                  + epochs
                  + "'; use at most "
                  + epochs));
    }
    return new TrainingConfig(
        Architecture.byId((String) v.get("model")).orElseThrow(),
        epochs,
        (Integer) v.get("batch_size"),
        lr,
        (Double) v.get("momentum"),
        (Double) v.get("weight_decay"),
        (Double) v.get("dropout"),
        optimizer,
        (String) v.get("schedule"),
        warmup,
        (Double) v.get("label_smoothing"),
        (Boolean) v.get("augment_crop"),
        (Integer) v.get("crop_padding"),
        (Boolean) v.get("augment_flip"),
        (Integer) v.get("seed"),
        (Integer) v.get("early_stopping_patience"),
        (Integer) v.get("image_size"),
        (Boolean) v.get("weight_averaging"),
        (Boolean) v.get("tta"),
        (Double) v.get("validation_fraction"),
        (Integer) v.get("max_steps_per_epoch"),
        (Boolean) v.get("freeze_pretrained"),
        (Boolean) v.get("debugger_rules"));
  }

  /** A "did you mean" hint for a misspelt name. */
  private static String closest(String name, Iterable<String> known) {
    List<String> all = new ArrayList<>();
    known.forEach(all::add);
    String best =
        all.stream().min(Comparator.comparingInt(k -> DISTANCE.apply(name, k))).orElseThrow();
    return DISTANCE.apply(name, best) <= Math.max(2, name.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "; valid names: " + String.join(", ", all);
  }
}
