package io.classroomml.infra.constructs;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * A student's two buckets, in the stack's region: {@code data} (what they upload) and {@code
 * artifacts} (models, checkpoints, tuning and transform output; versioned). Both are encrypted with
 * S3-managed keys (a KMS key per student would cost more idle than everything else together),
 * TLS-only, private, and removed with the stack; the {@link Teardown} empties them first.
 */
public final class StudentBuckets extends Construct {

  /** Prefix of checkpoints; expired quickly since a finished job no longer needs them. */
  public static final String CHECKPOINTS_PREFIX = "checkpoints/";

  private static final int CHECKPOINT_DAYS = 14;
  private static final int NONCURRENT_DAYS = 30;

  private final Bucket data;
  private final Bucket artifacts;

  /** Creates both buckets. */
  public StudentBuckets(Construct scope, String id) {
    super(scope, id);
    LifecycleRule abortUploads =
        LifecycleRule.builder()
            .id("abort-incomplete-uploads")
            .abortIncompleteMultipartUploadAfter(Duration.days(1))
            .build();
    this.data =
        Bucket.Builder.create(this, "Data")
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .lifecycleRules(List.of(abortUploads))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    this.artifacts =
        Bucket.Builder.create(this, "Artifacts")
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .versioned(true)
            .lifecycleRules(
                List.of(
                    abortUploads,
                    LifecycleRule.builder()
                        .id("expire-noncurrent-versions")
                        .noncurrentVersionExpiration(Duration.days(NONCURRENT_DAYS))
                        .build(),
                    LifecycleRule.builder()
                        .id("expire-checkpoints")
                        .prefix(CHECKPOINTS_PREFIX)
                        .expiration(Duration.days(CHECKPOINT_DAYS))
                        .build()))
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    for (Bucket bucket : List.of(data, artifacts)) {
      Nag.accept(
          bucket,
          "AwsSolutions-S1",
          "Per-student course buckets: an access-log bucket per student would double the buckets"
              + " to create, empty and delete; CloudTrail data events are the audit path when a"
              + " course needs one.");
    }
  }

  /** The bucket students upload data sets to. */
  public Bucket data() {
    return data;
  }

  /** The bucket models, checkpoints and outputs go to. */
  public Bucket artifacts() {
    return artifacts;
  }
}
