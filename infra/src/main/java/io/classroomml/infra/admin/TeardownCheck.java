package io.classroomml.infra.admin;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.Student;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.resourcegroupstaggingapi.ResourceGroupsTaggingApiClient;
import software.amazon.awssdk.services.resourcegroupstaggingapi.model.TagFilter;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * {@code classroom verify-teardown}: after a destroy, whatever is still tagged {@code
 * classroom-ml:student} (Resource Groups Tagging API) or still carries a student's prefix in
 * SageMaker. Fails when anything found bills.
 */
final class TeardownCheck {

  /** Services whose tagged resources cost nothing while idle (roles, topics, state machines...). */
  static final Set<String> FREE_WHEN_IDLE =
      Set.of("iam", "sns", "states", "lambda", "events", "scheduler", "budgets");

  private TeardownCheck() {}

  /**
   * Lists what is left.
   *
   * @return what was found
   * @throws AdminException when anything found bills, naming the fix
   */
  static List<Leftover> run(AwsClients aws, ClassroomConfig config, PrintStream out) {
    List<Leftover> found = new ArrayList<>();
    try (ResourceGroupsTaggingApiClient tagging = aws.tagging(config.region())) {
      tagging
          .getResourcesPaginator(
              r -> r.tagFilters(TagFilter.builder().key(Names.STUDENT_TAG).build()))
          .resourceTagMappingList()
          .forEach(
              m -> {
                String student =
                    m.tags().stream()
                        .filter(t -> t.key().equals(Names.STUDENT_TAG))
                        .map(t -> t.value())
                        .findFirst()
                        .orElse("?");
                String service = m.resourceARN().split(":")[2];
                found.add(
                    new Leftover(
                        student,
                        "tagged " + service,
                        m.resourceARN(),
                        "",
                        !FREE_WHEN_IDLE.contains(service)));
              });
    }
    try (SageMakerClient sageMaker = aws.sageMaker(config.region())) {
      for (Student s : config.students()) {
        for (Leftover l : StudentResources.of(sageMaker, s.id(), true)) {
          if (found.stream().noneMatch(f -> f.name().endsWith("/" + l.name()))) {
            found.add(l);
          }
        }
      }
    }
    if (found.isEmpty()) {
      out.println("nothing of the class is left in " + config.account() + "/" + config.region());
      return found;
    }
    out.printf("%-12s  %-5s  %-20s  %s%n", "student", "bills", "what", "name");
    for (Leftover l : found) {
      out.printf(
          "%-12s  %-5s  %-20s  %s%s%n",
          l.student(),
          l.bills() ? "yes" : "no",
          l.kind(),
          l.name(),
          l.status().isEmpty() ? "" : " (" + l.status() + ")");
    }
    long billing = found.stream().filter(Leftover::bills).count();
    if (billing > 0) {
      throw new AdminException(
          billing
              + " of these bill: run scripts/destroy <student> again (its cleanup stops jobs,"
              + " deletes endpoints and empties buckets), or stop and delete them by hand;"
              + " tagged resources of a deleted stack can linger in the tagging index for a while",
          1);
    }
    return found;
  }
}
