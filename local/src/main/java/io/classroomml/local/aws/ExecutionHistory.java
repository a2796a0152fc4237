package io.classroomml.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/**
 * An execution's events from GetExecutionHistory, read on from the last one seen, and what they say
 * without asking SageMaker: the steps entered and the SageMaker job the pipeline started (its name
 * and request, from the {@code TaskScheduled} event of the {@code .sync} task).
 */
final class ExecutionHistory {

  static final ObjectMapper JSON = new ObjectMapper();

  /** The SageMaker job a pipeline started: its kind, name and the request as sent. */
  record Job(Pipeline kind, String name, JsonNode request) {}

  private final SfnClient sfn;
  private final String executionArn;
  private long lastId;
  private Job job;
  private boolean created;

  ExecutionHistory(SfnClient sfn, String executionArn) {
    this.sfn = sfn;
    this.executionArn = executionArn;
  }

  /** The events after those already returned, oldest first. */
  List<HistoryEvent> next() {
    List<HistoryEvent> fresh = new ArrayList<>();
    for (HistoryEvent e :
        sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
      if (e.id() > lastId) {
        fresh.add(e);
        jobOf(e).ifPresent(j -> job = j);
        created |= job != null && isSubmitted(e);
      }
    }
    fresh.forEach(e -> lastId = Math.max(lastId, e.id()));
    return fresh;
  }

  /** The SageMaker job, once the pipeline has scheduled it. */
  Optional<Job> job() {
    return Optional.ofNullable(job);
  }

  /**
   * Whether SageMaker has created the job: the {@code .sync} task was submitted (until then
   * SageMaker does not know its name, and a create that SageMaker refused never gets there).
   */
  boolean jobCreated() {
    return created;
  }

  private static boolean isSubmitted(HistoryEvent e) {
    return (e.type() == HistoryEventType.TASK_SUBMITTED
            && e.taskSubmittedEventDetails() != null
            && "sagemaker".equals(e.taskSubmittedEventDetails().resourceType()))
        || (e.type() == HistoryEventType.TASK_SUCCEEDED
            && e.taskSucceededEventDetails() != null
            && "sagemaker".equals(e.taskSucceededEventDetails().resourceType())
            && e.taskSucceededEventDetails().resource().endsWith(".sync"));
  }

  /** The job a {@code TaskScheduled} event of a SageMaker {@code .sync} task starts. */
  static Optional<Job> jobOf(HistoryEvent e) {
    if (e.type() != HistoryEventType.TASK_SCHEDULED
        || e.taskScheduledEventDetails() == null
        || !"sagemaker".equals(e.taskScheduledEventDetails().resourceType())) {
      return Optional.empty();
    }
    String resource = e.taskScheduledEventDetails().resource();
    Pipeline kind =
        switch (resource) {
          case "createTrainingJob.sync" -> Pipeline.TRAINING;
          case "createHyperParameterTuningJob.sync" -> Pipeline.TUNING;
          case "createTransformJob.sync" -> Pipeline.TRANSFORM;
          default -> null;
        };
    if (kind == null) {
      return Optional.empty();
    }
    JsonNode request = parse(e.taskScheduledEventDetails().parameters());
    String name = request.path(kind.jobNameField()).asText("");
    return name.isEmpty() ? Optional.empty() : Optional.of(new Job(kind, name, request));
  }

  /** {@code text} as JSON; an empty object when it is missing or not JSON. */
  static JsonNode parse(String text) {
    if (text == null || text.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
