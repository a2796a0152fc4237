package io.classroomml.datasets;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one SageMaker channel directory holds; either part may be absent.
 *
 * @param format the layout that was detected
 * @param train the training images ({@code data_batch_*}, {@code train-*}, a {@code train/} folder
 *     or an unsplit image folder)
 * @param test the held-out images ({@code test_batch.bin}, {@code t10k-*}, a {@code test/} or
 *     {@code validation/} folder)
 * @param warnings things the user should know that did not stop the read (a missing CIFAR batch,
 *     skipped files); each names the file
 */
public record ChannelData(
    DataFormat format, Optional<ImageSet> train, Optional<ImageSet> test, List<String> warnings) {

  /** Validates and copies the warnings. */
  public ChannelData {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    warnings = List.copyOf(warnings);
  }

  /** A channel read without warnings. */
  public ChannelData(DataFormat format, Optional<ImageSet> train, Optional<ImageSet> test) {
    this(format, train, test, List.of());
  }
}
