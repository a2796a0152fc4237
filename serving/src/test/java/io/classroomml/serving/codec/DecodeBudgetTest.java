package io.classroomml.serving.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.classroomml.serving.InvocationException.ImageTooLargeException;
import io.classroomml.serving.InvocationException.ServiceUnavailableException;
import io.classroomml.serving.predict.InputShape;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Decode admission: the per-image cap, room kept for normal images, leases given back. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class DecodeBudgetTest {

  private static final long MIB = 1024 * 1024;
  private static final InputShape RGB_32 = new InputShape(3, 32, 32);
  private static final ToLongFunction<ImageHeader> COST = h -> ImageFileDecoder.cost(h, RGB_32);

  private static ImageHeader rgb(int width, int height) {
    return new ImageHeader("png", width, height, 3, 1);
  }

  @Test
  void cost_countsTheRowBuffers_soAWideSingleRowImageIsExpensive() {
    assertThat(ImageFileDecoder.cost(rgb(100_000_000, 1), RGB_32)).isGreaterThan(4_000 * MIB);
    assertThat(ImageFileDecoder.cost(rgb(32, 32), RGB_32)).isLessThan(MIB);
  }

  @Test
  void imageOverThePerImageCap_isRefused_sayingItsSizeItsCostAndWhatFits() {
    DecodeBudget budget = new DecodeBudget(256 * MIB, 1, Duration.ofMillis(100));

    assertThatThrownBy(() -> budget.reserve(rgb(100_000_000, 1), COST, "the request body"))
        .isInstanceOf(ImageTooLargeException.class)
        .hasMessageContaining("the request body is a PNG of 100000000x1 pixels with 3 channels")
        .hasMessageContaining("over the 128 MiB this server allows one image")
        .hasMessageMatching("(?s).*at most about \\d{4}x\\d{4} pixels.*");
  }

  @Test
  void largeDecodesInFlight_leaveRoomForANormalImage() {
    DecodeBudget budget = new DecodeBudget(256 * MIB, 1, Duration.ofMillis(100));
    try (DecodeBudget.Lease large = budget.reserve(rgb(6000, 6000), COST, "a")) {
      assertThatThrownBy(() -> budget.reserve(rgb(5000, 5000), COST, "b"))
          .as("a second large decode is told to retry at once")
          .isInstanceOf(ServiceUnavailableException.class);
      try (DecodeBudget.Lease normal = budget.reserve(rgb(640, 480), COST, "c")) {
        assertThat(normal).isNotNull();
      }
    }
  }

  @Test
  void leases_giveTheirMemoryBack() {
    DecodeBudget budget = new DecodeBudget(256 * MIB, 1, Duration.ofMillis(100));
    for (int i = 0; i < 10; i++) {
      try (DecodeBudget.Lease lease = budget.reserve(rgb(6000, 6000), COST, "again")) {
        assertThat(lease).isNotNull();
      }
    }
  }
}
