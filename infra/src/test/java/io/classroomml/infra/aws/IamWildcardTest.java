package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IamWildcardTest {

  @Test
  void actionsMatchCaseInsensitivelyWithStarAndQuestionMark() {
    assertThat(IamWildcard.matchesAction("s3:Get*", "s3:getobject")).isTrue();
    assertThat(
            IamWildcard.matchesAction(
                "sagemaker:Describe?rainingJob", "sagemaker:DescribeTrainingJob"))
        .isTrue();
    assertThat(IamWildcard.matchesAction("s3:Get*", "s3:PutObject")).isFalse();
    assertThat(IamWildcard.matchesAction("*", "logs:PutLogEvents")).isTrue();
  }

  @Test
  void arnsMatchCaseSensitively() {
    String job = "arn:aws:sagemaker:us-east-1:111122223333:training-job/alice-train-0a1b2c3d4e5f";
    assertThat(IamWildcard.matchesArn("arn:aws:sagemaker:*:*:training-job/alice-train-*", job))
        .isTrue();
    assertThat(IamWildcard.matchesArn("arn:aws:sagemaker:*:*:training-job/Alice-*", job)).isFalse();
    assertThat(IamWildcard.matchesArn("arn:aws:s3:::data-?", "arn:aws:s3:::data-1")).isTrue();
    assertThat(IamWildcard.matchesArn("arn:aws:s3:::data-?", "arn:aws:s3:::data-12")).isFalse();
  }

  @Test
  void aPrefixPatternMatchesEveryIdThatSharesThePrefix() {
    String pattern = "arn:aws:sagemaker:us-east-1:111122223333:training-job/alice-*";
    assertThat(
            IamWildcard.matchesArn(
                pattern,
                "arn:aws:sagemaker:us-east-1:111122223333:training-job/alice-train-0a1b2c3d4e5f"))
        .isTrue();
  }

  @Test
  void overlapsTellsWhetherAPatternCanNameAResourceOfAFormat() {
    String stream =
        "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";
    String group = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}";
    String bareGroup = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/sagemaker/TrainingJobs";
    assertThat(IamWildcard.overlaps(bareGroup, stream)).isFalse();
    assertThat(IamWildcard.overlaps(bareGroup, group)).isTrue();
    assertThat(IamWildcard.overlaps(bareGroup + ":log-stream:*", stream)).isTrue();
    assertThat(IamWildcard.overlaps(bareGroup + ":*", stream)).isTrue();
    assertThat(
            IamWildcard.overlaps(
                "arn:aws:s3:::bucket", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"))
        .isFalse();
    assertThat(
            IamWildcard.overlaps(
                "arn:aws:s3:::bucket/*", "arn:${Partition}:s3:::${BucketName}/${ObjectName}"))
        .isTrue();
    assertThat(IamWildcard.overlaps("*", group)).isTrue();
  }

  @Test
  void aVariableIsNeverEmpty() {
    assertThat(IamWildcard.overlaps("arn:aws:s3:::", "arn:${Partition}:s3:::${BucketName}"))
        .isFalse();
  }
}
