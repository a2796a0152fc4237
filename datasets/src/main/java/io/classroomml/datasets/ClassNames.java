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

  /** MNIST: the digits themselves. */
  public static final List<String> DIGITS =
      List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

  private ClassNames() {}
}
