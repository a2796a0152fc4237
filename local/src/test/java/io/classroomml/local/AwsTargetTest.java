package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.local.aws.Answers;
import io.classroomml.local.aws.AwsVerbs;
import io.classroomml.local.aws.FakeAws;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code --target aws} on the command line: the same verbs, options and output, on the stack. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AwsTargetTest {

  private final FakeAws aws = new FakeAws();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LocalCli.commandLine(
            new LocalCli.Context(
                null,
                null,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                AwsVerbs.through(aws, Answers.REGION, Duration.ZERO)))
        .execute(args);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @AfterEach
  void everyRequestFitsAwssModels() {
    assertThat(aws.findings()).isEmpty();
  }

  @Test
  void tune_withTheAwsTarget_startsTheStudentsTuningPipelineAndReportsTheBestTrial() {
    String tuningJob = "s01--tune-0123456789ab";
    String best = tuningJob + "-003-0a1b2c3d";
    String tuning =
        "{\"tuning\":{\"HyperParameterTuningJobStatus\":\"Completed\","
            + "\"TrainingJobStatusCounters\":{\"Completed\":4,\"NonRetryableError\":0,"
            + "\"RetryableError\":0,\"Stopped\":0},\"BestTrainingJob\":{\"TrainingJobName\":\""
            + best
            + "\",\"FinalHyperParameterTuningJobObjectiveMetric\":{\"MetricName\":"
            + "\"validation:accuracy\",\"Value\":0.84},\"TunedHyperParameters\":"
            + "{\"learning_rate\":\"0.01\"}}}}";
    aws.on("DescribeStacks", Answers.stack("CREATE_COMPLETE"))
        .on("StartExecution", Answers.started(Answers.TUNING, "search"))
        .on(
            "DescribeExecution",
            Answers.described(Answers.TUNING, "search", "RUNNING", ""),
            Answers.described(
                Answers.TUNING, "search", "SUCCEEDED", "\"output\":" + Answers.quoted(tuning)))
        .on(
            "GetExecutionHistory",
            Answers.history(
                Answers.entered(2, "Tune"),
                Answers.scheduled(
                    3,
                    "createHyperParameterTuningJob.sync",
                    "{\"HyperParameterTuningJobName\":\"" + tuningJob + "\"}"),
                Answers.submitted(4, "createHyperParameterTuningJob.sync")))
        .on(
            "DescribeHyperParameterTuningJob",
            """
            {"HyperParameterTuningJobName":"%s",
             "HyperParameterTuningJobArn":"arn:aws:sagemaker:eu-west-1:123456789012:hyper-parameter-tuning-job/%s",
             "HyperParameterTuningJobConfig":{"Strategy":"Bayesian",
               "ResourceLimits":{"MaxNumberOfTrainingJobs":4,"MaxParallelTrainingJobs":2}},
             "HyperParameterTuningJobStatus":"InProgress","CreationTime":%s,
             "TrainingJobStatusCounters":{"Completed":2,"InProgress":2},
             "ObjectiveStatusCounters":{"Succeeded":2}}"""
                .formatted(tuningJob, tuningJob, Answers.T0))
        .on("DescribeTrainingJob", Answers.trainingJob("Completed", "Completed", ""));

    int exit = run("tune", "--target", "aws", "--student", "s01", "--name", "search");

    assertThat(exit).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("started execution search of the tuning pipeline")
        .contains("tuning job " + tuningJob + ": InProgress, trials: 2 completed, 2 in progress")
        .contains("tuning job " + tuningJob + ": Completed, 4 trials completed, 0 failed")
        .contains("best: " + best + " (validation:accuracy = 0.8400)");
    assertThat(aws.bodies("StartExecution").get(0).path("stateMachineArn").asText())
        .isEqualTo(Answers.TUNING);
    assertThat(aws.bodies("DescribeTrainingJob").get(0).path("TrainingJobName").asText())
        .isEqualTo(best);
  }

  @Test
  void aMissingStack_endsWithTheMessageAndExitCode2() {
    aws.fail("DescribeStacks", 400, Answers.noStack("Classroom-s99"));

    assertThat(run("list", "--target", "aws", "--student", "s99")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("local list: there is no stack Classroom-s99 in eu-west-1");
  }

  @Test
  void awsOnlyVerbs_withTheLocalTarget_sayWhatLocalModeDoesInstead() {
    assertThat(run("stop", "job-1")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("a local job stops with Ctrl-C");
    assertThat(run("transform", "--model", "job-1")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("local mode has no batch transform");
    assertThat(aws.calls()).isEmpty();
  }

  @Test
  void upload_withoutStudentOrBucket_asksWhichStack() {
    assertThat(run("upload", "--data", "somewhere")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("local upload: which classroom stack? pass --student ID");
  }

  @Test
  void invoke_forAStudent_callsTheirEndpointWithTheirProfile() {
    String before = System.getProperty("aws.profile");
    try {
      assertThat(
              AwsTarget.invokeArgs(
                  List.of("--target", "aws", "--student", "s01", "--profile", "class", "a.png")))
          .containsExactly("--endpoint", "s01--endpoint", "a.png");
      assertThat(System.getProperty("aws.profile")).isEqualTo("class");
    } finally {
      if (before == null) {
        System.clearProperty("aws.profile");
      } else {
        System.setProperty("aws.profile", before);
      }
    }
  }
}
