package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.infra.constructs.StudentWidgets;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * The dashboard's training graphs find a student's jobs, and only theirs. SageMaker's training
 * metrics carry one dimension, {@code Host = <job name>/algo-1}; an unquoted SEARCH term matches
 * the values holding its tokens in order (CloudWatch splits values at non-alphanumerics), and NOT
 * removes what a term matches. This evaluates the terms the widgets build against host values.
 */
class ClassDashboardSearchTest {

  private static final List<String> CLASS = List.of("alice", "x-alice", "alice-b", "alice-train");

  private static String host(String id, String kind) {
    return Names.studentPrefix(id) + kind + "-0a1b2c3d4e5f/algo-1";
  }

  @Test
  void hostTerm_matchesTheStudentsTrainingJobs() {
    String term = StudentWidgets.hostTerm("alice", CLASS);

    assertThat(search(term, host("alice", "train"))).isTrue();
  }

  @Test
  void hostTerm_leavesOutClassmatesWhoseIdsContainTheStudents() {
    for (String id : CLASS) {
      String term = StudentWidgets.hostTerm(id, CLASS);
      assertThat(search(term, host(id, "train"))).as(term).isTrue();
      for (String other : CLASS) {
        if (!other.equals(id)) {
          assertThat(search(term, host(other, "train"))).as("%s finds %s", term, other).isFalse();
        }
      }
    }
  }

  @Test
  void classDashboard_searchesTheHostDimensionByJobNamePrefix() {
    String dashboard =
        Template.fromStack(TestClassrooms.serverless().platform())
            .findResources("AWS::CloudWatch::Dashboard")
            .toString();

    assertThat(dashboard)
        .contains("{/aws/sagemaker/TrainingJobs,Host}", "Host=alice--train", "Host=carol--train")
        .doesNotContain("Host=\\\"alice-train\\\"");
  }

  /**
   * CloudWatch's SEARCH on one dimension value, as far as these terms use it: {@code Host=x} terms
   * joined by {@code AND NOT}; a term matches when its tokens occur in order in the value's.
   */
  private static boolean search(String expression, String host) {
    String[] parts = expression.split(" AND NOT ");
    if (!contains(host, parts[0].substring("Host=".length()))) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      if (contains(host, parts[i].substring("Host=".length()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(String value, String term) {
    List<String> tokens = List.of(value.toLowerCase().split("[^a-z0-9]+"));
    List<String> wanted = List.of(term.toLowerCase().split("[^a-z0-9]+"));
    return Collections.indexOfSubList(tokens, wanted) >= 0;
  }
}
