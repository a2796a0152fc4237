package io.classroomml.infra.config;

/**
 * A data set imported from outside the student stacks, read-only (e.g. the course's CIFAR-10).
 *
 * @param bucket the S3 bucket
 * @param prefix the key prefix, without leading slash (may be empty)
 * @param region the bucket's region, which must be the stack's
 */
public record DataLocation(String bucket, String prefix, String region) {

  /** {@code s3://bucket/prefix}. */
  public String s3Uri() {
    return "s3://" + bucket + "/" + prefix;
  }
}
