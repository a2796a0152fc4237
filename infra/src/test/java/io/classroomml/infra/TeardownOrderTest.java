package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.infra.constructs.Teardown;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awscdk.assertions.Template;

/**
 * A student whose budget ran out can still be destroyed. The budget stop attached the deny policy
 * to the student's roles outside CloudFormation; IAM refuses DeleteRole and DeletePolicy while it
 * is attached. This replays {@code cdk destroy} from the template's dependency graph (DependsOn,
 * Ref, Fn::GetAtt, Fn::Sub): CloudFormation deletes a resource once everything that depends on it
 * is gone, and here it always picks roles and policies first when it may, the order most likely to
 * fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TeardownOrderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Map<String, JsonNode> resources;

  @BeforeAll
  void synthesize() {
    Template alice = Template.fromStack(TestClassrooms.serverless().students().get(0));
    resources = new LinkedHashMap<>();
    JSON.valueToTree(alice.toJSON().get("Resources"))
        .fields()
        .forEachRemaining(e -> resources.put(e.getKey(), e.getValue()));
  }

  @Test
  void destroyAfterTheBudgetStop_detachesTheDenyPolicyBeforeDeletingRolesAndPolicy() {
    String cleanup = only("Custom::ClassroomTeardown");
    String denyPolicy = only("AWS::IAM::ManagedPolicy");
    JsonNode roleNames =
        resources.get(functionOf(cleanup)).at("/Properties/Environment/Variables/ROLES");
    Set<String> denied = new HashSet<>(references(roleNames));
    assertThat(denied).hasSize(5);
    // The budget stop ran: the deny policy is attached to the five roles.
    Map<String, Set<String>> attached = new HashMap<>();
    denied.forEach(role -> attached.put(role, new HashSet<>(Set.of(denyPolicy))));

    List<String> problems = new ArrayList<>();
    for (String deleted : deletionOrder()) {
      if (deleted.equals(cleanup)) {
        attached.values().forEach(Set::clear); // the cleanup detaches everything attached
      } else if (!attached.getOrDefault(deleted, Set.of()).isEmpty()) {
        problems.add("DeleteRole " + deleted + ": DeleteConflict, must detach all policies first");
      } else if (deleted.equals(denyPolicy)
          && attached.values().stream().anyMatch(p -> p.contains(denyPolicy))) {
        problems.add("DeletePolicy " + deleted + ": DeleteConflict, still attached");
      }
    }

    assertThat(problems).isEmpty();
    // The cleanup the replay assumes: on Delete, first detach what is attached to the roles.
    assertThat(Teardown.source())
        .contains("list_attached_role_policies", "detach_role_policy")
        .containsPattern("== \"Delete\":\\s+detach\\(\\)");
  }

  @Test
  void cleanup_dependsOnEveryDeniedRoleThePolicyAndTheBuckets() {
    String cleanup = only("Custom::ClassroomTeardown");
    Set<String> closure = dependencies(cleanup);

    assertThat(closure)
        .contains(only("AWS::IAM::ManagedPolicy"))
        .containsAll(
            references(
                resources.get(functionOf(cleanup)).at("/Properties/Environment/Variables/ROLES")))
        .containsAll(ofType("AWS::S3::Bucket"));
  }

  /** Deletion order: roles and managed policies first whenever nothing left depends on them. */
  private List<String> deletionOrder() {
    Map<String, Set<String>> dependents = new HashMap<>();
    resources.keySet().forEach(id -> dependents.put(id, new HashSet<>()));
    resources.keySet().forEach(id -> direct(id).forEach(d -> dependents.get(d).add(id)));
    Set<String> left = new HashSet<>(resources.keySet());
    List<String> order = new ArrayList<>();
    while (!left.isEmpty()) {
      String next = null;
      for (String id : left) {
        if (dependents.get(id).stream().noneMatch(left::contains)) {
          String type = resources.get(id).path("Type").asText();
          boolean eager = type.equals("AWS::IAM::Role") || type.equals("AWS::IAM::ManagedPolicy");
          if (next == null || eager) {
            next = id;
          }
          if (eager) {
            break;
          }
        }
      }
      assertThat(next).as("dependency cycle among %s", left).isNotNull();
      left.remove(next);
      order.add(next);
    }
    return order;
  }

  private Set<String> dependencies(String id) {
    Set<String> seen = new HashSet<>();
    List<String> todo = new ArrayList<>(direct(id));
    while (!todo.isEmpty()) {
      String d = todo.remove(todo.size() - 1);
      if (seen.add(d)) {
        todo.addAll(direct(d));
      }
    }
    return seen;
  }

  /** Resources {@code id} depends on directly. */
  private Set<String> direct(String id) {
    JsonNode resource = resources.get(id);
    Set<String> out = new HashSet<>(references(resource.path("Properties")));
    JsonNode dependsOn = resource.path("DependsOn");
    if (dependsOn.isArray()) {
      dependsOn.forEach(d -> out.add(d.asText()));
    } else if (dependsOn.isTextual()) {
      out.add(dependsOn.asText());
    }
    out.retainAll(resources.keySet());
    return out;
  }

  private static List<String> references(JsonNode node) {
    List<String> refs = new ArrayList<>();
    node.findValues("Ref").forEach(r -> refs.add(r.asText()));
    node.findValues("Fn::GetAtt").forEach(g -> refs.add(g.get(0).asText()));
    for (JsonNode sub : node.findValues("Fn::Sub")) {
      String text = sub.isArray() ? sub.get(0).asText() : sub.asText();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([^.}]+)").matcher(text);
      while (m.find()) {
        refs.add(m.group(1));
      }
    }
    return refs;
  }

  private String functionOf(String cleanup) {
    return resources.get(cleanup).at("/Properties/ServiceToken/Fn::GetAtt/0").asText();
  }

  private List<String> ofType(String type) {
    List<String> ids = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = resources.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().path("Type").asText().equals(type)) {
        ids.add(e.getKey());
      }
    }
    return ids;
  }

  private String only(String type) {
    List<String> ids = ofType(type);
    assertThat(ids).as(type).hasSize(1);
    return ids.get(0);
  }
}
