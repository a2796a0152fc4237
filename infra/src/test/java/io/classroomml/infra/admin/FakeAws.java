package io.classroomml.infra.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.testing.aws.SdkRequestChecker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * AWS at the SDK's HTTP layer: every request the real SDK v2 clients marshal is recorded, checked
 * against the vendored botocore model of its service ({@link SdkRequestChecker}), and answered as
 * AWS documents it (JSON or query-XML; errors the model lists for the operation). Answers are
 * checked against the output shapes too.
 */
final class FakeAws implements SdkHttpClient {

  static final String ACCOUNT = "123456789012";
  static final String ARN = "arn:aws:iam::" + ACCOUNT + ":user/teacher";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One recorded request. */
  record Request(String service, String operation, JsonNode input) {
    @Override
    public String toString() {
      return service + ":" + operation;
    }
  }

  private record Answer(int status, String contentType, String body, Map<String, String> headers) {}

  private final Map<String, Function<JsonNode, Answer>> answers = new HashMap<>();
  final List<Request> requests = new ArrayList<>();
  final List<String> problems = new ArrayList<>();

  /** An account where everything preflight looks for is in place. */
  static FakeAws readyAccount() {
    return new FakeAws()
        .callerIdentity(ACCOUNT)
        .json("ssm", "GetParameter", bootstrapVersion("21"))
        .json(
            "ce",
            "ListCostAllocationTags",
            "{\"CostAllocationTags\": [{\"TagKey\": \"classroom-ml:student\", \"Type\":"
                + " \"UserDefined\", \"Status\": \"Active\"}]}")
        .quotas(
            Map.of(
                "ml.g4dn.xlarge for spot training job usage", 16.0,
                "ml.m5.large for transform job usage", 4.0,
                "ml.m5.large for endpoint usage", 8.0))
        .json("ecr", "DescribeImages", "{\"imageDetails\": []}")
        .json("sagemaker", "ListTrainingJobs", "{\"TrainingJobSummaries\": []}")
        .json(
            "sagemaker",
            "ListHyperParameterTuningJobs",
            "{\"HyperParameterTuningJobSummaries\": []}")
        .json("sagemaker", "ListTransformJobs", "{\"TransformJobSummaries\": []}")
        .json("sagemaker", "ListEndpoints", "{\"Endpoints\": []}")
        .json("sagemaker", "ListModels", "{\"Models\": []}")
        .json("budgets", "DescribeBudgets", "{\"Budgets\": []}")
        .json("resourcegroupstaggingapi", "GetResources", "{\"ResourceTagMappingList\": []}");
  }

  static String bootstrapVersion(String version) {
    return "{\"Parameter\": {\"Name\": \"/cdk-bootstrap/hnb659fds/version\", \"Type\": \"String\","
        + " \"Value\": \""
        + version
        + "\", \"Version\": 1}}";
  }

