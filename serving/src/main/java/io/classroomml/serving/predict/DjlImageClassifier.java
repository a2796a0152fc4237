package io.classroomml.serving.predict;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.Batchifier;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import io.classroomml.models.InputNormalizer;
import io.classroomml.models.SavedModel;
import io.classroomml.serving.InvocationException.ServiceUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ImageClassifier} over a {@link SavedModel}: one DJL {@link Predictor} per worker (a
 * predictor is not thread-safe), inputs normalised with the manifest's statistics by the same
 * {@link InputNormalizer} training uses, softmax applied to the network's logits.
 */
public final class DjlImageClassifier implements ImageClassifier {

  private final SavedModel saved;
  private final InputShape shape;
  private final int maxBatch;
  private final Duration workerWait;
  private final BlockingQueue<Predictor<Images, float[][]>> idle;
  private final List<Predictor<Images, float[][]>> all = new ArrayList<>();

  private DjlImageClassifier(SavedModel saved, int workers, int maxBatch, Duration workerWait) {
    this.saved = saved;
    this.shape = InputShape.of(saved.manifest());
    this.maxBatch = maxBatch;
    this.workerWait = workerWait;
    this.idle = new ArrayBlockingQueue<>(workers);
    Translator<Images, float[][]> translator =
        new ProbabilitiesTranslator(InputNormalizer.of(saved.manifest()));
    for (int i = 0; i < workers; i++) {
      Predictor<Images, float[][]> predictor = saved.model().newPredictor(translator);
      all.add(predictor);
      idle.add(predictor);
    }
  }

  /**
   * Loads the model in {@code modelDir} and warms it up for batch sizes 1 and {@code maxBatch} on
   * every worker, so the first real request pays no first-call cost.
   *
   * @param workers how many requests may run the model at once
   * @param maxBatch the largest batch one model call gets; bigger requests are split
   * @param workerWait how long a request may wait for a free worker before it is refused
   */
  public static DjlImageClassifier load(
      Path modelDir, int workers, int maxBatch, Duration workerWait) throws IOException {
    SavedModel saved = SavedModel.load(modelDir);
    try {
      DjlImageClassifier classifier = new DjlImageClassifier(saved, workers, maxBatch, workerWait);
      try {
        classifier.warmUp();
      } catch (RuntimeException e) {
        classifier.close();
        throw new IOException(
            modelDir
                + ": the model loaded but fails on a warm-up batch ("
                + rootMessage(e)
                + "); the weights do not fit the manifest's architecture "
                + saved.manifest().architecture(),
            e);
      }
      return classifier;
    } catch (RuntimeException e) {
      saved.close();
      throw e;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private void warmUp() {
    byte[] pixels = new byte[shape.imageBytes() * maxBatch];
    for (Predictor<Images, float[][]> predictor : all) {
      run(predictor, new Images(pixels, 0, 1));
      if (maxBatch > 1) {
        run(predictor, new Images(pixels, 0, maxBatch));
      }
    }
  }

  @Override
  public InputShape inputShape() {
    return shape;
  }

  @Override
  public List<String> classNames() {
    return saved.manifest().classNames();
  }

  @Override
  public float[][] predict(byte[] chwPixels, int count) {
    checkLength(chwPixels, count);
    return predictWith(acquire(), chwPixels, count);
  }

  @Override
  public Optional<float[][]> predictIfIdle(byte[] chwPixels, int count) {
    checkLength(chwPixels, count);
    Predictor<Images, float[][]> predictor = idle.poll();
    return predictor == null
        ? Optional.empty()
        : Optional.of(predictWith(predictor, chwPixels, count));
  }

  private void checkLength(byte[] chwPixels, int count) {
    if (chwPixels.length != count * shape.imageBytes()) {
      throw new IllegalArgumentException(
          count + " images of " + shape + " need " + count * shape.imageBytes() + " bytes");
    }
  }

  /** Runs {@code predictor} over the images, {@code maxBatch} at a time, then returns it. */
  private float[][] predictWith(
      Predictor<Images, float[][]> predictor, byte[] chwPixels, int count) {
    try {
      float[][] out = new float[count][];
      for (int first = 0; first < count; first += maxBatch) {
        int n = Math.min(maxBatch, count - first);
        float[][] part = run(predictor, new Images(chwPixels, first, n));
        System.arraycopy(part, 0, out, first, n);
      }
      return out;
    } finally {
      idle.add(predictor);
    }
  }

  private Predictor<Images, float[][]> acquire() {
    try {
      Predictor<Images, float[][]> predictor =
          idle.poll(workerWait.toMillis(), TimeUnit.MILLISECONDS);
      if (predictor == null) {
        throw new ServiceUnavailableException(
            "no model worker became free within " + workerWait.toSeconds() + " s; retry later");
      }
      return predictor;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("the server is stopping; retry later");
    }
  }

  private static float[][] run(Predictor<Images, float[][]> predictor, Images images) {
    try {
      return predictor.predict(images);
    } catch (TranslateException e) {
      throw new IllegalStateException("the model failed on a batch of " + images.count, e);
    }
  }

  @Override
  public void close() {
    all.forEach(Predictor::close);
    saved.close();
  }

  /** {@code count} images starting at image {@code first} of {@code pixels}. */
  private record Images(byte[] pixels, int first, int count) {}

  /** uint8 NCHW in, softmax probabilities out; the batch is built here, so no batchifier. */
  private static final class ProbabilitiesTranslator implements Translator<Images, float[][]> {
    private final InputNormalizer normalizer;

    ProbabilitiesTranslator(InputNormalizer normalizer) {
      this.normalizer = normalizer;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Images input) {
      int bytes = normalizer.imageBytes();
      ByteBuffer buffer = ByteBuffer.wrap(input.pixels, input.first * bytes, input.count * bytes);
      NDArray pixels = normalizer.pixels(ctx.getNDManager(), buffer.slice(), input.count);
      return new NDList(normalizer.normalize(pixels));
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
      NDArray probabilities = list.singletonOrThrow().softmax(1);
      int classes = (int) probabilities.getShape().get(1);
      float[] flat = probabilities.toFloatArray();
      float[][] rows = new float[flat.length / classes][];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = new float[classes];
        System.arraycopy(flat, i * classes, rows[i], 0, classes);
      }
      return rows;
    }

    @Override
    public Batchifier getBatchifier() {
      return null;
    }
  }
}
