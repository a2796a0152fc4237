package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.infra.config.ConfigException;
import io.classroomml.testing.aws.AwsModels;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Isolation between students, as a property over generated class lists (issue 9 item 3): for every
 * pair of students A ≠ B, no Allow statement of any role or policy in A's stack lets an action act
 * on any concrete ARN of B's ({@link StudentResources}), evaluated with IAM's wildcard semantics
 * and only where the ARN is of a resource type the action authorizes.
 *
 * <p>What counts as safe, precisely: (1) a statement whose condition requires {@code
 * aws:ResourceTag/classroom-ml:student} (or {@code sagemaker:ResourceTag/...}) to equal exactly A
 * with StringEquals: every resource of B's is tagged B, so it cannot hold, and where the key does
 * not apply to the action the statement grants nothing at all; (2) {@code sagemaker:ListTags} on
 * "*", which AWS requires for the {@code .sync} integrations and which reveals tags, not data; (3)
 * actions without resource-level permissions (List*, PutMetricData…), which do not act on a
 * resource of B's. A RequestTag condition is not safe: it limits what a request may create, not
 * whose resource a name pattern reaches. Class lists come from a seeded generator that favours ids
 * sharing prefixes ({@code alice}, {@code alice-train}, {@code al}); a list synth refuses (naming
 * {@code students}) is fine, but most lists must synthesize.
 *
 * <p>Shared resources are nobody's and not checked: the course data, the image repositories and
 * SageMaker's {@code /aws/sagemaker/TrainingJobs} and {@code TransformJobs} log groups. On those
 * groups {@code logs:DescribeLogStreams} (authorized on the group only) shows a student the names
 * of other students' log streams, i.e. their job names, but no log events.
 */
class StudentIsolationPropertyTest {

  private static final long SEED = 9;
  private static final int CLASS_LISTS = 4;
  private static final int STUDENTS = 4;
  private static final String TAG_KEY = "classroom-ml:student";
  private static final List<String> BASES = List.of("alice", "al", "bob", "b", "carol", "c1");
  private static final List<String> SUFFIXES =
      List.of("", "-train", "-b", "-tune", "1", "-endpoint", "-batch", "-x");

  @Test
  @Timeout(900)
  void noStatementOfOneStudent_reachesAnotherStudentsResources() {
    Random random = new Random(SEED);
    List<String> violations = new ArrayList<>();
    int synthesized = 0;
    for (int n = 0; n < CLASS_LISTS; n++) {
      List<String> ids = classList(random, n);
      Map<String, Object> context = Classrooms.baseContext();
      context.put("students", String.join(",", ids));
      List<String> models = new ArrayList<>();
      ids.forEach(id -> models.add(id + "=training/job/output/model.tar.gz"));
      context.put("models", String.join(",", models));
      // Every other class list with per-student Studio notebooks (issue 14): profiles, spaces
      // and apps of one student must be as unreachable as the rest.
      boolean notebooks = n % 2 == 0;
      context.put("studentNotebooks", String.valueOf(notebooks));
      Assembly assembly;
      try {
        assembly = Classrooms.synthesize(context);
      } catch (ConfigException refused) {
        System.out.println(ids + ": refused: " + refused.getMessage());
        assertThat(refused.key()).as(refused.getMessage()).isEqualTo("students");
        continue;
      }
      System.out.println(ids + ": synthesized" + (notebooks ? " with notebooks" : ""));
      synthesized++;
      for (String a : ids) {
        for (String b : ids) {
          if (!a.equals(b)) {
            violations.addAll(violations(assembly, a, b));
          }
        }
      }
    }
    assertThat(synthesized).as("class lists that synthesized").isGreaterThanOrEqualTo(2);
    assertThat(violations)
        .as(violations.size() + " violation(s):\n" + String.join("\n", violations))
        .isEmpty();
  }

