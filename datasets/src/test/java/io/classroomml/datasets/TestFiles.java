package io.classroomml.datasets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Writes data files byte by byte, independently of the readers under test. */
final class TestFiles {

  private TestFiles() {}

  /** CIFAR-10 records: label byte, then pixel bytes {@code (record * 7 + i) mod 256}. */
  static byte[] cifarRecords(int... labels) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int r = 0; r < labels.length; r++) {
      out.write(labels[r]);
      for (int i = 0; i < 3072; i++) {
        out.write((r * 7 + i) & 0xff);
      }
    }
    return out.toByteArray();
  }

  /** The pixel byte {@link #cifarRecords} writes at position i of record r. */
  static byte cifarPixel(int record, int i) {
    return (byte) ((record * 7 + i) & 0xff);
  }

  /** An IDX images file: magic, count, rows, columns, then pixels {@code (n + i) mod 256}. */
  static byte[] idxImages(int magic, int count, int rows, int columns) {
    ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * columns);
    buffer.putInt(magic).putInt(count).putInt(rows).putInt(columns);
    for (int n = 0; n < count; n++) {
      for (int i = 0; i < rows * columns; i++) {
        buffer.put((byte) (n + i));
      }
    }
    return buffer.array();
  }

  /** An IDX labels file. */
  static byte[] idxLabels(int magic, int... labels) {
    ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
    buffer.putInt(magic).putInt(labels.length);
    for (int label : labels) {
      buffer.put((byte) label);
    }
    return buffer.array();
  }

  static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  /** A gzipped POSIX ustar archive of the given files, in map order. */
  static byte[] tarGz(Map<String, byte[]> files) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      tar.write(ustarHeader(file.getKey(), file.getValue().length));
      tar.write(file.getValue());
      tar.write(new byte[(512 - file.getValue().length % 512) % 512]);
    }
    tar.write(new byte[1024]); // end-of-archive: two zero blocks
    return gzip(tar.toByteArray());
  }

  private static byte[] ustarHeader(String name, long size) {
    byte[] header = new byte[512];
    put(header, 0, name);
    put(header, 100, "0000644\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, String.format("%011o\0", size));
    put(header, 136, "00000000000\0");
    header[156] = '0';
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    Arrays.fill(header, 148, 156, (byte) ' ');
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  static Path write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
    }
    return file;
  }
}
