package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A small, conservative policy evaluation: whether resolved identity statements allow an action on
 * a concrete ARN, given the request's condition context (e.g. {@code aws:ResourceTag/k}, {@code
 * iam:PolicyARN}). An Allow counts only if every condition is one this class can decide
 * (StringEquals, StringLike, ArnEquals, ArnLike on a key the context holds); an explicit Deny
 * without conditions wins. Enough to ask "does the teardown role really let the function do what it
 * calls?", not a replacement for IAM's evaluation.
 */
final class Grants {

  private Grants() {}

  static boolean allows(
      List<JsonNode> statements, String action, String arn, Map<String, String> context) {
    boolean allowed = false;
    for (JsonNode statement : statements) {
      if (!matches(statement, action, arn)) {
        continue;
      }
      boolean deny = statement.path("Effect").asText().equals("Deny");
      if (deny && statement.path("Condition").isMissingNode()) {
        return false;
      }
      if (!deny && conditionsHold(statement.path("Condition"), context)) {
        allowed = true;
      }
    }
    return allowed;
  }

  private static boolean matches(JsonNode statement, String action, String arn) {
    boolean actionMatches =
        PolicyChecker.strings(statement.path("Action")).stream()
            .anyMatch(p -> IamWildcard.matchesAction(p, action));
    boolean resourceMatches =
        PolicyChecker.strings(statement.path("Resource")).stream()
            .anyMatch(r -> IamWildcard.matchesArn(r, arn));
    return actionMatches && resourceMatches;
  }

  private static boolean conditionsHold(JsonNode condition, Map<String, String> context) {
    for (var operators = condition.fields(); operators.hasNext(); ) {
      var operator = operators.next();
      boolean like = operator.getKey().equals("StringLike") || operator.getKey().equals("ArnLike");
      boolean equals =
          operator.getKey().equals("StringEquals") || operator.getKey().equals("ArnEquals");
      if (!like && !equals) {
        return false;
      }
      for (var keys = operator.getValue().fields(); keys.hasNext(); ) {
        var key = keys.next();
        String value = null;
        for (var e : context.entrySet()) {
          if (e.getKey().equalsIgnoreCase(key.getKey())) {
            value = e.getValue();
          }
        }
        String actual = value;
        boolean any =
            actual != null
                && PolicyChecker.strings(key.getValue()).stream()
                    .anyMatch(v -> like ? IamWildcard.matchesArn(v, actual) : v.equals(actual));
        if (!any) {
          return false;
        }
      }
    }
    return true;
  }
}
