package io.classroomml.datasets;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Images resident in memory as one uint8 array, NCHW order (index = {@code ((n*C + c)*H + y)*W +
 * x}).
 *
 * <p>One flat array rather than an object per image: a 50,000-image CIFAR-10 training set is one
 * 153 MB allocation that a trainer can copy into tensors batch by batch. The arrays are shared, not
 * copied; treat them as read-only.
 *
 * @param pixels all images, NCHW, unsigned bytes
 * @param labels one class index per image, each in {@code [0, classNames.size())}
 * @param channels 1 (grey) or 3 (RGB)
 * @param height image height in pixels
 * @param width image width in pixels
 * @param classNames class names, index = label
 */
public record ImageSet(
    byte[] pixels, int[] labels, int channels, int height, int width, List<String> classNames) {

  /** Validates the geometry and every label. */
  public ImageSet {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    classNames = List.copyOf(classNames);
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
    }
    if (height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image size must be at least 1x1, was " + height + "x" + width);
    }
    if (classNames.isEmpty()) {
      throw new IllegalArgumentException("classNames must not be empty");
    }
    long expected = (long) labels.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(
          "pixels.length is "
              + pixels.length
              + " but "
              + labels.length
              + " images of "
              + channels
              + "x"
              + height
              + "x"
              + width
              + " need "
              + expected);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classNames.size()) {
        throw new IllegalArgumentException(
            "label "
                + labels[i]
                + " of image "
                + i
                + " is outside [0, "
                + classNames.size()
                + ") for classes "
                + classNames);
      }
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Bytes per image: C*H*W. */
  public int imageBytes() {
    return channels * height * width;
  }

  /** Number of classes. */
  public int classCount() {
    return classNames.size();
  }

  /** Copy of images {@code [from, to)}. */
  public ImageSet slice(int from, int to) {
    Objects.checkFromToIndex(from, to, size());
    int bytes = imageBytes();
    return new ImageSet(
        Arrays.copyOfRange(pixels, from * bytes, to * bytes),
        Arrays.copyOfRange(labels, from, to),
        channels,
        height,
        width,
        classNames);
  }

  /** This set followed by {@code other}; both must have the same geometry and class names. */
  public ImageSet concat(ImageSet other) {
    return concatAll(List.of(this, other));
  }

  /**
   * The sets one after another, copied once. All must have the same geometry and class names.
   *
   * @throws IllegalArgumentException when {@code sets} is empty or the sets do not match
   */
  public static ImageSet concatAll(List<ImageSet> sets) {
    if (sets.isEmpty()) {
      throw new IllegalArgumentException("nothing to concatenate");
    }
    ImageSet first = sets.get(0);
    long totalImages = 0;
    for (ImageSet set : sets) {
      first.requireCompatible(set);
      totalImages += set.size();
    }
    long totalBytes = totalImages * first.imageBytes();
    if (totalBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          totalImages + " images of " + first.imageBytes() + " bytes exceed one Java array");
    }
    byte[] pixels = new byte[(int) totalBytes];
    int[] labels = new int[(int) totalImages];
    int images = 0;
    for (ImageSet set : sets) {
      System.arraycopy(set.pixels, 0, pixels, images * first.imageBytes(), set.pixels.length);
      System.arraycopy(set.labels, 0, labels, images, set.labels.length);
      images += set.size();
    }
    return new ImageSet(
        pixels, labels, first.channels, first.height, first.width, first.classNames);
  }

  private void requireCompatible(ImageSet other) {
    if (other.channels != channels || other.height != height || other.width != width) {
      throw new IllegalArgumentException(
          "cannot concatenate images of "
              + geometry()
              + " with images of "
              + other.geometry()
              + ": resize one set first");
    }
    if (!other.classNames.equals(classNames)) {
      throw new IllegalArgumentException(
          "cannot concatenate sets with different classes: "
              + classNames
              + " and "
              + other.classNames);
    }
  }

  /** {@code CxHxW}, for messages. */
  public String geometry() {
    return channels + "x" + height + "x" + width;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageSet other
        && channels == other.channels
        && height == other.height
        && width == other.width
        && classNames.equals(other.classNames)
        && Arrays.equals(labels, other.labels)
        && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        Arrays.hashCode(pixels), Arrays.hashCode(labels), channels, height, width, classNames);
  }

  @Override
  public String toString() {
    return "ImageSet[" + size() + " images of " + geometry() + ", classes=" + classNames + "]";
  }
}
