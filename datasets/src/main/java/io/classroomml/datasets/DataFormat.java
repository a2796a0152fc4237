package io.classroomml.datasets;

/** The channel layouts {@link ChannelReader} understands. */
public enum DataFormat {
  /**
   * CIFAR-10 binary batches: {@code data_batch_1.bin} … {@code data_batch_5.bin}, {@code
   * test_batch.bin}.
   */
  CIFAR10,
  /** IDX files as published for MNIST and Fashion-MNIST, gzipped or raw. */
  IDX,
  /** One sub-folder of JPEG/PNG images per class. */
  IMAGE_FOLDER
}
