package io.classroomml.infra.constructs;

import io.classroomml.contract.Ordered;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.IPrincipal;
import software.amazon.awscdk.services.iam.ServicePrincipal;

/**
 * Service principals that may assume a classroom role only on behalf of this account (the
 * cross-service confused-deputy guard): {@code aws:SourceAccount} always, and {@code aws:SourceArn}
 * where the caller's ARN is known without a dependency cycle (the role exists before the state
 * machine or function that uses it, so their own ARNs cannot be named).
 */
public final class Trust {

  private Trust() {}

  /** {@code service} acting for this account only. */
  public static IPrincipal fromAccount(String service) {
    return new ServicePrincipal(service)
        .withConditions(
            Ordered.map("StringEquals", Ordered.map("aws:SourceAccount", Aws.ACCOUNT_ID)));
  }

  /** Step Functions acting for a state machine of this account, in this region. */
  public static IPrincipal stepFunctions() {
    return withSourceArn(
        "states.amazonaws.com",
        "ArnLike",
        "arn:"
            + Aws.PARTITION
            + ":states:"
            + Aws.REGION
            + ":"
            + Aws.ACCOUNT_ID
            + ":stateMachine:*");
  }

  /** EventBridge Scheduler acting for a schedule of this account's default schedule group. */
  public static IPrincipal scheduler() {
    return withSourceArn(
        "scheduler.amazonaws.com",
        "StringEquals",
        "arn:"
            + Aws.PARTITION
            + ":scheduler:"
            + Aws.REGION
            + ":"
            + Aws.ACCOUNT_ID
            + ":schedule-group/default");
  }

  private static IPrincipal withSourceArn(String service, String operator, String arn) {
    Map<String, Object> conditions = new LinkedHashMap<>();
    if (operator.equals("StringEquals")) {
      conditions.put(
          "StringEquals", Ordered.map("aws:SourceAccount", Aws.ACCOUNT_ID, "aws:SourceArn", arn));
    } else {
      conditions.put("StringEquals", Ordered.map("aws:SourceAccount", Aws.ACCOUNT_ID));
      conditions.put(operator, Ordered.map("aws:SourceArn", arn));
    }
    return new ServicePrincipal(service).withConditions(conditions);
  }
}
