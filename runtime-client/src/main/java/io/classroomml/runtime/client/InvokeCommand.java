package io.classroomml.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.runtime.HelpOption;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * {@code invoke --endpoint NAME [--endpoint-url URL] [--region R] [--top-k K] [--accept TYPE]
 * FILE...}: sends each file as one request and prints the classes. Without {@code --endpoint-url}
 * it calls AWS with the default credentials; with it, the local gateway.
 */
@Command(
    name = "invoke",
    description = {
      "Sends each file to a SageMaker endpoint with the AWS SDK v2 client and prints the classes.",
      "File types by extension: .jpg .jpeg .png .npy .json .jsonl .bin (CIFAR-10 records)."
    })
public final class InvokeCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  /** Content types by file extension. */
  static final Map<String, String> TYPES =
      Map.of(
          "jpg", "image/jpeg",
          "jpeg", "image/jpeg",
          "png", "image/png",
          "npy", "application/x-npy",
          "json", "application/json",
          "jsonl", "application/jsonlines",
          "bin", "application/octet-stream");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(
      names = "--endpoint",
      paramLabel = "NAME",
      required = true,
      description = "the endpoint's name")
  String endpoint;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "a local runtime gateway, e.g. http://127.0.0.1:8090 (default: AWS)")
  URI endpointUrl;

  @Option(
      names = "--region",
      paramLabel = "R",
      description = "the AWS region (default: AWS_REGION)")
  String region;

  @Option(
      names = "--top-k",
      paramLabel = "K",
      description = "classes listed per image (the custom attribute top_k=K)")
  Integer topK;

  @Option(
      names = "--accept",
      paramLabel = "TYPE",
      defaultValue = "application/json",
      description = "the answer's content type (default: ${DEFAULT-VALUE})")
  String accept;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "the files to send")
  List<Path> files = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  private InvokeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** The command line, printing answers to {@code out} and problems and usage to {@code err}. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    return new CommandLine(new InvokeCommand(out, err))
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true));
  }

  /** Runs the command; returns the exit status (0 all sent, 1 a request failed, 2 usage). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    return commandLine(out, err).execute(args);
  }

  @Override
  public Integer call() {
    Region signingRegion =
        region != null
            ? Region.of(region)
            : Optional.ofNullable(System.getenv("AWS_REGION"))
                .map(Region::of)
                .orElse(InvokeClient.LOCAL_REGION);
    String attributes = topK == null ? null : "top_k=" + topK;
    int status = 0;
    try (InvokeClient client =
        endpointUrl != null ? InvokeClient.local(endpointUrl) : InvokeClient.aws(signingRegion)) {
      for (Path file : files) {
        status = Math.max(status, invokeOne(client, file, attributes));
      }
    }
    return status;
  }

  private int invokeOne(InvokeClient client, Path file, String attributes) {
    String name = file.getFileName().toString();
    String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String contentType = TYPES.get(extension);
    if (contentType == null) {
      err.println(file + ": unknown extension; use one of " + TYPES.keySet());
      return 1;
    }
    try {
      byte[] body = Files.readAllBytes(file);
      InvokeClient.Invocation answer =
          client.invoke(endpoint, body, contentType, accept, attributes);
      print(file, answer);
      return 0;
    } catch (ModelErrorException e) {
      err.println(
          file + ": the model answered " + e.originalStatusCode() + ": " + e.originalMessage());
      return 1;
    } catch (SdkException e) {
      err.println(file + ": " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println(file + ": cannot read: " + e.getMessage());
      return 1;
    }
  }

  private void print(Path file, InvokeClient.Invocation answer) throws IOException {
    String text = new String(answer.body(), StandardCharsets.UTF_8);
    if (answer.contentType() == null || !answer.contentType().startsWith("application/json")) {
      out.print(file + ":\n" + text);
      return;
    }
    JsonNode predictions = JSON.readTree(text).path("predictions");
    for (int i = 0; i < predictions.size(); i++) {
      StringBuilder line = new StringBuilder(file.toString());
      if (predictions.size() > 1) {
        line.append('[').append(i).append(']');
      }
      for (JsonNode ranked : predictions.get(i).path("topK")) {
        line.append(
            String.format(
                Locale.ROOT,
                "\t%s %.4f",
                ranked.path("label").asText(),
                ranked.path("probability").asDouble()));
      }
      out.println(line);
    }
  }
}
