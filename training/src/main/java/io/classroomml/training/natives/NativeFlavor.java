package io.classroomml.training.natives;

import java.util.Map;
import java.util.Optional;

/**
 * Which PyTorch natives this process will load, as the image declares them ({@code PYTORCH_FLAVOR},
 * read by DJL too), and the check that a CUDA flavour has a driver to run on. It runs before the
 * engine loads, so a mismatch ends in a message naming it instead of an {@link
 * UnsatisfiedLinkError} from deep inside DJL.
 */
public final class NativeFlavor {

  /** The environment variable the images set (see images/pom.xml). */
  public static final String VARIABLE = "PYTORCH_FLAVOR";

  private NativeFlavor() {}

  /** The flavour named by {@code environment}, empty outside the images (a plain jar run). */
  public static Optional<String> of(Map<String, String> environment) {
    return Optional.ofNullable(environment.get(VARIABLE)).filter(f -> !f.isBlank());
  }

  /** True for CUDA flavours ({@code cu124}, ...), which need the NVIDIA driver. */
  public static boolean isCuda(String flavor) {
    return flavor.startsWith("cu");
  }

  /**
   * Fails when {@code environment} names a CUDA flavour and {@code probe} finds no driver.
   *
   * @throws GpuImageWithoutDriver naming the mismatch and the fix
   */
  public static void requireDriver(Map<String, String> environment, CudaDriverProbe probe) {
    Optional<String> flavor = of(environment).filter(NativeFlavor::isCuda);
    if (flavor.isPresent() && probe.find().isEmpty()) {
      throw new GpuImageWithoutDriver(flavor.get(), null);
    }
  }

  /**
   * The same mismatch when it shows up only as the engine's link error (a driver library present
   * but unusable, or a probe that missed): {@code failure} or one of its causes is an {@link
   * UnsatisfiedLinkError} about {@code libcuda}.
   */
  public static Optional<GpuImageWithoutDriver> explain(
      Throwable failure, Map<String, String> environment) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnsatisfiedLinkError && String.valueOf(t.getMessage()).contains("libcuda")) {
        return Optional.of(new GpuImageWithoutDriver(of(environment).orElse("CUDA"), failure));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }
}
