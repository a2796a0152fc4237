package io.classroomml.local.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.classroomml.contract.JobStatus;
import java.util.List;
import java.util.Map;

/**
 * What {@code DescribeTrainingJob} answers for a local job, with SageMaker's field names, plus the
 * local paths and the metric history (SageMaker keeps that in CloudWatch). Stored as {@code
 * job.json} in the job's folder of the workspace.
 *
 * @param name TrainingJobName
 * @param status InProgress, Completed, Failed or Stopped
 * @param secondaryStatus Starting, Training, Completed, Failed, Stopped, MaxRuntimeExceeded
 * @param failureReason the first 1024 characters of {@code output/failure}, for failed jobs
 * @param hyperParameters as given to the container
 * @param channels channel name to local data folder
 * @param finalMetrics the last value of each metric, as FinalMetricDataList
 * @param metricHistory every value of each metric, in emission order
 * @param modelArtifacts path of {@code model.tar.gz}, when the job saved a model
 * @param outputArtifacts path of {@code output.tar.gz}
 * @param baseDir the job's {@code /opt/ml} ({@code SAGEMAKER_BASE_DIR})
 * @param logFile the container's stdout and stderr
 * @param creationTime ISO-8601
 * @param endTime ISO-8601, or null while running
 * @param trainingSeconds wall time of all runs of the job (a resumed job adds up)
 * @param exitCode the container's exit code, or null while running
 * @param runs how many times the container was started (2 after one resume)
 * @param tuningJobName the tuning job that started it, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobRecord(
    @JsonProperty("TrainingJobName") String name,
    @JsonProperty("TrainingJobStatus") String status,
    @JsonProperty("SecondaryStatus") String secondaryStatus,
    @JsonProperty("FailureReason") String failureReason,
    @JsonProperty("HyperParameters") Map<String, String> hyperParameters,
    @JsonProperty("InputDataConfig") Map<String, String> channels,
    @JsonProperty("FinalMetricDataList") Map<String, Double> finalMetrics,
    @JsonProperty("MetricHistory") Map<String, List<Double>> metricHistory,
    @JsonProperty("ModelArtifacts") String modelArtifacts,
    @JsonProperty("OutputArtifacts") String outputArtifacts,
    @JsonProperty("BaseDir") String baseDir,
    @JsonProperty("LogFile") String logFile,
    @JsonProperty("CreationTime") String creationTime,
    @JsonProperty("TrainingEndTime") String endTime,
    @JsonProperty("TrainingTimeInSeconds") double trainingSeconds,
    @JsonProperty("ExitCode") Integer exitCode,
    @JsonProperty("Runs") int runs,
    @JsonProperty("TuningJobName") String tuningJobName) {

  /** SageMaker's TrainingJobStatus values (the contract's {@link JobStatus}). */
  public static final String IN_PROGRESS = JobStatus.IN_PROGRESS.apiName();

  /** Exit code 0. */
  public static final String COMPLETED = JobStatus.COMPLETED.apiName();

  /** Any other exit code. */
  public static final String FAILED = JobStatus.FAILED.apiName();

  /** Stopped on request, by the tuner's early stopping, or at MaxRuntimeInSeconds. */
  public static final String STOPPED = JobStatus.STOPPED.apiName();

  /** Whether the job has ended. */
  public boolean terminal() {
    return !IN_PROGRESS.equals(status);
  }
}
