package io.classroomml.runtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemakerruntime.model.ModelErrorException;

/**
 * {@code invoke --endpoint NAME [--endpoint-url URL] [--region R] [--top-k K] [--accept TYPE]
 * FILE...}: sends each file as one request and prints the classes. Without {@code --endpoint-url}
 * it calls AWS with the default credentials; with it, the local gateway.
 */
public final class InvokeCommand {

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

  private InvokeCommand() {}

  /** Runs the command; returns the exit status (0 all sent, 1 a request failed, 2 usage). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String endpoint = null;
    String endpointUrl = null;
    String region = null;
    String accept = "application/json";
    String topK = null;
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String next = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--endpoint" -> endpoint = next;
        case "--endpoint-url" -> endpointUrl = next;
        case "--region" -> region = next;
        case "--accept" -> accept = next;
        case "--top-k" -> topK = next;
        default -> {
          if (args[i].startsWith("--")) {
            return usage(err, "unknown option " + args[i]);
          }
          files.add(Path.of(args[i]));
          continue;
        }
      }
      if (next == null) {
        return usage(err, args[i] + " needs a value");
      }
      i++;
    }
    if (endpoint == null || files.isEmpty()) {
      return usage(err, "--endpoint and at least one file are required");
    }
    Region signingRegion =
        region != null
            ? Region.of(region)
            : Optional.ofNullable(System.getenv("AWS_REGION"))
                .map(Region::of)
                .orElse(InvokeClient.LOCAL_REGION);
    int status = 0;
    try (InvokeClient client =
        endpointUrl != null
            ? InvokeClient.local(URI.create(endpointUrl))
            : InvokeClient.aws(signingRegion)) {
      for (Path file : files) {
        status = Math.max(status, invokeOne(client, endpoint, file, accept, topK, out, err));
      }
    }
    return status;
  }

  private static int invokeOne(
      InvokeClient client,
      String endpoint,
      Path file,
      String accept,
      String topK,
      PrintStream out,
      PrintStream err) {
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
          client.invoke(endpoint, body, contentType, accept, topK == null ? null : "top_k=" + topK);
      print(file, answer, out);
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

  private static void print(Path file, InvokeClient.Invocation answer, PrintStream out)
      throws IOException {
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

  private static int usage(PrintStream err, String problem) {
    err.println("invoke: " + problem);
    err.println(
        "usage: invoke --endpoint NAME [--endpoint-url http://127.0.0.1:8090] [--region R]"
            + " [--top-k K] [--accept TYPE] FILE...");
    return 2;
  }
}
