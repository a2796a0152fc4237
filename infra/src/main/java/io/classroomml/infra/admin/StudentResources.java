package io.classroomml.infra.admin;

import io.classroomml.infra.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * What runs in SageMaker under one student's name prefix ({@code <id>--}): the jobs the pipelines
 * start outside CloudFormation, their endpoint and batch models. SageMaker's NameContains matches
 * anywhere in a name, so names are kept only when they start with the prefix (no student's prefix
 * is inside another's names at the start, by the id rules).
 */
final class StudentResources {

  private static final Set<String> RUNNING = Set.of("InProgress", "Stopping");

  private StudentResources() {}

  /**
   * @param all also what no longer runs or bills (models); otherwise only running jobs and
   *     endpoints
   */
  static List<Leftover> of(SageMakerClient sageMaker, String id, boolean all) {
    String prefix = Names.studentPrefix(id);
    List<Leftover> found = new ArrayList<>();
    sageMaker
        .listTrainingJobsPaginator(r -> r.nameContains(prefix))
        .trainingJobSummaries()
        .forEach(
            j -> {
              if (j.trainingJobName().startsWith(prefix)
                  && RUNNING.contains(j.trainingJobStatusAsString())) {
                found.add(
                    new Leftover(
                        id,
                        "training job",
                        j.trainingJobName(),
                        j.trainingJobStatusAsString(),
                        true));
              }
            });
    sageMaker
        .listHyperParameterTuningJobsPaginator(r -> r.nameContains(prefix))
        .hyperParameterTuningJobSummaries()
        .forEach(
            j -> {
              String status = j.hyperParameterTuningJobStatusAsString();
              if (j.hyperParameterTuningJobName().startsWith(prefix) && RUNNING.contains(status)) {
                found.add(
                    new Leftover(id, "tuning job", j.hyperParameterTuningJobName(), status, true));
              }
            });
    sageMaker
        .listTransformJobsPaginator(r -> r.nameContains(prefix))
        .transformJobSummaries()
        .forEach(
            j -> {
              if (j.transformJobName().startsWith(prefix)
                  && RUNNING.contains(j.transformJobStatusAsString())) {
                found.add(
                    new Leftover(
                        id,
                        "transform job",
                        j.transformJobName(),
                        j.transformJobStatusAsString(),
                        true));
              }
            });
    sageMaker
        .listEndpointsPaginator(r -> r.nameContains(prefix))
        .endpoints()
        .forEach(
            e -> {
              if (e.endpointName().startsWith(prefix)) {
                found.add(
                    new Leftover(
                        id, "endpoint", e.endpointName(), e.endpointStatusAsString(), true));
              }
            });
    if (all) {
      sageMaker
          .listModelsPaginator(r -> r.nameContains(prefix))
          .models()
          .forEach(
              m -> {
                if (m.modelName().startsWith(prefix)) {
                  found.add(new Leftover(id, "model", m.modelName(), "", false));
                }
              });
    }
    return found;
  }
}
