package io.classroomml.datasets;

import java.util.List;

/** The published class names of the data sets we know by name. */
public final class ClassNames {

  /** CIFAR-10, label order as in the published {@code batches.meta.txt}. */
  public static final List<String> CIFAR10 =
      List.of(
          "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck");

  /** Fashion-MNIST, label order as published by Zalando Research. */
  public static final List<String> FASHION_MNIST =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /**
   * SHA-256 of Fashion-MNIST's label files, uncompressed ({@code train-labels-idx1-ubyte}, {@code
   * t10k-labels-idx1-ubyte}, as published and as Debian's {@code dataset-fashion-mnist} ships
   * them): how an IDX data set is known to be Fashion-MNIST, whatever its folder is called.
   */
  public static final java.util.Set<String> FASHION_MNIST_LABEL_FILES =
      java.util.Set.of(
          "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
          "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

  /** MNIST: the digits themselves. */
  public static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private ClassNames() {}
}
