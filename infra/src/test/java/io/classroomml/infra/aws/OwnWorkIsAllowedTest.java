package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The other half of isolation: the grants still let each party do its own work on its own
 * resources, evaluated on the synthesized policies with {@link Grants}. The student role can start
 * and watch its pipelines, upload data, read its models, see its jobs and their logs and invoke its
 * endpoint; the SageMaker execution role can do what AWS's "CreateTrainingJob API: Execution Role
 * Permissions" lists (read the input, write the model, pull the image, create its log streams and
 * put events, publish metrics in SageMaker's namespaces). A tag or name scope that is too tight
 * shows up here, where the checker alone would only see a policy that is valid but useless.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class OwnWorkIsAllowedTest {

  private static final String STUDENT = "alice";
  private static final String STACK = "Classroom-" + STUDENT;

  private Assembly assembly;
  private Map<String, List<JsonNode>> roles;
  private CfnResolver resolver;
  private final Map<String, String> jobs = new java.util.HashMap<>();

  @BeforeAll
  void synthesize() {
    assembly = Classrooms.synthesize(Classrooms.baseContext());
    resolver = new CfnResolver(assembly, STACK);
    roles = RoleStatements.of(assembly.template(STACK), resolver);
    for (StateMachineChecker.Call call :
        TemplateChecker.withDocumentedInputs(assembly).pipelineCalls(STACK)) {
      call.parameters()
          .fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().endsWith("JobName") || e.getKey().equals("ModelName")) {
                  jobs.put(e.getKey(), e.getValue().asText());
                }
              });
    }
  }

  @Test
  void theStudentRole_startsWatchesAndReadsItsOwnWork() {
    List<String[]> needs = new ArrayList<>();
    for (String machine : ofType("AWS::StepFunctions::StateMachine")) {
      String arn = resolver.arnOf(machine);
      needs.add(need("states:StartExecution", arn));
      needs.add(
          need(
              "states:DescribeExecution", arn.replace(":stateMachine:", ":execution:") + ":run-1"));
    }
    String data = bucket("Data");
    String artifacts = bucket("Artifacts");
    String training = jobs.get("TrainingJobName");
    needs.add(need("s3:PutObject", data + "/train/data_batch_1.bin"));
    needs.add(need("s3:ListBucket", data));
    needs.add(need("s3:GetObject", artifacts + "/training/" + training + "/output/model.tar.gz"));
    needs.add(need("sagemaker:DescribeTrainingJob", sageMaker("training-job", training)));
    needs.add(
        need(
            "sagemaker:DescribeHyperParameterTuningJob",
            sageMaker("hyper-parameter-tuning-job", jobs.get("HyperParameterTuningJobName"))));
    needs.add(
        need(
            "sagemaker:DescribeTransformJob",
            sageMaker("transform-job", jobs.get("TransformJobName"))));
    needs.add(
        need(
            "logs:GetLogEvents",
            logs("/aws/sagemaker/TrainingJobs")
                + ":log-stream:"
                + training
                + "/algo-1-1700000000"));
    for (String endpoint : ofType("AWS::SageMaker::Endpoint")) {
      needs.add(need("sagemaker:InvokeEndpoint", resolver.arnOf(endpoint)));
    }
    assertAllowed(role("StudentRole"), needs);
  }

  @Test
  void theExecutionRole_hasWhatSageMakerNeedsForItsJobsAndEndpoint() {
    List<String[]> needs = new ArrayList<>();
    String artifacts = bucket("Artifacts");
    String training = jobs.get("TrainingJobName");
    String trial = jobs.get("HyperParameterTuningJobName") + "-001-0a1b2c3d";
    needs.add(need("s3:GetObject", "arn:aws:s3:::course-data/cifar10/train/data_batch_1.bin"));
    needs.add(need("s3:ListBucket", "arn:aws:s3:::course-data"));
    needs.add(need("s3:PutObject", artifacts + "/training/" + training + "/output/model.tar.gz"));
    needs.add(need("s3:GetObject", artifacts + "/training/" + training + "/output/model.tar.gz"));
    needs.add(need("ecr:GetAuthorizationToken", "*"));
    needs.add(
        need(
            "ecr:BatchGetImage",
            "arn:aws:ecr:"
                + assembly.region()
                + ":"
                + assembly.account()
                + ":repository/classroom-ml/training"));
    needs.add(
        need(
            "ecr:BatchGetImage",
            "arn:aws:ecr:"
                + assembly.region()
                + ":"
                + assembly.account()
                + ":repository/classroom-ml/inference"));
    needs.add(need("logs:CreateLogGroup", logs("/aws/sagemaker/TrainingJobs")));
    for (String job : List.of(training, trial)) {
      String stream =
          logs("/aws/sagemaker/TrainingJobs") + ":log-stream:" + job + "/algo-1-1700000000";
      needs.add(need("logs:CreateLogStream", stream));
      needs.add(need("logs:PutLogEvents", stream));
    }
    String transform =
        logs("/aws/sagemaker/TransformJobs")
            + ":log-stream:"
            + jobs.get("TransformJobName")
            + "/i-0a1b2c3d4e5f-AZ";
    needs.add(need("logs:CreateLogStream", transform));
    needs.add(need("logs:PutLogEvents", transform));
    for (String endpoint : ofType("AWS::SageMaker::Endpoint")) {
      String stream =
          logs("/aws/sagemaker/Endpoints/" + resolver.physicalName(endpoint))
              + ":log-stream:AllTraffic/i-0a1b2c3d4e5f";
      needs.add(need("logs:CreateLogStream", stream));
      needs.add(need("logs:PutLogEvents", stream));
    }
    needs.add(need("cloudwatch:PutMetricData", "*"));
    assertAllowed(role("ExecutionRole"), needs);
  }

  private void assertAllowed(List<JsonNode> statements, List<String[]> needs) {
    Map<String, String> context =
        Map.of(
            "aws:ResourceTag/classroom-ml:student", STUDENT,
            "s3:prefix", "cifar10/train/",
            "cloudwatch:namespace", "/aws/sagemaker/TrainingJobs");
    List<String> denied = new ArrayList<>();
    for (String[] need : needs) {
      if (!Grants.allows(statements, need[0], need[1], context)) {
        denied.add(need[0] + " on " + need[1]);
      }
    }
    assertThat(denied).as("not allowed:\n" + String.join("\n", denied)).isEmpty();
  }

  private static String[] need(String action, String arn) {
    return new String[] {action, arn};
  }

  private List<JsonNode> role(String prefix) {
    return roles.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no role " + prefix + " in " + roles.keySet()));
  }

  private List<String> ofType(String type) {
    List<String> ids = new ArrayList<>();
    assembly
        .template(STACK)
        .path("Resources")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().path("Type").asText().equals(type)) {
                ids.add(e.getKey());
              }
            });
    return ids;
  }

  private String bucket(String prefix) {
    return ofType("AWS::S3::Bucket").stream()
        .filter(id -> id.startsWith("Buckets" + prefix))
        .map(resolver::arnOf)
        .findFirst()
        .orElseThrow();
  }

  private String sageMaker(String type, String name) {
    return "arn:aws:sagemaker:"
        + assembly.region()
        + ":"
        + assembly.account()
        + ":"
        + type
        + "/"
        + name.toLowerCase(Locale.ROOT);
  }

  private String logs(String group) {
    return "arn:aws:logs:" + assembly.region() + ":" + assembly.account() + ":log-group:" + group;
  }
}
