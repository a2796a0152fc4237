package io.classroomml.serving.codec;

import java.util.Locale;

/** The MIME types the server reads and writes, and how a header value is reduced to one. */
public final class ContentTypes {

  /** A JPEG file. */
  public static final String JPEG = "image/jpeg";

  /** A PNG file. */
  public static final String PNG = "image/png";

  /** Any image file ImageIO reads (the name SageMaker's built-in image algorithms use). */
  public static final String X_IMAGE = "application/x-image";

  /** Raw records in the CIFAR-10 binary layout: 1 label byte, then C×H×W pixel bytes. */
  public static final String OCTET_STREAM = "application/octet-stream";

  /** A NumPy {@code .npy} array. */
  public static final String NPY = "application/x-npy";

  /** JSON. */
  public static final String JSON = "application/json";

  /** JSON Lines: one JSON value per line (batch transform with {@code SplitType=Line}). */
  public static final String JSON_LINES = "application/jsonlines";

  /** Comma-separated values. */
  public static final String CSV = "text/csv";

  private ContentTypes() {}

  /**
   * The bare media type of a header value: parameters ({@code ; charset=utf-8}) dropped, lower
   * case, blanks trimmed; empty for a missing header.
   */
  public static String baseType(String headerValue) {
    if (headerValue == null) {
      return "";
    }
    int semicolon = headerValue.indexOf(';');
    String type = semicolon < 0 ? headerValue : headerValue.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }
}
