package io.classroomml.infra.stacks;

import io.classroomml.infra.Names;
import io.classroomml.infra.config.ClassroomConfig;
import io.classroomml.infra.config.ImageDigests;
import io.classroomml.infra.config.Student;
import io.classroomml.infra.constructs.ExecutionRole;
import io.classroomml.infra.constructs.ExecutionRoleProps;
import io.classroomml.infra.constructs.ModelEndpoint;
import io.classroomml.infra.constructs.ModelEndpointProps;
import io.classroomml.infra.constructs.StudentBuckets;
import io.classroomml.infra.constructs.StudentBudget;
import io.classroomml.infra.constructs.StudentNotebook;
import io.classroomml.infra.constructs.StudentNotebookProps;
import io.classroomml.infra.constructs.StudentRole;
import io.classroomml.infra.constructs.StudentRoleProps;
import io.classroomml.infra.constructs.StudentWidgets;
import io.classroomml.infra.constructs.Teardown;
import io.classroomml.infra.constructs.TeardownProps;
import io.classroomml.infra.constructs.TrainingJobRequest;
import io.classroomml.infra.constructs.TrainingPipeline;
import io.classroomml.infra.constructs.TrainingPipelineProps;
import io.classroomml.infra.constructs.TransformPipeline;
import io.classroomml.infra.constructs.TransformPipelineProps;
import io.classroomml.infra.constructs.TuningPipeline;
import io.classroomml.infra.constructs.TuningPipelineProps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * One student's environment, reproducible from the class list: buckets, roles, the training, tuning
 * and batch transform pipelines, the endpoint (when a model is given), the budget with its stop
 * path, alarms and the cleanup of everything the pipelines start outside CloudFormation.
 */
public final class StudentStack extends Stack {

  /** Alarm when the endpoint's 90th-percentile model latency exceeds this (microseconds). */
  static final double LATENCY_ALARM_MICROS = 2_000_000;

  private final ExecutionRole executionRole;
  private final StudentRole studentRole;
  private final StudentBuckets buckets;

