package io.classroomml.http;

/**
 * What an application decides from a request's line and headers, before its body is read: refuse it
 * (no {@code 100 Continue} is sent and the body is discarded) or read a body of up to {@code
 * maxBody} bytes.
 *
 * @param refusal the refusal, or null to accept
 * @param maxBody the largest body accepted for this request (ignored when refused)
 * @param onDone run once when the answer to an accepted request is written or its connection closes
 *     first, e.g. to give back a slot taken at admission
 */
public record Admission(Refusal refusal, long maxBody, Runnable onDone) {

  /** Accept a body of up to {@code maxBody} bytes. */
  public static Admission accept(long maxBody) {
    return new Admission(null, maxBody, () -> {});
  }

  /** Accept a body of up to {@code maxBody} bytes and run {@code onDone} when it is answered. */
  public static Admission accept(long maxBody, Runnable onDone) {
    return new Admission(null, maxBody, onDone);
  }

  /** Refuse with {@code refusal}. */
  public static Admission refuse(Refusal refusal) {
    return new Admission(refusal, 0, () -> {});
  }

  /** Whether the request is refused. */
  public boolean refused() {
    return refusal != null;
  }
}
