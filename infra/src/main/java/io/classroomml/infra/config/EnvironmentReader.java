package io.classroomml.infra.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the classroom runs: the account and region (from context, else from what the CDK CLI
 * resolved from the credentials) and the shared data set, which must be in that region.
 */
final class EnvironmentReader {

  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
  private static final Pattern S3_LOCATION =
      Pattern.compile("s3://([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])/?([^@]*)@(.*)");

  private final ContextValues values;
  private final Problems problems;

  EnvironmentReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  /** The account id, or null (a problem recorded). */
  String account() {
    return fromContextOrEnv(
        ContextKeys.ACCOUNT,
        ConfigReader.ENV_ACCOUNT,
        ACCOUNT,
        "no AWS credentials resolved an account (the CDK sets "
            + ConfigReader.ENV_ACCOUNT
            + " from them); sign in (AWS_PROFILE=..., aws sso login) or set -c"
            + " account=<your 12-digit account id>",
        "must be the 12-digit account id of your account");
  }

  /** The region, or null (a problem recorded). */
  String region() {
    return fromContextOrEnv(
        ContextKeys.REGION,
        ConfigReader.ENV_REGION,
        REGION,
        "no region configured (the CDK sets "
            + ConfigReader.ENV_REGION
            + " from AWS_REGION or the profile); set -c region=us-east-1 or AWS_REGION",
        "is not a region name; e.g. us-east-1");
  }

  /**
   * The value of {@code key}, else of the CDK's environment variable {@code envName}; null (a
   * problem recorded) when neither is set or the value does not match {@code valid}.
   */
  private String fromContextOrEnv(
      String key, String envName, Pattern valid, String whenMissing, String whenInvalid) {
    Optional<String> value = values.optional(key).or(() -> values.fromEnv(envName));
    if (value.isEmpty()) {
      return problems.add(key, null, whenMissing);
    }
    if (!valid.matcher(value.get()).matches()) {
      return problems.add(key, value.get(), whenInvalid);
    }
    return value.get();
  }

  /** The shared data set, if set; {@code region} is null when it is itself a problem. */
  Optional<DataLocation> sharedData(String region) {
    Optional<String> raw = values.optional(ContextKeys.SHARED_DATA);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = S3_LOCATION.matcher(raw.get());
    if (!m.matches() || !REGION.matcher(m.group(3)).matches()) {
      problems.add(
          ContextKeys.SHARED_DATA,
          raw.get(),
          "write s3://<bucket>/<prefix>@<region>, naming the bucket's region; e.g."
              + " s3://course-data/cifar10@"
              + (region == null ? "us-east-1" : region));
      return Optional.empty();
    }
    if (region != null && !m.group(3).equals(region)) {
      problems.add(
          ContextKeys.SHARED_DATA,
          raw.get(),
          "the data is in "
              + m.group(3)
              + " but the classroom is in "
              + region
              + "; copy it to a bucket in "
              + region
              + " (cross-region reads are slow, billed, and break network isolation)");
      return Optional.empty();
    }
    return Optional.of(new DataLocation(m.group(1), m.group(2), m.group(3)));
  }
}