  @Test
  @Timeout(300)
  void aNamePatternThatLosesTheSeparator_isCaught() {
    Map<String, Object> context = Classrooms.baseContext();
    context.put("students", "alice,alice-train,alice-b,al");
    context.put("models", "alice=training/job/output/model.tar.gz");
    Assembly assembly = Classrooms.synthesize(context);
    String widened = assembly.template("Classroom-alice").toString().replace("alice--", "alice-");
    Assembly broken;
    try {
      broken = assembly.with("Classroom-alice", AwsModels.JSON.readTree(widened));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(violations(broken, "alice", "alice-train"))
        .anySatisfy(
            v ->
                assertThat(v)
                    .contains("reaches alice-train's", ":training-job/alice-train--train-"));
  }

  private static List<String> violations(Assembly assembly, String a, String b) {
    String stackA = "Classroom-" + a;
    List<String> arnsOfB = StudentResources.arns(assembly, "Classroom-" + b);
    CfnResolver resolver = new CfnResolver(assembly, stackA);
    Map<String, List<JsonNode>> roles = RoleStatements.of(assembly.template(stackA), resolver);
    assertThat(arnsOfB).as("%s's resources", b).hasSizeGreaterThan(20);
    assertThat(arnsOfB)
        .as("jobs %s's pipelines create", b)
        .anyMatch(arn -> arn.contains(":training-job/"));
    if (assembly.template("Classroom-Platform").toString().contains("AWS::SageMaker::Domain")) {
      assertThat(arnsOfB)
          .as("%s's notebook profile, spaces and apps", b)
          .anyMatch(arn -> arn.contains(":user-profile/d-"))
          .anyMatch(arn -> arn.contains(":space/d-"))
          .anyMatch(arn -> arn.contains(":app/d-"));
    }
    assertThat(roles).as("%s's roles", a).hasSizeGreaterThan(3);
    Set<String> found = new LinkedHashSet<>();
    for (Map.Entry<String, List<JsonNode>> role : roles.entrySet()) {
      for (JsonNode statement : role.getValue()) {
        if (!statement.path("Effect").asText().equals("Allow") || taggedFor(statement, a)) {
          continue;
        }
        for (String pattern : PolicyChecker.strings(statement.path("Action"))) {
          for (PolicyChecker.Action action : actions(pattern)) {
            if (action.toString().equalsIgnoreCase("sagemaker:ListTags")) {
              continue;
            }
            List<IamService.ResourceType> types = action.service().resourceTypes(action.name());
            for (String resource : PolicyChecker.strings(statement.path("Resource"))) {
              for (String arn : arnsOfB) {
                if (IamWildcard.matchesArn(resource, arn)
                    && types.stream().anyMatch(t -> IamWildcard.overlaps(arn, t.arnFormat()))) {
                  found.add(
                      a
                          + "'s role "
                          + role.getKey()
                          + " allows "
                          + action
                          + " on "
                          + resource
                          + ", which reaches "
                          + b
                          + "'s "
                          + arn);
                }
              }
            }
          }
        }
      }
    }
    return new ArrayList<>(found);
  }

  /** Whether the statement requires the resource's student tag to be exactly {@code id}. */
  private static boolean taggedFor(JsonNode statement, String id) {
    JsonNode equals = statement.path("Condition").path("StringEquals");
    for (var it = equals.fields(); it.hasNext(); ) {
      var entry = it.next();
      String key = entry.getKey().toLowerCase(Locale.ROOT);
      boolean tagKey =
          key.equals("aws:resourcetag/" + TAG_KEY)
              || key.equals("sagemaker:resourcetag/" + TAG_KEY);
      List<String> values = PolicyChecker.strings(entry.getValue());
      if (tagKey && values.equals(List.of(id))) {
        return true;
      }
    }
    return false;
  }

  private static List<PolicyChecker.Action> actions(String pattern) {
    int colon = pattern.indexOf(':');
    if (colon < 0) {
      return List.of();
    }
    Optional<IamService> service = IamService.of(pattern.substring(0, colon));
    List<PolicyChecker.Action> actions = new ArrayList<>();
    service.ifPresent(
        s ->
            s.actions(pattern.substring(colon + 1))
                .forEach(n -> actions.add(new PolicyChecker.Action(s, n))));
    return actions;
  }

  /**
   * Distinct valid ids, most of them one base id plus a suffix (so they share its prefix, as {@code
   * alice} and {@code alice-train} do); the first list is issue 9's own example.
   */
  private static List<String> classList(Random random, int n) {
    if (n == 0) {
      return List.of("alice", "alice-train", "alice-b", "al");
    }
    Set<String> ids = new LinkedHashSet<>();
    String base = BASES.get(random.nextInt(BASES.size()));
    while (ids.size() < STUDENTS) {
      if (random.nextInt(4) == 0) {
        base = BASES.get(random.nextInt(BASES.size()));
      }
      String id = base + SUFFIXES.get(random.nextInt(SUFFIXES.size()));
      if (id.length() <= 12) {
        ids.add(id);
      }
    }
    return new ArrayList<>(ids);
  }
}
