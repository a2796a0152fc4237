package io.classroomml.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.contract.SageMakerPaths;
import io.classroomml.local.data.SyntheticCifar10;
import io.classroomml.models.SavedModel;
import io.classroomml.training.config.TrainingEnvironment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training recipes run in-process on small generated CIFAR-format data. */
class TrainingTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private JobDirectory job(String name, Map<String, String> hp, List<String> channels)
      throws IOException {
    JobDirectory job = new JobDirectory(dir.resolve(name));
    job.configure(hp, channels);
    SyntheticCifar10.write(job.channel("train"), 16, 4, 3);
    return job;
  }

  private TrainingResult run(JobDirectory job) throws IOException {
    TrainingEnvironment env =
        TrainingEnvironment.load(new SageMakerPaths(job.base), Map.of("TRAINING_JOB_NAME", "t"));
    return Training.run(env, new StopSignal(), new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private static Map<String, String> quick(String... pairs) {
    Map<String, String> hp = new HashMap<>(Map.of("epochs", "1", "batch_size", "32"));
    for (int i = 0; i < pairs.length; i += 2) {
      hp.put(pairs[i], pairs[i + 1]);
    }
    return hp;
  }

  private static float[] firstWeight(Path modelDir) throws IOException {
    try (SavedModel model = SavedModel.load(modelDir)) {
      return model.model().getBlock().getParameters().get(0).getValue().getArray().toFloatArray();
    }
  }

  @Test
  void airbenchKeepsItsWhiteningLayerFrozenAndFinishesOnAveragedWeights() throws IOException {
    JobDirectory job =
        job(
            "airbench",
            quick("model", "airbench94", "epochs", "2", "weight_averaging", "true"),
            List.of("train"));

    TrainingResult result = run(job);

    assertThat(result.status()).isEqualTo(TrainingResult.Status.COMPLETED);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("whitening layer initialised from the training data and frozen");
    float[] whitening = firstWeight(job.paths.model());
    assertThat(whitening).hasSize(24 * 3 * 2 * 2);
    // Filters come in ± pairs: the second half negates the first, which training would break.
    for (int i = 0; i < 12 * 12; i++) {
      assertThat(whitening[12 * 12 + i]).isEqualTo(-whitening[i]);
    }
    assertThat(result.finalMetrics()).containsKey("validation:accuracy");
  }

  @Test
  void aPretrainedModelSeedsTheNetworkAndFreezingKeepsItsFeatures() throws IOException {
    JobDirectory first = job("first", quick(), List.of("train"));
    run(first);
    JobDirectory second =
        job("second", quick("freeze_pretrained", "true"), List.of("train", "pretrained"));
    Path pretrained = second.channel("pretrained");
    try (var files = Files.list(first.paths.model())) {
      for (Path f : files.toList()) {
        Files.copy(f, pretrained.resolve(f.getFileName()));
      }
    }

    run(second);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("parameters copied from");
    assertThat(firstWeight(second.paths.model())).isEqualTo(firstWeight(first.paths.model()));
  }

  @Test
  void aTorchScriptExportOfTheSameNetworkSeedsItByTensorOrder() throws Exception {
    JobDirectory job =
        job("torchscript", quick("freeze_pretrained", "true"), List.of("train", "pretrained"));
    Path fixture = Path.of(getClass().getResource("/pretrained/smallcnn-3x10.pt").toURI());
    Files.copy(fixture, job.channel("pretrained").resolve("model.pt"));

    run(job);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("parameters copied from");
    // scripts/lib/export_torchscript.py fills every tensor with ((i % 5) - 2) / 100.
    float[] conv = firstWeight(job.paths.model());
    for (int i = 0; i < conv.length; i++) {
      assertThat(conv[i]).isEqualTo(((i % 5) - 2) * 0.01f);
    }
  }

  @Test
  void aPretrainedModelOfAnotherArchitectureIsRefusedWithTheFix() throws IOException {
    JobDirectory first = job("first", quick(), List.of("train"));
    run(first);
    JobDirectory second = job("second", quick("model", "resnet20"), List.of("train", "pretrained"));
    Path pretrained = second.channel("pretrained");
    try (var files = Files.list(first.paths.model())) {
      for (Path f : files.toList()) {
        Files.copy(f, pretrained.resolve(f.getFileName()));
      }
    }

    assertThatThrownBy(() -> run(second))
        .isInstanceOf(ClientError.class)
        .hasMessageContaining(
            "pretrained' model is a smallcnn but hyperparameter 'model' = 'resnet20'");
  }

  @Test
  void withoutEvaluationDataAFractionOfTheTrainingSetIsHeldOut() throws IOException {
    JobDirectory job = job("holdout", quick(), List.of("train"));
    Files.delete(job.paths.channel("train").resolve("test_batch.bin"));

    TrainingResult result = run(job);

    assertThat(out.toString(StandardCharsets.UTF_8)).contains("16 images held out");
    assertThat(result.finalMetrics()).containsKey("validation:accuracy");
  }

  @Test
  void everyArchitectureTrainsAStep() throws IOException {
    for (String model : List.of("resnet20", "airbench95")) {
      JobDirectory job =
          job(model, quick("model", model, "max_steps_per_epoch", "1"), List.of("train"));

      TrainingResult result = run(job);

      assertThat(result.epochs()).hasSize(1);
      assertThat(SavedModel.load(job.paths.model()).manifest().architecture()).isEqualTo(model);
    }
  }
}