  /**
   * @param config the classroom
   * @param student this stack's student
   * @param platform the platform stack with the image repositories
   */
  public StudentStack(
      Construct scope, ClassroomConfig config, Student student, PlatformStack platform) {
    super(
        scope,
        Names.studentStack(student.id()),
        StackProps.builder()
            .stackName(Names.studentStack(student.id()))
            .description("classroom-ml environment of student " + student.id())
            .env(Environment.builder().account(config.account()).region(config.region()).build())
            .build());
    String id = student.id();
    Tags.of(this).add(Names.STUDENT_TAG, id);
    ImageDigests images =
        config
            .images()
            .orElseThrow(() -> new IllegalStateException("student stacks need the image digests"));

    this.buckets = new StudentBuckets(this, "Buckets");
    this.executionRole =
        new ExecutionRole(
            this,
            "ExecutionRole",
            new ExecutionRoleProps(id, buckets, platform.repositoryArns(), config.sharedData()));
    List<String> allowedTypes = allowedTypes(config);
    TrainingJobRequest request =
        new TrainingJobRequest(
            platform.trainingImage(images.training()),
            executionRole.role().getRoleArn(),
            buckets.data().getBucketName(),
            buckets.artifacts().getBucketName(),
            config.sharedData(),
            config.training());
    TrainingPipeline training =
        new TrainingPipeline(
            this,
            "Training",
            new TrainingPipelineProps(
                id,
                request,
                buckets.artifacts(),
                executionRole.role(),
                allowedTypes,
                config.maxConcurrentJobs()));
    TuningPipeline tuning =
        new TuningPipeline(
            this,
            "Tuning",
            new TuningPipelineProps(
                id,
                config.tuningSpec(),
                request,
                buckets.artifacts(),
                executionRole.role(),
                allowedTypes,
                config.maxConcurrentJobs()));
    String inferenceImage = platform.inferenceImage(images.inference());
    TransformPipeline transform =
        new TransformPipeline(
            this,
            "BatchTransform",
            new TransformPipelineProps(
                id,
                inferenceImage,
                buckets.data(),
                buckets.artifacts(),
                executionRole.role(),
                config.transform(),
                allowedTypes,
                config.maxConcurrentJobs()));

    Optional<ModelEndpoint> endpoint =
        student
            .modelKey()
            .map(
                key ->
                    new ModelEndpoint(
                        this,
                        "Endpoint",
                        new ModelEndpointProps(
                            id,
                            inferenceImage,
                            "s3://" + buckets.artifacts().getBucketName() + "/" + key,
                            executionRole.role(),
                            config.endpoint())));

    List<StateMachine> pipelines =
        List.of(training.stateMachine(), tuning.stateMachine(), transform.stateMachine());
    this.studentRole =
        new StudentRole(
            this,
            "StudentRole",
            new StudentRoleProps(id, buckets, pipelines, endpoint.isPresent()));
    StudentBudget budget =
        new StudentBudget(this, "Budget", student, config.budgetUsd(), config.budgetThresholds());
    List<IRole> rolesToDeny = new ArrayList<>();
    rolesToDeny.add(studentRole.role());
    rolesToDeny.add(executionRole.role());
    pipelines.forEach(p -> rolesToDeny.add(p.getRole()));
    Teardown teardown =
        new Teardown(
            this,
            "Teardown",
            new TeardownProps(
                id,
                buckets,
                rolesToDeny,
                budget.denyPolicy(),
                budget.stop(),
                endpoint.map(e -> Names.endpointName(id))));
    platform
        .notebooks()
        .ifPresent(
            domain -> {
              StudentNotebook notebook =
                  new StudentNotebook(
                      this,
                      "Notebook",
                      new StudentNotebookProps(
                          id,
                          domain.domainId(),
                          config.notebooks(),
                          studentRole.role(),
                          buckets,
                          pipelines));
              teardown.coverNotebooks(domain.domainId(), notebook.profile());
              CfnOutput.Builder.create(this, "NotebookProfile")
                  .value(notebook.profile().getUserProfileName())
                  .build();
            });

    SnsAction notify = new SnsAction(budget.alerts());
    alarm("TrainingFailed", training.stateMachine().metricFailed(), 0, notify);
    alarm("TuningFailed", tuning.stateMachine().metricFailed(), 0, notify);
    alarm("TransformFailed", transform.stateMachine().metricFailed(), 0, notify);
    endpoint.ifPresent(
        e -> {
          alarm(
              "EndpointErrors",
              StudentWidgets.endpointMetric(id, "Invocation5XXErrors", "Sum"),
              0,
              notify);
          alarm(
              "EndpointLatency",
              StudentWidgets.endpointMetric(id, "ModelLatency", "p90"),
              LATENCY_ALARM_MICROS,
              notify);
        });

    if (config.studentDashboards()) {
      Dashboard.Builder.create(this, "Dashboard")
          .widgets(
              List.of(StudentWidgets.row(id, config.students().stream().map(Student::id).toList())))
          .build();
    }

    CfnOutput.Builder.create(this, "DataBucket").value(buckets.data().getBucketName()).build();
    CfnOutput.Builder.create(this, "ArtifactsBucket")
        .value(buckets.artifacts().getBucketName())
        .build();
    CfnOutput.Builder.create(this, "StudentRoleArn").value(studentRole.role().getRoleArn()).build();
    CfnOutput.Builder.create(this, "TrainingPipelineArn")
        .value(training.stateMachine().getStateMachineArn())
        .build();
    CfnOutput.Builder.create(this, "TuningPipelineArn")
        .value(tuning.stateMachine().getStateMachineArn())
        .build();
    CfnOutput.Builder.create(this, "TransformPipelineArn")
        .value(transform.stateMachine().getStateMachineArn())
        .build();
  }

  private void alarm(String name, Metric metric, double threshold, SnsAction action) {
    Alarm alarm =
        Alarm.Builder.create(this, name)
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(1)
            .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(action);
  }

  private static List<String> allowedTypes(ClassroomConfig config) {
    if (!config.allowedInstanceTypes().isEmpty()) {
      return config.allowedInstanceTypes().stream().sorted().toList();
    }
    return Stream.of(config.training().instanceType(), config.transform().instanceType())
        .distinct()
        .sorted()
        .toList();
  }

  /** The role SageMaker runs this student's jobs as. */
  public ExecutionRole executionRole() {
    return executionRole;
  }

  /** The role the student works as. */
  public StudentRole studentRole() {
    return studentRole;
  }

  /** The student's buckets. */
  public StudentBuckets buckets() {
    return buckets;
  }
}
