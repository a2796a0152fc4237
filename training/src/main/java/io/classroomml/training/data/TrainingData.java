package io.classroomml.training.data;

import io.classroomml.datasets.ChannelData;
import io.classroomml.datasets.ChannelReader;
import io.classroomml.datasets.DataFormatException;
import io.classroomml.datasets.ImageSet;
import io.classroomml.training.ClientError;
import io.classroomml.training.config.TrainingEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The training set and the evaluation set of a job, read from its channels, plus the per-channel
 * normalisation statistics of the training pixels.
 *
 * <p>Evaluation data comes from the {@code validation} or {@code test} channel, else from test
 * files inside the {@code train} channel (CIFAR-10's {@code test_batch.bin}, IDX {@code t10k-*}),
 * else a seeded {@code validation_fraction} of the training set is held out.
 *
 * @param train images to train on
 * @param evaluation images to report validation metrics on; empty only if none could be made
 * @param evaluationSource where the evaluation images came from, for the log
 * @param mean per-channel mean of the training pixels scaled to [0, 1]
 * @param std per-channel standard deviation of the training pixels scaled to [0, 1]
 * @param warnings what the readers skipped or assumed (e.g. missing CIFAR-10 batches), for the log
 */
public record TrainingData(
    ImageSet train,
    Optional<ImageSet> evaluation,
    String evaluationSource,
    List<Double> mean,
    List<Double> std,
    List<String> warnings) {

  /** Reads the job's channels. */
  public static TrainingData load(TrainingEnvironment env) {
    int imageSize = env.config().imageSize();
    ChannelData trainChannel = read(env.trainChannel(), imageSize);
    ImageSet train =
        trainChannel
            .train()
            .orElseThrow(
                () ->
                    new ClientError(
                        env.trainChannel()
                            + " holds only test data ("
                            + trainChannel.format()
                            + "); put the training files (e.g. data_batch_1.bin ... data_batch_5.bin"
                            + " or train-images-idx3-ubyte.gz) in the 'train' channel"));
    Optional<ImageSet> evaluation = Optional.empty();
    String source = "none";
    List<String> warnings = new java.util.ArrayList<>(trainChannel.warnings());
    Optional<Path> evalChannel = env.evaluationChannel();
    if (evalChannel.isPresent()) {
      ChannelData data = read(evalChannel.get(), imageSize);
      warnings.addAll(data.warnings());
      evaluation = data.test().or(data::train);
      source = "channel " + evalChannel.get().getFileName();
    } else if (trainChannel.test().isPresent()) {
      evaluation = trainChannel.test();
      source = "test files in the train channel";
    } else if (env.config().validationFraction() > 0 && train.size() >= 20) {
      int held = Math.max(1, (int) Math.round(train.size() * env.config().validationFraction()));
      ImageSet shuffled = shuffle(train, env.config().seed());
      evaluation = Optional.of(shuffled.slice(0, held));
      train = shuffled.slice(held, shuffled.size());
      source = held + " images held out of the training set (validation_fraction)";
    }
    if (evaluation.isPresent()) {
      checkCompatible(train, evaluation.get(), source);
    }
    double[][] stats = channelStatistics(train);
    return new TrainingData(
        train, evaluation, source, box(stats[0]), box(stats[1]), List.copyOf(warnings));
  }

  private static ChannelData read(Path channel, int imageSize) {
    try {
      return ChannelReader.read(channel, imageSize);
    } catch (DataFormatException e) {
      throw new ClientError(e.getMessage(), e);
    } catch (IOException e) {
      throw new ClientError("Could not read channel " + channel + ": " + e.getMessage(), e);
    }
  }

  private static void checkCompatible(ImageSet train, ImageSet eval, String source) {
    if (train.channels() != eval.channels()
        || train.height() != eval.height()
        || train.width() != eval.width()
        || !train.classNames().equals(eval.classNames())) {
      throw new ClientError(
          "Evaluation data ("
              + source
              + ", "
              + eval.geometry()
              + ", classes "
              + eval.classNames()
              + ") does not match the training data ("
              + train.geometry()
              + ", classes "
              + train.classNames()
              + "); give both channels the same format and the same class folders");
    }
  }

  /** Mean and standard deviation per channel, over every pixel, in [0, 1] units. */
  static double[][] channelStatistics(ImageSet set) {
    int c = set.channels();
    int plane = set.height() * set.width();
    long[] sum = new long[c];
    long[] sumSq = new long[c];
    byte[] px = set.pixels();
    for (int n = 0; n < set.size(); n++) {
      for (int ch = 0; ch < c; ch++) {
        int base = (n * c + ch) * plane;
        long s = 0;
        long sq = 0;
        for (int i = 0; i < plane; i++) {
          int v = px[base + i] & 0xFF;
          s += v;
          sq += v * v;
        }
        sum[ch] += s;
        sumSq[ch] += sq;
      }
    }
    double count = (double) set.size() * plane;
    double[] mean = new double[c];
    double[] std = new double[c];
    for (int ch = 0; ch < c; ch++) {
      double m = sum[ch] / count;
      double var = Math.max(0, sumSq[ch] / count - m * m);
      mean[ch] = m / 255.0;
      std[ch] = Math.max(Math.sqrt(var) / 255.0, 1e-3);
    }
    return new double[][] {mean, std};
  }

  private static ImageSet shuffle(ImageSet set, long seed) {
    int[] order = Permutations.shuffled(set.size(), new SplittableRandom(seed));
    int bytes = set.imageBytes();
    byte[] pixels = new byte[set.pixels().length];
    int[] labels = new int[set.size()];
    for (int i = 0; i < order.length; i++) {
      System.arraycopy(set.pixels(), order[i] * bytes, pixels, i * bytes, bytes);
      labels[i] = set.labels()[order[i]];
    }
    return new ImageSet(
        pixels, labels, set.channels(), set.height(), set.width(), set.classNames());
  }

  private static List<Double> box(double[] values) {
    return java.util.Arrays.stream(values).boxed().toList();
  }
}
