package io.classroomml.infra.admin;

/**
 * One row of the preflight table.
 *
 * @param name what was checked, e.g. {@code bootstrap}
 * @param status the outcome
 * @param detail what was found
 * @param fix what to do about it; empty when nothing is to be done
 */
public record Check(String name, Status status, String detail, String fix) {

  /** A check's outcome. */
  public enum Status {
    /** Fine. */
    OK,
    /** Works, but something will go wrong later unless fixed (e.g. the cost tag not yet seen). */
    WARN,
    /** Must be fixed first: deploy stops here. */
    FAIL,
    /** Deploy will do it (e.g. bootstrap a new account). */
    TODO,
    /** Not applicable yet (e.g. no image digests before the first push). */
    SKIP
  }

  static Check ok(String name, String detail) {
    return new Check(name, Status.OK, detail, "");
  }

  static Check fail(String name, String detail, String fix) {
    return new Check(name, Status.FAIL, detail, fix);
  }

  static Check warn(String name, String detail, String fix) {
    return new Check(name, Status.WARN, detail, fix);
  }

  static Check skip(String name, String detail) {
    return new Check(name, Status.SKIP, detail, "");
  }
}
