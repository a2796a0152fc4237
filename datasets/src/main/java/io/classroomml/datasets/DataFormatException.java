package io.classroomml.datasets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A problem with the user's data (not with our code): names the file, the byte offset where known,
 * what is wrong and how to fix it.
 *
 * <p>The message reads {@code <file>[ at byte <offset>]: <problem>. Fix: <fix>} so that the first
 * line of a SageMaker failure reason already says which file to look at.
 */
public class DataFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Stands for "not from a file", e.g. an image in an HTTP request body. */
  private static final Path NO_FILE = Path.of("");

  private final transient Path file;
  private final long offset;
  private final String problem;
  private final String fix;

  /**
   * A problem in {@code file} whose position is not known.
   *
   * @param file the file at fault (a path inside an archive reads {@code archive!/entry})
   * @param problem what is wrong, quoting the bad value
   * @param fix what the user should do
   */
  public DataFormatException(Path file, String problem, String fix) {
    this(file, -1, problem, fix, null);
  }

  /**
   * A problem at byte {@code offset} of {@code file}.
   *
   * @param file the file at fault
   * @param offset the byte offset where the problem starts (in the uncompressed data for gzip)
   * @param problem what is wrong, quoting the bad value
   * @param fix what the user should do
   */
  public DataFormatException(Path file, long offset, String problem, String fix) {
    this(file, offset, problem, fix, null);
  }

  /**
   * A problem in {@code file} found while reading it, with the low-level cause.
   *
   * @param file the file at fault
   * @param offset the byte offset, or -1 when unknown
   * @param problem what is wrong
   * @param fix what the user should do
   * @param cause the decoder's own exception, or null
   */
  public DataFormatException(Path file, long offset, String problem, String fix, Throwable cause) {
    super(format(file, offset, problem, fix), cause);
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
    this.problem = problem;
    this.fix = fix;
  }

  /** A problem with bytes that did not come from a file (for example an HTTP request body). */
  public static DataFormatException inMemory(String problem, String fix, Throwable cause) {
    return new DataFormatException(NO_FILE, -1, problem, fix, cause);
  }

  /** The file at fault; an empty path when the data did not come from a file. */
  public Path file() {
    return file;
  }

  /** The byte offset of the problem inside {@link #file()}, when known. */
  public OptionalLong offset() {
    return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
  }

  /** What is wrong, without the file name or the fix. */
  public String problem() {
    return problem;
  }

  /** What the user should do about it. */
  public String fix() {
    return fix;
  }

  private static String format(Path file, long offset, String problem, String fix) {
    StringBuilder text = new StringBuilder();
    if (file != null && !file.toString().isEmpty()) {
      text.append(file);
      if (offset >= 0) {
        text.append(" at byte ").append(offset);
      }
      text.append(": ");
    }
    text.append(problem);
    if (fix != null && !fix.isBlank()) {
      text.append(". Fix: ").append(fix);
    }
    return text.toString();
  }
}
