package io.classroomml.training.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.Trainer;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.ImageSet;
import io.classroomml.models.Architecture;
import io.classroomml.models.InputNormalizer;
import io.classroomml.training.data.Augmentation;
import io.classroomml.training.data.BatchSource;
import io.classroomml.training.data.HostBatch;
import io.classroomml.training.loop.TrainStep;
import io.classroomml.training.optim.LabelSmoothingLoss;
import io.classroomml.training.optim.LearningRateSchedule;
import io.classroomml.training.optim.MomentumSgd;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training throughput for benchmark P2 (end-to-end ÷ compute-only) and P3 (against the same network
 * in PyTorch through Python, {@code scripts/lib/train_torch.py}).
 *
 * <p>Compute-only repeats one resident batch; end-to-end adds the real batch pipeline (shuffling,
 * crop and flip, host-to-device copy). Prints one JSON object.
 *
 * <p>{@code java -cp 'training/target/lib/*:training/target/classroom-training.jar'
 * io.classroomml.training.bench.ThroughputBenchmark CHANNEL MODEL BATCH STEPS}
 */
public final class ThroughputBenchmark {

  private static final int WARMUP_STEPS = 5;

  private ThroughputBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path channel = Path.of(args[0]);
    Architecture architecture = Architecture.byId(args[1]).orElseThrow();
    int batch = Integer.parseInt(args[2]);
    int steps = Integer.parseInt(args[3]);
    ImageSet data = ChannelReader.read(channel, 32).train().orElseThrow();
    InputNormalizer normalizer =
        new InputNormalizer(
            data.channels(),
            data.height(),
            data.width(),
            List.of(0.5, 0.5, 0.5).subList(0, data.channels()),
            List.of(0.25, 0.25, 0.25).subList(0, data.channels()));
    double computeOnly = computeOnly(data, architecture, normalizer, batch, steps);
    double endToEnd = endToEnd(data, architecture, normalizer, batch, steps);
    System.out.printf(
        Locale.ROOT,
        "{\"model\": \"%s\", \"batch\": %d, \"steps\": %d, \"threads\": %d,"
            + " \"compute_only_images_per_second\": %.1f, \"end_to_end_images_per_second\": %.1f,"
            + " \"ratio\": %.3f}%n",
        architecture.id(),
        batch,
        steps,
        Runtime.getRuntime().availableProcessors(),
        computeOnly,
        endToEnd,
        endToEnd / computeOnly);
  }

  private static Trainer trainer(Model model, Architecture architecture, ImageSet data) {
    model.setBlock(architecture.buildForTraining(data.channels(), data.classNames().size(), 0f));
    MomentumSgd sgd =
        new MomentumSgd(new LearningRateSchedule(0.01, "constant", 0, 1), 0.9f, true, 5e-4f);
    Trainer trainer =
        model.newTrainer(
            TrainStep.config(new LabelSmoothingLoss(0.1f), sgd, Engine.getInstance().getDevices()));
    trainer.initialize(new Shape(1, data.channels(), data.height(), data.width()));
    return trainer;
  }

  private static double computeOnly(
      ImageSet data, Architecture architecture, InputNormalizer normalizer, int batch, int steps) {
    ByteBuffer pixels = ByteBuffer.allocateDirect(batch * data.imageBytes());
    pixels.put(data.pixels(), 0, batch * data.imageBytes()).flip();
    int[] labels = java.util.Arrays.copyOf(data.labels(), batch);
    try (Model model = Model.newInstance("bench");
        Trainer trainer = trainer(model, architecture, data)) {
      long start = 0;
      for (int i = 0; i < WARMUP_STEPS + steps; i++) {
        if (i == WARMUP_STEPS) {
          start = System.nanoTime();
        }
        TrainStep.run(trainer, normalizer, pixels, labels, batch);
      }
      return steps * (double) batch / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double endToEnd(
      ImageSet data, Architecture architecture, InputNormalizer normalizer, int batch, int steps)
      throws InterruptedException {
    int perEpoch = BatchSource.stepsPerEpoch(data.size(), batch, 0);
    int epochs = (WARMUP_STEPS + steps) / perEpoch + 1;
    try (Model model = Model.newInstance("bench");
        Trainer trainer = trainer(model, architecture, data);
        BatchSource source =
            new BatchSource(data, batch, new Augmentation(true, 2, true), 1, 0, 0, epochs, 0)) {
      long start = 0;
      long images = 0;
      for (int i = 0; i < WARMUP_STEPS + steps; i++) {
        if (i == WARMUP_STEPS) {
          start = System.nanoTime();
          images = 0;
        }
        HostBatch b = source.next();
        TrainStep.run(trainer, normalizer, b.pixels(), b.labels(), b.count());
        images += b.count();
        source.release(b);
      }
      return images / ((System.nanoTime() - start) / 1e9);
    }
  }
}
