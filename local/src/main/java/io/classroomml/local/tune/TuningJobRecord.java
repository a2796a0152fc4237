package io.classroomml.local.tune;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What {@code DescribeHyperParameterTuningJob} plus {@code
 * ListTrainingJobsForHyperParameterTuningJob} answer for a local tuning job, with SageMaker's field
 * names. Stored as {@code tuning.json}.
 *
 * @param name HyperParameterTuningJobName
 * @param status InProgress, Completed, Failed (no trial reported the objective) or Stopped
 * @param config the HyperParameterTuningJobConfig the trials ran under (after local overrides)
 * @param staticHyperParameters every trial's fixed hyperparameters
 * @param overrides what local mode changed relative to the spec file, in words
 * @param trials one summary per training job, in start order
 * @param bestTrainingJob the trial with the best final objective, or null
 * @param statusCounters TrainingJobStatusCounters
 * @param creationTime ISO-8601
 * @param endTime ISO-8601, or null while running
 * @param seconds wall time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuningJobRecord(
    @JsonProperty("HyperParameterTuningJobName") String name,
    @JsonProperty("HyperParameterTuningJobStatus") String status,
    @JsonProperty("HyperParameterTuningJobConfig") Map<String, Object> config,
    @JsonProperty("StaticHyperParameters") Map<String, String> staticHyperParameters,
    @JsonProperty("LocalOverrides") List<String> overrides,
    @JsonProperty("TrainingJobSummaries") List<TrialSummary> trials,
    @JsonProperty("BestTrainingJob") String bestTrainingJob,
    @JsonProperty("TrainingJobStatusCounters") Map<String, Integer> statusCounters,
    @JsonProperty("CreationTime") String creationTime,
    @JsonProperty("HyperParameterTuningEndTime") String endTime,
    @JsonProperty("WallSeconds") double seconds) {

  /**
   * One trial ({@code HyperParameterTrainingJobSummary}).
   *
   * @param name TrainingJobName
   * @param status TrainingJobStatus
   * @param tuned TunedHyperParameters
   * @param objective FinalHyperParameterTuningJobObjectiveMetric value: the last emitted value
   * @param objectiveStatus Succeeded, Pending or Failed
   * @param failureReason why it failed, or why it was stopped early
   * @param seconds training wall time
   * @param objectiveHistory the objective after every epoch
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrialSummary(
      @JsonProperty("TrainingJobName") String name,
      @JsonProperty("TrainingJobStatus") String status,
      @JsonProperty("TunedHyperParameters") Map<String, String> tuned,
      @JsonProperty("FinalObjectiveValue") Double objective,
      @JsonProperty("ObjectiveStatus") String objectiveStatus,
      @JsonProperty("FailureReason") String failureReason,
      @JsonProperty("TrainingTimeInSeconds") double seconds,
      @JsonProperty("ObjectiveHistory") List<Double> objectiveHistory) {}
}
