package io.classroomml.infra.admin;

/**
 * Something of a student's found in the account: a job, an endpoint, a model or a tagged resource.
 *
 * @param student the student id
 * @param kind what it is, e.g. {@code training job}
 * @param name its name or ARN
 * @param status its status, when it has one
 * @param bills whether it costs money while it exists (a running job, an endpoint, a bucket, ...)
 */
public record Leftover(String student, String kind, String name, String status, boolean bills) {}
