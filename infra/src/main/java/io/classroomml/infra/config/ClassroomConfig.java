package io.classroomml.infra.config;

import io.classroomml.contract.tuning.TuningSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the classroom is synthesized from, read once from the CDK context by {@link
 * ConfigReader}. Immutable.
 *
 * @param account the AWS account id (12 digits)
 * @param region the region of every stack and bucket
 * @param students the class, in the order given
 * @param budgetUsd each student's monthly budget in US dollars
 * @param budgetThresholds alert thresholds in percent of the budget; the last one stops spending
 * @param expiresAt when the janitor deletes the student stacks, if set
 * @param allowedInstanceTypes the instance types students may use (training, hosting, transform)
 * @param training training job settings
 * @param tuningSpec the hyperparameter search the tuning pipeline runs
 * @param tuningSpecSource where the tuning spec came from (file or built-in default)
 * @param endpoint endpoint settings
 * @param transform batch transform settings
 * @param images the images' digests; absent until the first push (then only the platform stack can
 *     be synthesized)
 * @param stacks which stacks this synth builds
 * @param maxConcurrentJobs how many executions of each pipeline one student may run at once
 * @param sharedData a read-only data set all students can train on, if set
 * @param estimateFile where the cost estimate is written at synth time
 * @param studentDashboards whether each student stack gets its own dashboard ($3 a month each)
 * @param notebooks per-student Studio notebooks (off unless {@code studentNotebooks=true})
 */
public record ClassroomConfig(
    String account,
    String region,
    List<Student> students,
    double budgetUsd,
    List<Integer> budgetThresholds,
    Optional<Instant> expiresAt,
    Set<String> allowedInstanceTypes,
    TrainingSettings training,
    TuningSpec tuningSpec,
    String tuningSpecSource,
    EndpointSettings endpoint,
    TransformSettings transform,
    Optional<ImageDigests> images,
    StackSelection stacks,
    int maxConcurrentJobs,
    Optional<DataLocation> sharedData,
    Optional<String> estimateFile,
    boolean studentDashboards,
    NotebookSettings notebooks) {

  /** Copies the collections so that the configuration cannot change after it is read. */
  public ClassroomConfig {
    students = List.copyOf(students);
    budgetThresholds = List.copyOf(budgetThresholds);
    allowedInstanceTypes = Set.copyOf(allowedInstanceTypes);
  }
}
