package io.classroomml.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageSetTest {

  private static final List<String> AB = List.of("a", "b");

  private static ImageSet grey2x2(int... labels) {
    byte[] pixels = new byte[labels.length * 4];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) i;
    }
    return new ImageSet(pixels, labels, 1, 2, 2, AB);
  }

  @Test
  void constructor_rejectsPixelCountThatDoesNotMatchGeometry() {
    assertThatThrownBy(() -> new ImageSet(new byte[7], new int[] {0, 1}, 1, 2, 2, AB))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("7")
        .hasMessageContaining("need 8");
  }

  @Test
  void constructor_rejectsLabelOutsideClasses() {
    assertThatThrownBy(() -> new ImageSet(new byte[8], new int[] {0, 2}, 1, 2, 2, AB))
        .hasMessageContaining("label 2 of image 1");
  }

  @Test
  void constructor_rejectsChannelCountsOtherThanOneOrThree() {
    assertThatThrownBy(() -> new ImageSet(new byte[16], new int[] {0, 1}, 2, 2, 2, AB))
        .hasMessageContaining("channels must be 1 or 3");
  }

  @Test
  void sizeAndImageBytes_describeTheGeometry() {
    ImageSet set = new ImageSet(new byte[2 * 3 * 4 * 5], new int[] {0, 1}, 3, 4, 5, AB);
    assertThat(set.size()).isEqualTo(2);
    assertThat(set.imageBytes()).isEqualTo(60);
  }

  @Test
  void slice_copiesTheRange() {
    ImageSet set = grey2x2(0, 1, 1);
    ImageSet middle = set.slice(1, 3);
    assertThat(middle.labels()).containsExactly(1, 1);
    assertThat(middle.pixels()).containsExactly(4, 5, 6, 7, 8, 9, 10, 11);
    middle.pixels()[0] = 99;
    assertThat(set.pixels()[4]).isEqualTo((byte) 4);
  }

  @Test
  void slice_rejectsRangeOutsideTheSet() {
    assertThatThrownBy(() -> grey2x2(0, 1).slice(1, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void concat_appendsImagesAndLabels() {
    ImageSet joined = grey2x2(0).concat(grey2x2(1, 0));
    assertThat(joined.labels()).containsExactly(0, 1, 0);
    assertThat(joined.pixels()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(joined.slice(1, 3)).isEqualTo(grey2x2(1, 0));
  }

  @Test
  void concat_rejectsDifferentGeometry() {
    ImageSet rgb = new ImageSet(new byte[12], new int[] {0}, 3, 2, 2, AB);
    assertThatThrownBy(() -> grey2x2(0).concat(rgb))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1x2x2")
        .hasMessageContaining("3x2x2");
  }

  @Test
  void concat_rejectsDifferentClasses() {
    ImageSet other = new ImageSet(new byte[4], new int[] {0}, 1, 2, 2, List.of("a", "c"));
    assertThatThrownBy(() -> grey2x2(0).concat(other)).hasMessageContaining("[a, b] and [a, c]");
  }
}
