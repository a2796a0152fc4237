package io.classroomml.serving.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;

/** Request bodies in every format the server reads, built from {@link TinyModel} images. */
public final class Payloads {

  private Payloads() {}

  /** An image file ({@code png} or {@code jpg}) of colour {@code cls}. */
  public static byte[] imageFile(String format, int cls, int width, int height) {
    BufferedImage image = TinyModel.image(cls, width, height, new Random(cls));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** CIFAR-10 binary records (label byte + 3072 CHW bytes) of the given colours. */
  public static byte[] cifarRecords(int... classes) {
    ByteBuffer out = ByteBuffer.allocate(classes.length * 3073);
    Random random = new Random(3);
    for (int cls : classes) {
      out.put((byte) cls).put(TinyModel.pixels(cls, random));
    }
    return out.array();
  }

  /** A version 1 {@code .npy} file of uint8 images, shape (N, 3, 32, 32) or (3, 32, 32). */
  public static byte[] npyUint8(boolean batch, int... classes) {
    Random random = new Random(4);
    ByteBuffer data = ByteBuffer.allocate(classes.length * 3072);
    for (int cls : classes) {
      data.put(TinyModel.pixels(cls, random));
    }
    String shape = (batch ? classes.length + ", " : "") + "3, 32, 32";
    return npy("|u1", shape, data.array());
  }

  /** A {@code .npy} float32 image scaled to [0, 1], shape (3, 32, 32). */
  public static byte[] npyFloat32(int cls) {
    byte[] pixels = TinyModel.pixels(cls, new Random(5));
    ByteBuffer data = ByteBuffer.allocate(pixels.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (byte p : pixels) {
      data.putFloat((p & 0xff) / 255f);
    }
    return npy("<f4", "3, 32, 32", data.array());
  }

  /** A {@code .npy} file with any header values and data. */
  public static byte[] npy(String descr, String shape, byte[] data) {
    String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + shape + "), }";
    int unpadded = 10 + dict.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    String header = dict + " ".repeat(padding) + "\n";
    ByteBuffer out =
        ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    out.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
    out.putShort((short) header.length());
    out.put(header.getBytes(StandardCharsets.ISO_8859_1));
    out.put(data);
    return out.array();
  }

  /** A nested JSON array [3][32][32] of image {@code cls}'s pixels. */
  public static String nestedArray(int cls) {
    byte[] pixels = TinyModel.pixels(cls, new Random(6));
    StringBuilder json = new StringBuilder("[");
    for (int c = 0; c < 3; c++) {
      json.append(c > 0 ? ",[" : "[");
      for (int y = 0; y < 32; y++) {
        json.append(y > 0 ? ",[" : "[");
        for (int x = 0; x < 32; x++) {
          if (x > 0) {
            json.append(',');
          }
          json.append(pixels[c * 1024 + y * 32 + x] & 0xff);
        }
        json.append(']');
      }
      json.append(']');
    }
    return json.append(']').toString();
  }

  /**
   * A PNG whose header declares {@code width} x {@code height} RGB pixels followed by a few
   * compressed zero rows: a few KB that would need gigabytes to decode (the decompression-bomb
   * shape of a real 97 KB file declaring 100,000,000 x 1).
   */
  public static byte[] pngDeclaring(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put(new byte[3]);
    java.util.zip.Deflater deflater = new java.util.zip.Deflater(9);
    deflater.setInput(new byte[64 * 1024]);
    deflater.finish();
    byte[] idat = new byte[64 * 1024];
    idat = Arrays.copyOf(idat, deflater.deflate(idat));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    chunk(png, "IHDR", ihdr.array());
    chunk(png, "IDAT", idat);
    chunk(png, "IEND", new byte[0]);
    return png.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
    byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(typeBytes);
    crc.update(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    png.writeBytes(typeBytes);
    png.writeBytes(data);
    png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
