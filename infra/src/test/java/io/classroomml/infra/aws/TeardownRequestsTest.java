package io.classroomml.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.ServiceModel;
import io.classroomml.testing.aws.ShapeValidator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The requests the teardown function (teardown.py) sends, checked like the templates: each boto3
 * call, with the values its environment gives it in a synthesized stack, against the operation's
 * botocore input shape; and the function's role, as synthesized, allowing each call's IAM action on
 * the resource it touches (tagged as the student's). The calls are written down here because the
 * script builds some of them dynamically; each must still appear in the script.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class TeardownRequestsTest {

  private static final String STACK = "Classroom-alice";
  private static final String SUFFIX = "0a1b2c3d4e5f";

  /** One boto3 call: where it appears, the botocore operation, its request, IAM action, ARN. */
  record Call(
      String inScript,
      String service,
      String operation,
      ObjectNode request,
      String action,
      String arn) {}

  private Assembly assembly;
  private String script;
  private Map<String, String> env;
  private List<JsonNode> roleStatements;

  @BeforeAll
  void synthesize() throws IOException {
    // With Studio notebooks, so that the apps and spaces the function deletes are checked too.
    assembly = Classrooms.synthesize(Classrooms.context(TeardownNotebookOrderTest.NOTEBOOKS));
    try (InputStream in =
        io.classroomml.infra.Classroom.class.getResourceAsStream("constructs/teardown.py")) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    JsonNode template = assembly.template(STACK);
    CfnResolver resolver = new CfnResolver(assembly, STACK);
    JsonNode properties = template.path("Resources").path(function(template)).path("Properties");
    env = environment(assembly);
    String role = properties.path("Role").path("Fn::GetAtt").path(0).asText();
    roleStatements = RoleStatements.of(template, resolver).get(role);
  }

  private static String function(JsonNode template) {
    String function = null;
    for (var it = template.path("Resources").fields(); it.hasNext(); ) {
      var e = it.next();
      if (e.getValue().path("Type").asText().equals("AWS::Lambda::Function")
          && e.getKey().startsWith("Teardown")) {
        function = e.getKey();
      }
    }
    return function;
  }

  /** The cleanup function's environment in alice's stack, resolved. */
  @SuppressWarnings("unchecked")
  static Map<String, String> environment(Assembly assembly) {
    JsonNode template = assembly.template(STACK);
    JsonNode properties = template.path("Resources").path(function(template)).path("Properties");
    return AwsModels.JSON.convertValue(
        new CfnResolver(assembly, STACK).resolve(properties.path("Environment").path("Variables")),
        Map.class);
  }

  @Test
  void everyCall_matchesItsOperationsInputShape() {
    List<Finding> findings = new ArrayList<>();
    for (Call call : calls()) {
      assertThat(script).as("teardown.py calls %s", call.inScript()).contains(call.inScript());
      ServiceModel model = AwsModels.service(call.service()).orElseThrow();
      String operation =
          model.operation(call.operation()).orElseThrow(() -> new AssertionError(call.operation()));
      Findings f = new Findings(findings, "teardown.py", call.inScript());
      new ShapeValidator(model, f, false)
          .validate(model.input(operation).orElseThrow(), call.request(), "request");
    }
    assertThat(findings).as(Findings.report(findings)).isEmpty();
  }

  @Test
  void theFunctionsRole_allowsEveryCallOnTheStudentsOwnResources() {
    List<String> missing = new ArrayList<>();
    Map<String, String> context =
        Map.of(
            "aws:ResourceTag/" + env.get("TAG_KEY"),
            env.get("STUDENT"),
            "iam:PolicyARN",
            env.get("DENY_POLICY"));
    for (Call call : calls()) {
      if (!Grants.allows(roleStatements, call.action(), call.arn(), context)) {
        missing.add(call.inScript() + " needs " + call.action() + " on " + call.arn());
      }
    }
    assertThat(missing).as(String.join("\n", missing)).isEmpty();
  }

  @Test
  void aStatusFilterSageMakerDoesNotKnow_wouldBeCaught() {
    ServiceModel model = AwsModels.service("sagemaker").orElseThrow();
    Findings findings = Findings.detached("teardown.py", "list_training_jobs");
    new ShapeValidator(model, findings, false)
        .validate(
            "ListTrainingJobsRequest",
            request("NameContains", "alice--", "StatusEquals", "Running"),
            "request");
    assertThat(findings.list())
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("'Running'", "InProgress"));
  }

  private List<Call> calls() {
    String prefix = env.get("PREFIX");
    String sagemaker = "arn:aws:sagemaker:" + assembly.region() + ":" + assembly.account() + ":";
    String training = prefix + "train-" + SUFFIX;
    String tuning = prefix + "tune-" + SUFFIX;
    String transform = prefix + "transform-" + SUFFIX;
    String model = env.get("MODELS") + SUFFIX;
    String role = env.get("ROLES").split(",")[0];
    String roleArn = "arn:aws:iam::" + assembly.account() + ":role/" + role;
    String bucket = env.get("BUCKETS").split(",")[0];
    List<Call> calls = new ArrayList<>();
    for (String[] list :
        new String[][] {
          {"list_training_jobs", "ListTrainingJobs"},
          {"list_hyper_parameter_tuning_jobs", "ListHyperParameterTuningJobs"},
          {"list_transform_jobs", "ListTransformJobs"}
        }) {
      calls.add(
          new Call(
              list[0],
              "sagemaker",
              list[1],
              request("NameContains", prefix, "StatusEquals", "InProgress"),
              "sagemaker:" + list[1],
              "*"));
    }
    calls.add(
        new Call(
            "list_models",
            "sagemaker",
            "ListModels",
            request("NameContains", env.get("MODELS")),
            "sagemaker:ListModels",
            "*"));
    for (String arn :
        List.of(
            sagemaker + "training-job/" + training,
            sagemaker + "hyper-parameter-tuning-job/" + tuning,
            sagemaker + "transform-job/" + transform,
            sagemaker + "model/" + model)) {
      calls.add(
          new Call(
              "sm.list_tags(ResourceArn=",
              "sagemaker",
              "ListTags",
              request("ResourceArn", arn),
              "sagemaker:ListTags",
              arn));
    }
    calls.add(
        new Call(
            "stop_training_job",
            "sagemaker",
            "StopTrainingJob",
            request("TrainingJobName", training),
            "sagemaker:StopTrainingJob",
            sagemaker + "training-job/" + training));
    calls.add(
        new Call(
            "stop_hyper_parameter_tuning_job",
            "sagemaker",
            "StopHyperParameterTuningJob",
            request("HyperParameterTuningJobName", tuning),
            "sagemaker:StopHyperParameterTuningJob",
            sagemaker + "hyper-parameter-tuning-job/" + tuning));
    calls.add(
        new Call(
            "stop_transform_job",
            "sagemaker",
            "StopTransformJob",
            request("TransformJobName", transform),
            "sagemaker:StopTransformJob",
            sagemaker + "transform-job/" + transform));
    calls.add(
        new Call(
            "sm.delete_model(ModelName=",
            "sagemaker",
            "DeleteModel",
            request("ModelName", model),
            "sagemaker:DeleteModel",
            sagemaker + "model/" + model));
    if (env.containsKey("ENDPOINT")) {
      calls.add(
          new Call(
              "sm.delete_endpoint(EndpointName=",
              "sagemaker",
              "DeleteEndpoint",
              request("EndpointName", env.get("ENDPOINT")),
              "sagemaker:DeleteEndpoint",
              sagemaker + "endpoint/" + env.get("ENDPOINT")));
    }
    if (env.containsKey("DOMAIN")) {
      calls.addAll(notebookCalls(sagemaker));
    }
    calls.add(
        new Call(
            "iam.attach_role_policy(",
            "iam",
            "AttachRolePolicy",
            request("RoleName", role, "PolicyArn", env.get("DENY_POLICY")),
            "iam:AttachRolePolicy",
            roleArn));
    calls.add(
        new Call(
            "list_attached_role_policies",
            "iam",
            "ListAttachedRolePolicies",
            request("RoleName", role),
            "iam:ListAttachedRolePolicies",
            roleArn));
    calls.add(
        new Call(
            "iam.detach_role_policy(",
            "iam",
            "DetachRolePolicy",
            request("RoleName", role, "PolicyArn", env.get("DENY_POLICY")),
            "iam:DetachRolePolicy",
            roleArn));
    // boto3's resource collection: ListObjectVersions, then DeleteObjects per page
    calls.add(
        new Call(
            "object_versions.delete()",
            "s3",
            "ListObjectVersions",
            request("Bucket", bucket),
            "s3:ListBucketVersions",
            "arn:aws:s3:::" + bucket));
    ObjectNode delete = request("Bucket", bucket);
    delete
        .putObject("Delete")
        .putArray("Objects")
        .addObject()
        .put("Key", "training/x")
        .put("VersionId", "v1");
    calls.add(
        new Call(
            "object_versions.delete()",
            "s3",
            "DeleteObjects",
            delete,
            "s3:DeleteObjectVersion",
            "arn:aws:s3:::" + bucket + "/training/x"));
    return calls;
  }

  /** Apps (of the profile and of a space of the student's), then spaces, of alice's notebooks. */
  private List<Call> notebookCalls(String sagemaker) {
    String domain = env.get("DOMAIN");
    String profile = env.get("PROFILE");
    String space = env.get("PREFIX") + "my-space";
    List<Call> calls = new ArrayList<>();
    calls.add(
        new Call(
            "list_spaces",
            "sagemaker",
            "ListSpaces",
            request("DomainIdEquals", domain),
            "sagemaker:ListSpaces",
            "*"));
    for (String[] by :
        new String[][] {{"UserProfileNameEquals", profile}, {"SpaceNameEquals", space}}) {
      calls.add(
          new Call(
              "list_apps",
              "sagemaker",
              "ListApps",
              request("DomainIdEquals", domain, by[0], by[1]),
              "sagemaker:ListApps",
              "*"));
    }
    for (String[] owner : new String[][] {{"UserProfileName", profile}, {"SpaceName", space}}) {
      calls.add(
          new Call(
              "sm.delete_app(",
              "sagemaker",
              "DeleteApp",
              request(
                  "DomainId",
                  domain,
                  "AppType",
                  "JupyterLab",
                  "AppName",
                  "default",
                  owner[0],
                  owner[1]),
              "sagemaker:DeleteApp",
              sagemaker + "app/" + domain + "/" + owner[1] + "/jupyterlab/default"));
    }
    calls.add(
        new Call(
            "sm.delete_space(",
            "sagemaker",
            "DeleteSpace",
            request("DomainId", domain, "SpaceName", space),
            "sagemaker:DeleteSpace",
            sagemaker + "space/" + domain + "/" + space));
    return calls;
  }

  private static ObjectNode request(String... pairs) {
    ObjectNode request = AwsModels.JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      request.put(pairs[i], pairs[i + 1]);
    }
    return request;
  }
}
