package io.classroomml.serving;

/**
 * A request the server refuses, with the HTTP status and a message written for the caller: what was
 * wrong, the bad value, and how to fix it. Turned into a JSON body in one place ({@link
 * io.classroomml.serving.http.ErrorResponses}); the message never contains internals.
 */
public abstract class InvocationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  /** A refusal with {@code status} and {@code message}. */
  protected InvocationException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error name in the JSON body, e.g. {@code BadRequest}. */
  public String errorName() {
    return getClass().getSimpleName().replaceFirst("Exception$", "");
  }

  /** 400: the body cannot be decoded or does not fit the model. */
  public static final class BadRequestException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** A bad request; {@code message} names the problem and the fix. */
    public BadRequestException(String message) {
      super(400, message);
    }
  }

  /** 406: no response type in {@code Accept} can be produced. */
  public static final class NotAcceptableException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** An unsatisfiable {@code accept} header. */
    public NotAcceptableException(String accept, Iterable<String> supported) {
      super(
          406,
          "Accept '"
              + accept
              + "' names no response type this server writes; use one of "
              + String.join(", ", supported));
    }
  }

  /** 413: the body is over the payload limit. */
  public static final class PayloadTooLargeException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** A body of at least {@code size} bytes against a limit of {@code limit}. */
    public PayloadTooLargeException(long size, long limit) {
      super(
          413,
          "request body of "
              + (size < 0 ? "more than " + limit : size)
              + " bytes is over the limit of "
              + limit
              + " bytes; send fewer images per request (or raise SAGEMAKER_MAX_PAYLOAD_IN_MB for"
              + " batch transform, up to 100)");
    }
  }

  /** 413: an image whose decoded pixels would take more memory than one request may use. */
  public static final class ImageTooLargeException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** {@code message} says what the image declares, what it costs and what fits. */
    public ImageTooLargeException(String message) {
      super(413, message);
    }
  }

  /** 415: no decoder for the {@code Content-Type}. */
  public static final class UnsupportedMediaTypeException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** An unknown {@code contentType}. */
    public UnsupportedMediaTypeException(String contentType, Iterable<String> supported) {
      super(
          415,
          "Content-Type '"
              + contentType
              + "' is not supported; use one of "
              + String.join(", ", supported));
    }
  }

  /** 503: every worker is busy and the waiting queue is full, or the server is stopping. */
  public static final class ServiceUnavailableException extends InvocationException {
    private static final long serialVersionUID = 1L;

    /** The server cannot take the request now; retrying later may work. */
    public ServiceUnavailableException(String message) {
      super(503, message);
    }
  }
}
