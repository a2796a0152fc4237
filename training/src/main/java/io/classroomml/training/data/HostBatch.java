package io.classroomml.training.data;

import java.nio.ByteBuffer;

/**
 * One batch prepared on the host: augmented uint8 NCHW pixels in a reusable direct buffer, and
 * their labels. Give it back with {@link BatchSource#release} once its pixels are on the device.
 *
 * @param epoch zero-based epoch
 * @param step zero-based step within the epoch
 * @param count images in the batch
 * @param pixels {@code count × C × H × W} bytes from position 0
 * @param labels {@code count} labels
 */
public record HostBatch(int epoch, int step, int count, ByteBuffer pixels, int[] labels) {}
