package io.classroomml.local.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.classroomml.testing.aws.AwsModels;
import io.classroomml.testing.aws.SdkRequestChecker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * AWS at the SDK's HTTP layer, for tests: records every request the SDK marshalled (service,
 * operation, body), checks it against the operation's input shape in AWS's vendored models, and
 * answers from a script, one answer per operation call (the last one repeats), each answer checked
 * against the operation's output shape too, so the SDK parses what AWS would send. The checks are
 * test-support's {@link SdkRequestChecker}, the one checker of the requests the project's AWS calls
 * build. JSON protocols (Step Functions, CloudWatch Logs, SageMaker) are told by {@code
 * X-Amz-Target}; query protocols (CloudFormation) by {@code Action=}, their body recorded as the
 * members it sets ({@code Action} and {@code Version} aside).
 */
public final class FakeAws implements SdkHttpClient {

  /** A request as sent: the body as JSON (query parameters as a flat object). */
  public record Call(String service, String operation, JsonNode body) {}

  private record Answer(int status, String body) {}

  private static final Map<String, String> TARGET_PREFIXES =
      Map.of(
          "AWSStepFunctions", "stepfunctions",
          "Logs_20140328", "logs",
          "SageMaker", "sagemaker");

  private final Map<String, Deque<Answer>> script = new HashMap<>();
  private final List<Call> calls = new ArrayList<>();
  private final List<String> findings = new ArrayList<>();

  /** Answers {@code operation} with these JSON (or XML for query services) bodies in turn. */
  public synchronized FakeAws on(String operation, String... bodies) {
    Deque<Answer> answers = script.computeIfAbsent(operation, o -> new ArrayDeque<>());
    for (String body : bodies) {
      answers.add(new Answer(200, body));
    }
    return this;
  }

  /** Answers {@code operation} with an error: its HTTP status and AWS's error body. */
  public synchronized FakeAws fail(String operation, int status, String body) {
    script.computeIfAbsent(operation, o -> new ArrayDeque<>()).add(new Answer(status, body));
    return this;
  }

  /** Every call so far. */
  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  /** The operations called, in order. */
  public synchronized List<String> operations() {
    return calls.stream().map(Call::operation).toList();
  }

  /** The calls of {@code operation}. */
  public synchronized List<JsonNode> bodies(String operation) {
    return calls.stream().filter(c -> c.operation().equals(operation)).map(Call::body).toList();
  }

  /** What the models found wrong with requests or scripted answers, or unscripted calls. */
  public synchronized List<String> findings() {
    return List.copyOf(findings);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        return answer(request.httpRequest(), body(request));
      }

      @Override
      public void abort() {}
    };
  }

  private synchronized HttpExecuteResponse answer(SdkHttpRequest http, String body) {
    Optional<String> target = http.firstMatchingHeader("X-Amz-Target");
    boolean query = target.isEmpty();
    String service =
        query
            ? http.host().split("\\.")[0]
            : target.map(t -> t.split("\\.")[0]).map(p -> TARGET_PREFIXES.getOrDefault(p, p)).get();
    Optional<SdkRequestChecker.Call> call =
        SdkRequestChecker.check(service, target, body, findings);
    String operation = call.map(SdkRequestChecker.Call::operation).orElse("?");
    JsonNode json = call.map(SdkRequestChecker.Call::input).orElse(AwsModels.JSON.nullNode());
    calls.add(new Call(service, operation, json));
    Deque<Answer> answers = script.get(operation);
    Answer answer;
    if (answers == null || answers.isEmpty()) {
      findings.add("unscripted call " + service + " " + operation + " " + json);
      answer = new Answer(500, "{\"__type\":\"InternalFailure\",\"message\":\"unscripted\"}");
    } else {
      answer = answers.size() > 1 ? answers.poll() : answers.peek();
    }
    if (answer.status() == 200 && !query && call.isPresent()) {
      SdkRequestChecker.checkOutput(service, operation, parse(answer.body()), findings);
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    SdkHttpResponse response =
        SdkHttpResponse.builder()
            .statusCode(answer.status())
            .putHeader("Content-Type", query ? "text/xml" : "application/x-amz-json-1.1")
            .putHeader("Content-Length", String.valueOf(bytes.length))
            .putHeader("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
            .build();
    return HttpExecuteResponse.builder()
        .response(response)
        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
        .build();
  }

  private static String body(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return "";
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body.isBlank() ? AwsModels.JSON.createObjectNode() : AwsModels.JSON.readTree(body);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + body, e);
    }
  }

  @Override
  public String clientName() {
    return "FakeAws";
  }

  @Override
  public void close() {}
}
