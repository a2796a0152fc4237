package io.classroomml.training.data;

import io.classroomml.datasets.ImageSet;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the training loop: a background thread gathers each batch from the resident training set in
 * a seeded random order, applies random crop and flip with plain array copies, and queues it, so
 * augmentation overlaps with the model's compute and allocates nothing per image.
 *
 * <p>The order and augmentation of step {@code s} of epoch {@code e} depend only on the seed,
 * {@code e} and {@code s}, so a job resumed from a checkpoint sees exactly the batches it would
 * have seen.
 */
public final class BatchSource implements AutoCloseable {

  /** Batches prepared ahead of the one being trained on. */
  private static final int PREFETCH = 3;

  /** A trailing batch smaller than this is dropped (batch norm needs more than one image). */
  private static final int MIN_BATCH = 2;

  private final ImageSet data;
  private final int batchSize;
  private final Augmentation augmentation;
  private final long seed;
  private final BlockingQueue<HostBatch> ready = new ArrayBlockingQueue<>(PREFETCH);
  private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(PREFETCH + 2);
  private final Thread worker;
  private volatile RuntimeException failure;

  /**
   * Starts preparing batches from {@code startEpoch}, {@code startStep} up to the end of epoch
   * {@code endEpoch - 1}.
   */
  public BatchSource(
      ImageSet data,
      int batchSize,
      Augmentation augmentation,
      long seed,
      int startEpoch,
      int startStep,
      int endEpoch,
      int maxStepsPerEpoch) {
    this.data = data;
    this.batchSize = Math.min(batchSize, data.size());
    this.augmentation = augmentation;
    this.seed = seed;
    for (int i = 0; i < PREFETCH + 2; i++) {
      free.add(ByteBuffer.allocateDirect(this.batchSize * data.imageBytes()));
    }
    int steps = stepsPerEpoch(data.size(), batchSize, maxStepsPerEpoch);
    worker = new Thread(() -> produce(startEpoch, startStep, endEpoch, steps), "batch-source");
    worker.setDaemon(true);
    worker.start();
  }

  /** Steps in one epoch for {@code n} images. */
  public static int stepsPerEpoch(int n, int batchSize, int maxStepsPerEpoch) {
    int b = Math.min(batchSize, n);
    int steps = n / b + (n % b >= MIN_BATCH ? 1 : 0);
    return maxStepsPerEpoch > 0 ? Math.min(steps, maxStepsPerEpoch) : steps;
  }

  /** The next batch, waiting for the worker if needed. */
  public HostBatch next() throws InterruptedException {
    while (true) {
      HostBatch batch = ready.poll(100, TimeUnit.MILLISECONDS);
      if (batch != null) {
        return batch;
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /** Returns a batch's buffer for reuse. */
  public void release(HostBatch batch) {
    batch.pixels().clear();
    free.offer(batch.pixels());
  }

  private void produce(int startEpoch, int startStep, int endEpoch, int steps) {
    try {
      for (int epoch = startEpoch; epoch < endEpoch; epoch++) {
        int[] order = Permutations.shuffled(data.size(), new SplittableRandom(seed + epoch));
        for (int step = epoch == startEpoch ? startStep : 0; step < steps; step++) {
          int from = step * batchSize;
          int count = Math.min(batchSize, data.size() - from);
          int[] indices = Arrays.copyOfRange(order, from, from + count);
          ByteBuffer buffer = free.take();
          int[] labels = new int[count];
          augmentation.fill(
              data, indices, new SplittableRandom(Permutations.seedFor(seed, epoch, step)), buffer);
          for (int i = 0; i < count; i++) {
            labels[i] = data.labels()[indices[i]];
          }
          buffer.flip();
          ready.put(new HostBatch(epoch, step, count, buffer, labels));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  @Override
  public void close() {
    worker.interrupt();
  }
}