  /** Clients on this fake with fixed test credentials. */
  AwsClients clients() {
    return AwsClients.using(
        this,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
  }

  /** STS GetCallerIdentity for {@code account} (query protocol: XML). */
  FakeAws callerIdentity(String account) {
    String arn = "arn:aws:iam::" + account + ":user/teacher";
    check(
        "sts",
        "GetCallerIdentity",
        "{\"UserId\": \"AIDAEXAMPLE\", \"Account\": \""
            + account
            + "\", \"Arn\": \""
            + arn
            + "\"}");
    String xml =
        "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
            + "<GetCallerIdentityResult><Arn>"
            + arn
            + "</Arn><UserId>AIDAEXAMPLE</UserId>"
            + "<Account>"
            + account
            + "</Account></GetCallerIdentityResult>"
            + "<ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId>"
            + "</ResponseMetadata></GetCallerIdentityResponse>";
    answers.put("sts:GetCallerIdentity", in -> new Answer(200, "text/xml", xml, Map.of()));
    return this;
  }

  /** A JSON answer to {@code service:operation}, checked against its output shape. */
  FakeAws json(String service, String operation, String body) {
    check(service, operation, body);
    answers.put(
        service + ":" + operation,
        in -> new Answer(200, "application/x-amz-json-1.1", body, Map.of()));
    return this;
  }

  /** A JSON answer computed from the request. */
  FakeAws json(String service, String operation, Function<JsonNode, String> body) {
    answers.put(
        service + ":" + operation,
        in -> {
          String b = body.apply(in);
          check(service, operation, b);
          return new Answer(200, "application/x-amz-json-1.1", b, Map.of());
        });
    return this;
  }

  /** A JSON-protocol error the model lists for the operation. */
  FakeAws error(String service, String operation, int status, String code, String message) {
    if (!SdkRequestChecker.declaresError(service, operation, code)) {
      problems.add(service + " " + operation + " never answers " + code + " (not in its model)");
    }
    String body = "{\"__type\": \"" + code + "\", \"message\": \"" + message + "\"}";
    answers.put(
        service + ":" + operation,
        in ->
            new Answer(
                status, "application/x-amz-json-1.1", body, Map.of("x-amzn-ErrorType", code)));
    return this;
  }

  /** SageMaker's applied quotas by name (ListServiceQuotas; no defaults beyond them). */
  FakeAws quotas(Map<String, Double> quotas) {
    StringBuilder list = new StringBuilder("{\"Quotas\": [");
    int i = 0;
    for (Map.Entry<String, Double> q : quotas.entrySet()) {
      list.append(i++ == 0 ? "" : ",")
          .append("{\"ServiceCode\": \"sagemaker\", \"QuotaCode\": \"L-0000000")
          .append(i)
          .append("\", \"QuotaName\": \"")
          .append(q.getKey())
          .append("\", \"Value\": ")
          .append(q.getValue())
          .append(", \"Adjustable\": true}");
    }
    list.append("]}");
    json("service-quotas", "ListServiceQuotas", list.toString());
    return json("service-quotas", "ListAWSDefaultServiceQuotas", "{\"Quotas\": []}");
  }

  /** The operations called, in order, as {@code service:Operation}. */
  List<String> calls() {
    return requests.stream().map(Request::toString).toList();
  }

  private void check(String service, String operation, String body) {
    try {
      SdkRequestChecker.checkOutput(service, operation, JSON.readTree(body), problems);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() throws IOException {
        String body = "";
        if (request.contentStreamProvider().isPresent()) {
          try (InputStream in = request.contentStreamProvider().get().newStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
        String service = service(request.httpRequest().host());
        Optional<String> target = request.httpRequest().firstMatchingHeader("X-Amz-Target");
        Optional<SdkRequestChecker.Call> call =
            SdkRequestChecker.check(service, target, body, problems);
        String operation = call.map(SdkRequestChecker.Call::operation).orElse("?");
        JsonNode input = call.map(SdkRequestChecker.Call::input).orElse(JSON.createObjectNode());
        requests.add(new Request(service, operation, input));
        Function<JsonNode, Answer> answer = answers.get(service + ":" + operation);
        Answer a =
            answer == null
                ? new Answer(
                    400,
                    "application/x-amz-json-1.1",
                    "{\"__type\": \"UnexpectedCall\", \"message\": \"the test expects no "
                        + service
                        + ":"
                        + operation
                        + "\"}",
                    Map.of())
                : answer.apply(input);
        if (answer == null) {
          problems.add("unexpected call " + service + ":" + operation);
        }
        SdkHttpResponse.Builder response =
            SdkHttpResponse.builder()
                .statusCode(a.status())
                .putHeader("Content-Type", a.contentType())
                .putHeader("x-amzn-RequestId", "01234567-89ab-cdef-0123-456789abcdef");
        a.headers().forEach(response::putHeader);
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        response.putHeader("Content-Length", Integer.toString(bytes.length));
        return HttpExecuteResponse.builder()
            .response(response.build())
            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
            .build();
      }

      @Override
      public void abort() {}
    };
  }

  /** botocore's service name from the endpoint host. */
  private static String service(String host) {
    String first = host.substring(0, host.indexOf('.'));
    return switch (first) {
      case "api" ->
          host.startsWith("api.ecr.")
              ? "ecr"
              : host.startsWith("api.sagemaker.") ? "sagemaker" : first;
      case "servicequotas" -> "service-quotas";
      case "tagging" -> "resourcegroupstaggingapi";
      default -> first;
    };
  }

  @Override
  public void close() {}
}
