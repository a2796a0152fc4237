package io.classroomml.infra.admin;

import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.infra.config.ConfigReader;
import io.classroomml.infra.config.ContextKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The class as deployed to the credentials' account: the configuration read as synth reads it, with
 * account and region defaulting to the credentials' (status and verify-teardown need no image
 * digests).
 */
final class ResolvedClass {

  private ResolvedClass() {}

  /**
   * @throws AdminException naming what is missing (credentials, region, a bad setting) and the fix
   */
  static ClassroomConfig resolve(AwsClients aws, ClassContext context, Optional<String> region) {
    String r =
        context
            .get(ContextKeys.REGION)
            .or(() -> region)
            .orElseThrow(
                () ->
                    new AdminException(
                        "no region: set -c region=us-east-1 (or AWS_REGION, or the profile's)", 2));
    String account;
    try (StsClient sts = aws.sts(r)) {
      account = sts.getCallerIdentity().account();
    } catch (SdkException e) {
      throw new AdminException(
          "no usable AWS credentials ("
              + e.getMessage()
              + "): sign in (aws sso login, AWS_PROFILE=..., or --profile)",
          1);
    }
    Map<String, Object> values = new HashMap<>(context.values());
    values.put(ContextKeys.STACKS, "platform");
    try {
      return ConfigReader.read(
          values, Map.of(ConfigReader.ENV_ACCOUNT, account, ConfigReader.ENV_REGION, r));
    } catch (ConfigException e) {
      throw new AdminException(e.getMessage() + " (change it in cdk.json or with -c)", 2);
    }
  }
}
