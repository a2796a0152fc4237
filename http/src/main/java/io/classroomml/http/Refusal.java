package io.classroomml.http;

/**
 * A request the edge or the application will not serve, in words for the caller: the HTTP status, a
 * short error name and a message saying what was wrong and how to fix it. Each application turns it
 * into its own body shape in one place ({@link HttpApp#render}).
 *
 * @param status the HTTP status
 * @param error the error name, e.g. {@code PayloadTooLarge}
 * @param message what was wrong, the bad value and the fix; never a class name or stack trace
 */
public record Refusal(int status, String error, String message) {

  /** 413: the body is (or grew) over {@code limit} bytes; {@code size} is -1 when unknown. */
  public static Refusal tooLarge(long size, long limit) {
    return new Refusal(
        413,
        "PayloadTooLarge",
        "request body of "
            + (size < 0 ? "more than " + limit : size)
            + " bytes is over the limit of "
            + limit
            + " bytes");
  }

  /** 417: an {@code Expect} other than {@code 100-continue}. */
  public static Refusal expectationFailed(String expect) {
    return new Refusal(
        417,
        "ExpectationFailed",
        "Expect '" + expect + "' is not supported; send Expect: 100-continue or no Expect header");
  }
}
