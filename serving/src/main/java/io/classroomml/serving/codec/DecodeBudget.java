package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.ImageTooLargeException;
import io.classroomml.serving.InvocationException.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;

/**
 * Admission control for decoding images: memory for all decodes at once (a semaphore of KiB) and a
 * per-image cap, so that one hostile image is refused before it is decoded and a few large ones
 * cannot take the memory and the threads normal requests need.
 *
 * <p>An image's cost is reserved before decoding and returned after. Images over {@link
 * #LARGE_IMAGE_BYTES} also need one of {@code largeSlots} permits, taken at once or refused with
 * 503 (the caller holds a decoding thread, which must not wait behind another large image), and no
 * image may cost more than {@code total / (largeSlots + 1)}: large decodes can therefore never hold
 * the whole budget, and a normal image always finds room.
 */
public final class DecodeBudget {

  /** Decodes above this (a 20-megapixel RGB photo) count as large. */
  public static final long LARGE_IMAGE_BYTES = 64L * 1024 * 1024;

  private static final long KIB = 1024;
  private static final long MIB = 1024 * 1024;

  private final long total;
  private final long perImage;
  private final Semaphore memory;
  private final Semaphore large;
  private final Duration wait;

  /**
   * A budget of {@code totalBytes} with {@code largeSlots} large decodes at once; a decode waits at
   * most {@code wait} for memory before the request is refused with 503.
   */
  public DecodeBudget(long totalBytes, int largeSlots, Duration wait) {
    this.total = totalBytes;
    this.perImage = totalBytes / (largeSlots + 1);
    this.memory = new Semaphore((int) Math.min(Integer.MAX_VALUE, totalBytes / KIB));
    this.large = new Semaphore(largeSlots);
    this.wait = wait;
  }

  /** The most one image may cost to decode. */
  public long perImage() {
    return perImage;
  }

  /**
   * Reserves what decoding {@code header} costs; close the lease when done.
   *
   * @param cost the bytes decoding an image with a given header needs
   * @param where names the image in a refusal, e.g. {@code the request body}
   * @throws ImageTooLargeException when the image alone is over the per-image cap
   * @throws ServiceUnavailableException when the memory stays taken by other decodes for too long
   */
  public Lease reserve(ImageHeader header, ToLongFunction<ImageHeader> cost, String where) {
    long bytes = cost.applyAsLong(header);
    if (bytes > perImage) {
      throw new ImageTooLargeException(describe(header, bytes, where) + fits(header, cost));
    }
    boolean isLarge = bytes > LARGE_IMAGE_BYTES;
    int permits = (int) Math.max(1, (bytes + KIB - 1) / KIB);
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      if (isLarge && !large.tryAcquire()) {
        throw busy();
      }
      long left = Math.max(0, deadline - System.nanoTime());
      if (!memory.tryAcquire(permits, left, TimeUnit.NANOSECONDS)) {
        if (isLarge) {
          large.release();
        }
        throw busy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("the server is shutting down");
    }
    return () -> {
      memory.release(permits);
      if (isLarge) {
        large.release();
      }
    };
  }

  /** Returns a reservation; never throws. */
  @FunctionalInterface
  public interface Lease extends AutoCloseable {
    @Override
    void close();
  }

  private static String describe(ImageHeader header, long bytes, String where) {
    return where
        + " is a "
        + header.format().toUpperCase(java.util.Locale.ROOT)
        + " of "
        + header.width()
        + "x"
        + header.height()
        + " pixels with "
        + header.bands()
        + (header.bands() == 1 ? " channel" : " channels")
        + ": decoding it needs "
        + bytes / MIB
        + " MiB";
  }

  private String fits(ImageHeader header, ToLongFunction<ImageHeader> cost) {
    // The largest square image of the same kind within the cap, found by bisection on its side.
    int low = 1;
    int high = 1 << 16;
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      ImageHeader square =
          new ImageHeader(header.format(), mid, mid, header.bands(), header.bytesPerSample());
      if (cost.applyAsLong(square) <= perImage) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return ", over the "
        + perImage / MIB
        + " MiB this server allows one image (of "
        + total / MIB
        + " MiB for all images being decoded at once); send an image of at most about "
        + low
        + "x"
        + low
        + " pixels (the model sees it at a few dozen pixels a side anyway)";
  }

  private static ServiceUnavailableException busy() {
    return new ServiceUnavailableException(
        "the server is busy decoding other large images; retry with backoff");
  }
}
