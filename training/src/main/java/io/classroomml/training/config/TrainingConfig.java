package io.classroomml.training.config;

import io.classroomml.contract.DidYouMean;
import io.classroomml.contract.hyperparameters.Hyperparameter;
import io.classroomml.contract.hyperparameters.TrainerHyperparameters;
import io.classroomml.models.Architecture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed, validated hyperparameters of one training job, parsed once from {@link
 * Hyperparameters}. Every name, range and default comes from the contract's {@link
 * TrainerHyperparameters} (which the tuning spec is checked against and {@code docs/training.md}
 * lists); this record only adds the rules that join two of them.
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

  /**
   * Parses and validates {@code hyperparameters}.
   *
   * @throws InvalidHyperparametersException listing every problem at once
   */
  public static TrainingConfig parse(Hyperparameters hyperparameters) {
    Map<String, Object> values = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    hyperparameters
        .values()
        .forEach(
            (name, raw) -> {
              if (TrainerHyperparameters.isIgnored(name)) {
                return;
              }
              Hyperparameter spec = TrainerHyperparameters.named(name).orElse(null);
              if (spec == null) {
                problems.add(
                    "'"
                        + name
                        + "' is not a hyperparameter of this trainer"
                        + closest(name, TrainerHyperparameters.NAMES));
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
    TrainerHyperparameters.ALL.forEach(
        h -> h.defaultValue().ifPresent(v -> values.putIfAbsent(h.name(), v)));
    if (!problems.isEmpty()) {
      throw new InvalidHyperparametersException(problems);
    }
    return fromValues(values);
  }

  private static TrainingConfig fromValues(Map<String, Object> v) {
    String optimizer = (String) v.get("optimizer");
    Double lr = (Double) v.get("learning_rate");
    if (lr == null) {
      lr = TrainerHyperparameters.defaultLearningRate(optimizer);
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

  /** A "did you mean" hint for a misspelt name, or every valid name when none is near. */
  private static String closest(String name, Collection<String> known) {
    return DidYouMean.closest(name, known)
        .map(best -> " (did you mean '" + best + "'?)")
        .orElse("; valid names: " + String.join(", ", known));
  }
}
