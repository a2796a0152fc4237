package io.classroomml.infra.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved identity-policy statements of each role in a template: its inline policies, and the
 * AWS::IAM::Policy and customer managed policies of the same template attached to it (through the
 * policy's {@code Roles} or the role's {@code ManagedPolicyArns}).
 */
final class RoleStatements {

  private RoleStatements() {}

  /** Role logical id to its statements (Allow and Deny), resolved. */
  static Map<String, List<JsonNode>> of(JsonNode template, CfnResolver resolver) {
    Map<String, List<JsonNode>> byRole = new LinkedHashMap<>();
    JsonNode resources = template.path("Resources");
    resources
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::IAM::Role")) {
                List<JsonNode> statements =
                    byRole.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                JsonNode props = e.getValue().path("Properties");
                props
                    .path("Policies")
                    .forEach(p -> add(statements, resolver.resolve(p.path("PolicyDocument"))));
                for (JsonNode arn : props.path("ManagedPolicyArns")) {
                  String ref = arn.path("Ref").asText();
                  if (!ref.isEmpty()) {
                    add(
                        statements,
                        resolver.resolve(
                            resources.path(ref).path("Properties").path("PolicyDocument")));
                  }
                }
              }
            });
    resources
        .fields()
        .forEachRemaining(
            e -> {
              String type = e.getValue().path("Type").asText();
              if (type.equals("AWS::IAM::Policy") || type.equals("AWS::IAM::ManagedPolicy")) {
                JsonNode document =
                    resolver.resolve(e.getValue().path("Properties").path("PolicyDocument"));
                for (JsonNode role : e.getValue().path("Properties").path("Roles")) {
                  List<JsonNode> statements = byRole.get(role.path("Ref").asText());
                  if (statements != null) {
                    add(statements, document);
                  }
                }
              }
            });
    return byRole;
  }

  private static void add(List<JsonNode> statements, JsonNode document) {
    JsonNode list = document.path("Statement");
    if (list.isArray()) {
      list.forEach(statements::add);
    } else if (list.isObject()) {
      statements.add(list);
    }
  }
}
