package io.classroomml.serving.codec;

import io.classroomml.serving.InvocationException.UnsupportedMediaTypeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The decoder table, keyed by the request's bare {@code Content-Type}. */
public final class Decoders {

  private final Map<String, RequestDecoder> byType;

  private Decoders(Map<String, RequestDecoder> byType) {
    this.byType = Map.copyOf(byType);
  }

  /**
   * Every content type the server reads; image files reserve their decoding from {@code budget}.
   */
  public static Decoders standard(DecodeBudget budget) {
    Map<String, RequestDecoder> table = new LinkedHashMap<>();
    ImageFileDecoder image = new ImageFileDecoder(budget);
    table.put(ContentTypes.JPEG, image);
    table.put(ContentTypes.PNG, image);
    table.put(ContentTypes.X_IMAGE, image);
    table.put(ContentTypes.OCTET_STREAM, new RawRecordDecoder());
    table.put(ContentTypes.NPY, new NpyDecoder());
    table.put(ContentTypes.JSON, new JsonDecoder(image));
    table.put(ContentTypes.JSON_LINES, new JsonLinesDecoder(image));
    return new Decoders(table);
  }

  /**
   * The decoder for a {@code Content-Type} header value (parameters ignored).
   *
   * @throws UnsupportedMediaTypeException for a missing or unknown type
   */
  public RequestDecoder forContentType(String contentType) {
    RequestDecoder decoder = byType.get(ContentTypes.baseType(contentType));
    if (decoder == null) {
      throw new UnsupportedMediaTypeException(
          contentType == null ? "(none)" : contentType, supported());
    }
    return decoder;
  }

  /** The content types, sorted. */
  public Set<String> supported() {
    return new java.util.TreeSet<>(byType.keySet());
  }
}
