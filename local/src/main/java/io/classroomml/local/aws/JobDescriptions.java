package io.classroomml.local.aws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeTransformJobResponse;

/**
 * What {@code describe --target aws} prints of a SageMaker job: the Describe* answer cut to the
 * fields a student reads, under SageMaker's own names.
 */
final class JobDescriptions {

  private JobDescriptions() {}

  static ObjectNode trainingJob(SageMakerClient sageMaker, String name) {
    DescribeTrainingJobResponse d = sageMaker.describeTrainingJob(r -> r.trainingJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("TrainingJobName", d.trainingJobName());
    job.put("TrainingJobStatus", d.trainingJobStatusAsString());
    job.put("SecondaryStatus", d.secondaryStatusAsString());
    job.put("FailureReason", d.failureReason());
    job.put("TrainingTimeInSeconds", d.trainingTimeInSeconds());
    job.put("BillableTimeInSeconds", d.billableTimeInSeconds());
    job.set("HyperParameters", ExecutionHistory.JSON.valueToTree(d.hyperParameters()));
    ObjectNode metrics = job.putObject("FinalMetricDataList");
    d.finalMetricDataList().forEach(m -> metrics.put(m.metricName(), m.value()));
    job.put(
        "ModelArtifacts",
        d.modelArtifacts() == null ? null : d.modelArtifacts().s3ModelArtifacts());
    return job;
  }

  static ObjectNode tuningJob(SageMakerClient sageMaker, String name) {
    DescribeHyperParameterTuningJobResponse d =
        sageMaker.describeHyperParameterTuningJob(r -> r.hyperParameterTuningJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("HyperParameterTuningJobName", d.hyperParameterTuningJobName());
    job.put("HyperParameterTuningJobStatus", d.hyperParameterTuningJobStatusAsString());
    job.put("FailureReason", d.failureReason());
    ObjectNode counters = job.putObject("TrainingJobStatusCounters");
    if (d.trainingJobStatusCounters() != null) {
      var c = d.trainingJobStatusCounters();
      counters.put("Completed", c.completed());
      counters.put("InProgress", c.inProgress());
      counters.put("RetryableError", c.retryableError());
      counters.put("NonRetryableError", c.nonRetryableError());
      counters.put("Stopped", c.stopped());
    }
    if (d.bestTrainingJob() != null) {
      ObjectNode best = job.putObject("BestTrainingJob");
      best.put("TrainingJobName", d.bestTrainingJob().trainingJobName());
      best.set(
          "TunedHyperParameters",
          ExecutionHistory.JSON.valueToTree(d.bestTrainingJob().tunedHyperParameters()));
      if (d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric() != null) {
        var m = d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric();
        best.put(m.metricName(), m.value());
      }
    }
    return job;
  }

  static ObjectNode transformJob(SageMakerClient sageMaker, String name) {
    DescribeTransformJobResponse d = sageMaker.describeTransformJob(r -> r.transformJobName(name));
    ObjectNode job = ExecutionHistory.JSON.createObjectNode();
    job.put("TransformJobName", d.transformJobName());
    job.put("TransformJobStatus", d.transformJobStatusAsString());
    job.put("FailureReason", d.failureReason());
    job.put("ModelName", d.modelName());
    job.put(
        "S3OutputPath", d.transformOutput() == null ? null : d.transformOutput().s3OutputPath());
    return job;
  }
}
