package io.classroomml.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Reads the regular files of a tar stream one after another, without extracting anything.
 *
 * <p>Enough of POSIX ustar (and the GNU long-name and pax path extensions) for the published
 * CIFAR-10 archive and for archives made by GNU tar or bsdtar; the JDK has no tar reader and the
 * module takes no dependencies. See <a
 * href="https://pubs.opengroup.org/onlinepubs/9699919799/utilities/pax.html#tag_20_92_13_06">the
 * ustar header layout</a>.
 */
final class TarReader {

  /** Tar data comes in blocks of this size; each header is one block. */
  static final int BLOCK = 512;

  private static final int NAME_OFFSET = 0;
  private static final int NAME_LENGTH = 100;
  private static final int SIZE_OFFSET = 124;
  private static final int SIZE_LENGTH = 12;
  private static final int CHECKSUM_OFFSET = 148;
  private static final int CHECKSUM_LENGTH = 8;
  private static final int TYPE_OFFSET = 156;
  private static final int MAGIC_OFFSET = 257;
  private static final int PREFIX_OFFSET = 345;
  private static final int PREFIX_LENGTH = 155;

  /** GNU tar marks a size too large for 11 octal digits with this bit in the first size byte. */
  private static final int BASE256_FLAG = 0x80;

  private static final byte TYPE_FILE = '0';
  private static final byte TYPE_FILE_OLD = 0;
  private static final byte TYPE_CONTIGUOUS = '7';
  private static final byte TYPE_GNU_LONG_NAME = 'L';
  private static final byte TYPE_PAX_HEADER = 'x';

  /** One regular file of the archive; {@code content} ends after {@code size} bytes. */
  record Entry(String name, long size, InputStream content) {}

  private final InputStream in;
  private final Path archive;
  private long position;
  private BoundedStream current;

  TarReader(InputStream in, Path archive) {
    this.in = in;
    this.archive = archive;
  }

  /** The next regular file, or {@code null} at the end of the archive. */
  Entry next() throws IOException {
    skipRestOfCurrent();
    String overrideName = null;
    while (true) {
      long headerOffset = position;
      byte[] header = in.readNBytes(BLOCK);
      position += header.length;
      if (header.length == 0 || isZero(header)) {
        return null; // end-of-archive marker (two zero blocks) or a tar without one
      }
      if (header.length < BLOCK) {
        throw corrupt(headerOffset, "the archive ends inside a header");
      }
      verifyChecksum(header, headerOffset);
      long size = parseSize(header, headerOffset);
      byte type = header[TYPE_OFFSET];
      if (type == TYPE_GNU_LONG_NAME || type == TYPE_PAX_HEADER) {
        byte[] data = readPadded(size, headerOffset);
        String value =
            type == TYPE_GNU_LONG_NAME
                ? cString(data, 0, data.length)
                : paxPath(data, overrideName);
        overrideName = value;
        continue;
      }
      String name = overrideName != null ? overrideName : headerName(header);
      if (type == TYPE_FILE || type == TYPE_FILE_OLD || type == TYPE_CONTIGUOUS) {
        current = new BoundedStream(size);
        return new Entry(name, size, current);
      }
      // directories, links, devices: nothing to read, skip their (normally empty) data
      readPadded(size, headerOffset);
      overrideName = null;
    }
  }

  private void skipRestOfCurrent() throws IOException {
    if (current == null) {
      return;
    }
    long rest = current.remaining;
    skipFully(rest + padding(current.size), position);
    current.remaining = 0;
    current = null;
  }

  private byte[] readPadded(long size, long headerOffset) throws IOException {
    if (size > Integer.MAX_VALUE - 8) {
      throw corrupt(headerOffset, "an extended header claims " + size + " bytes");
    }
    byte[] data = in.readNBytes((int) size);
    position += data.length;
    if (data.length < size) {
      throw corrupt(position, "the archive ends inside an entry");
    }
    skipFully(padding(size), position);
    return data;
  }

  private void skipFully(long count, long at) throws IOException {
    byte[] buffer = new byte[(int) Math.min(count, 64 * 1024) + 1];
    long left = count;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(left, buffer.length));
      if (n < 0) {
        throw corrupt(at, "the archive ends inside an entry");
      }
      left -= n;
      position += n;
    }
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private void verifyChecksum(byte[] header, long headerOffset) throws IOException {
    long stored = parseOctal(header, CHECKSUM_OFFSET, CHECKSUM_LENGTH, headerOffset);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      boolean inChecksumField = i >= CHECKSUM_OFFSET && i < CHECKSUM_OFFSET + CHECKSUM_LENGTH;
      sum += inChecksumField ? ' ' : (header[i] & 0xff);
    }
    if (sum != stored) {
      throw corrupt(headerOffset, "a tar header's checksum does not match (not a tar archive?)");
    }
  }

  private long parseSize(byte[] header, long headerOffset) throws IOException {
    if ((header[SIZE_OFFSET] & BASE256_FLAG) != 0) {
      long size = header[SIZE_OFFSET] & ~BASE256_FLAG & 0xff;
      for (int i = 1; i < SIZE_LENGTH; i++) {
        size = (size << 8) | (header[SIZE_OFFSET + i] & 0xff);
      }
      return size;
    }
    return parseOctal(header, SIZE_OFFSET, SIZE_LENGTH, headerOffset);
  }

  private long parseOctal(byte[] header, int offset, int length, long headerOffset)
      throws IOException {
    int i = offset;
    int end = offset + length;
    while (i < end && (header[i] == ' ' || header[i] == 0)) {
      i++; // leading padding
    }
    long value = 0;
    for (; i < end && header[i] != ' ' && header[i] != 0; i++) {
      byte b = header[i];
      if (b < '0' || b > '7') {
        throw corrupt(headerOffset + offset, "a tar header holds a non-octal number");
      }
      value = value * 8 + (b - '0');
    }
    return value;
  }

  private static String headerName(byte[] header) {
    String name = cString(header, NAME_OFFSET, NAME_LENGTH);
    boolean ustar = new String(header, MAGIC_OFFSET, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(header, PREFIX_OFFSET, PREFIX_LENGTH) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The {@code path} record of a pax extended header ("LEN path=VALUE\n" records). */
  private static String paxPath(byte[] data, String previous) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      String keyValue = space < 0 ? record : record.substring(space + 1);
      if (keyValue.startsWith("path=")) {
        return keyValue.substring("path=".length());
      }
    }
    return previous;
  }

  private static String cString(byte[] bytes, int offset, int length) {
    int end = offset;
    while (end < offset + length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private DataFormatException corrupt(long offset, String problem) {
    return new DataFormatException(
        archive,
        offset,
        problem,
        "the archive is damaged or not a tar.gz; download it again or upload the extracted files");
  }

  /** The current entry's bytes; counts what the caller reads so that next() can skip the rest. */
  private final class BoundedStream extends InputStream {
    private final long size;
    private long remaining;

    BoundedStream(long size) {
      this.size = size;
      this.remaining = size;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw corrupt(position, "the archive ends inside an entry");
      }
      remaining -= n;
      position += n;
      return n;
    }
  }
}
