package io.classroomml.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {

  private static final int RED = 0xff0000;
  private static final int GREEN = 0x00ff00;
  private static final int BLUE = 0x0000ff;
  private static final int WHITE = 0xffffff;

  /**
   * 8 wide, 4 high: two blue columns, a 4x4 centre of four 2x2 blocks (red, green / white, black),
   * two blue columns. Scaling by 1/2 and cropping to 2x2 must keep exactly the centre.
   */
  private static BufferedImage wideTestCard() {
    BufferedImage image = new BufferedImage(8, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 8; x++) {
        int colour;
        if (x < 2 || x >= 6) {
          colour = BLUE;
        } else if (y < 2) {
          colour = x < 4 ? RED : GREEN;
        } else {
          colour = x < 4 ? WHITE : 0;
        }
        image.setRGB(x, y, colour);
      }
    }
    return image;
  }

  @Test
  void toChw_scalesShorterSideAndCropsTheCentre() {
    byte[] chw = new ImagePreprocessor(3, 2, 2).toChw(wideTestCard());

    // plane R: red, green / white, black
    assertThat(unsigned(chw, 0, 4)).containsExactly(255, 0, 255, 0);
    // plane G
    assertThat(unsigned(chw, 4, 4)).containsExactly(0, 255, 255, 0);
    // plane B: no blue survives the crop
    assertThat(unsigned(chw, 8, 4)).containsExactly(0, 0, 255, 0);
  }

  @Test
  void toChw_sameResultForEveryPixelLayout() {
    BufferedImage reference = wideTestCard();
    byte[] expected = new ImagePreprocessor(3, 2, 2).toChw(reference);
    int[] types = {
      BufferedImage.TYPE_3BYTE_BGR,
      BufferedImage.TYPE_4BYTE_ABGR,
      BufferedImage.TYPE_INT_ARGB,
      BufferedImage.TYPE_INT_BGR,
      BufferedImage.TYPE_BYTE_INDEXED
    };
    for (int type : types) {
      BufferedImage copy = new BufferedImage(8, 4, type);
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 8; x++) {
          copy.setRGB(x, y, reference.getRGB(x, y));
        }
      }
      assertThat(new ImagePreprocessor(3, 2, 2).toChw(copy))
          .as("type %d", type)
          .isEqualTo(expected);
    }
  }

  @Test
  void toChw_greyIsLuminance() {
    byte[] grey = new ImagePreprocessor(1, 2, 2).toChw(wideTestCard());

    // 0.299 * 255 = 76.2, 0.587 * 255 = 149.7
    assertThat(unsigned(grey, 0, 4)).containsExactly(76, 150, 255, 0);
  }

  @Test
  void toChw_downscaleAveragesTheCoveredPixels() {
    BufferedImage stripes = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        stripes.setRGB(x, y, x % 2 == 0 ? WHITE : 0);
      }
    }
    byte[] one = new ImagePreprocessor(1, 1, 1).toChw(stripes);
    assertThat(one[0] & 0xff).isEqualTo(128); // 127.5 rounds up
  }

  @Test
  void toChw_tallImageKeepsTheMiddleRows() {
    BufferedImage tall = new BufferedImage(1, 3, BufferedImage.TYPE_INT_RGB);
    tall.setRGB(0, 0, RED);
    tall.setRGB(0, 1, GREEN);
    tall.setRGB(0, 2, BLUE);
    byte[] chw = new ImagePreprocessor(3, 1, 1).toChw(tall);
    assertThat(unsigned(chw, 0, 3)).containsExactly(0, 255, 0);
  }

  @Test
  void toChw_upscaleInterpolatesBetweenPixels() {
    BufferedImage two = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
    two.getRaster().setSample(0, 0, 0, 0);
    two.getRaster().setSample(1, 0, 0, 200);
    // scale 4 gives 8x4, cropped to the centre 4x4: output columns sit at source x = 0.125, 0.375,
    // 0.625, 0.875 between the two pixel centres 0 and 1
    byte[] out = new ImagePreprocessor(1, 4, 4).toChw(two);
    assertThat(unsigned(out, 0, 4)).containsExactly(25, 75, 125, 175);
  }

  @Test
  void toChw_greyImageKeepsItsValuesAndFillsAllThreePlanes() {
    BufferedImage grey = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSamples(0, 0, 2, 2, 0, new int[] {10, 128, 200, 255});
    byte[] rgb = new ImagePreprocessor(3, 2, 2).toChw(grey);
    assertThat(unsigned(rgb, 0, 12))
        .containsExactly(10, 128, 200, 255, 10, 128, 200, 255, 10, 128, 200, 255);
  }

  @Test
  void decode_pngRoundTripsExactly() throws IOException {
    byte[] png = encode(wideTestCard(), "png");
    assertThat(new ImagePreprocessor(3, 2, 2).decode(png))
        .isEqualTo(new ImagePreprocessor(3, 2, 2).toChw(wideTestCard()));
  }

  @Test
  void decode_greyPngKeepsGreyLevels() throws IOException {
    BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(0, 0, 0, 128);
    byte[] out = new ImagePreprocessor(1, 1, 1).decode(encode(grey, "png"));
    assertThat(out[0] & 0xff).isEqualTo(128);
  }

  @Test
  void decode_jpegIsCloseToTheOriginalColour() throws IOException {
    BufferedImage red = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        red.setRGB(x, y, RED);
      }
    }
    byte[] out = new ImagePreprocessor(3, 4, 4).decode(encode(red, "jpg"));
    assertThat(out[0] & 0xff).isGreaterThan(240);
    assertThat(out[16] & 0xff).isLessThan(15);
  }

  @Test
  void decode_bytesThatAreNoImage_isADataFormatError() {
    assertThatThrownBy(() -> new ImagePreprocessor(3, 4, 4).decode("hello".getBytes()))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("is not a JPEG or PNG image (5 bytes, starting 68656c6c)");
  }

  @Test
  void decode_truncatedPng_isADataFormatError() throws IOException {
    byte[] png = encode(wideTestCard(), "png");
    byte[] cut = java.util.Arrays.copyOf(png, png.length / 2);
    assertThatThrownBy(() -> new ImagePreprocessor(3, 4, 4).decode(cut))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("could not be decoded as PNG");
  }

  @Test
  void constructor_rejectsTwoChannels() {
    assertThatThrownBy(() -> new ImagePreprocessor(2, 4, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  static byte[] encode(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }

  private static int[] unsigned(byte[] bytes, int from, int count) {
    int[] values = new int[count];
    for (int i = 0; i < count; i++) {
      values[i] = bytes[from + i] & 0xff;
    }
    return values;
  }
}
