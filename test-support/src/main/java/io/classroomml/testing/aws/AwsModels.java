package io.classroomml.testing.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The vendored AWS models under test-support's {@code src/main/resources/aws-models} (see the
 * README there), on the classpath of every module's tests: botocore service models by botocore
 * name, loaded once per JVM, and the IAM Service Authorization Reference by service prefix.
 */
public final class AwsModels {

  /** The JSON reader the model checks share. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final String ROOT = "/aws-models/";
  private static final Map<String, Optional<ServiceModel>> SERVICES = new ConcurrentHashMap<>();
  private static Set<String> prefixes;

  private AwsModels() {}

  /**
   * The botocore model of {@code service} (botocore's name, e.g. {@code sagemaker}), if vendored.
   */
  public static Optional<ServiceModel> service(String service) {
    return SERVICES.computeIfAbsent(
        service, s -> read("botocore/" + s + ".json").map(json -> new ServiceModel(s, json)));
  }

  /**
   * The Service Authorization Reference of service prefix {@code prefix} as published, if vendored
   * (read on every call: the caller keeps what it builds from it).
   */
  public static Optional<JsonNode> iamReference(String prefix) {
    return read("iam/" + prefix.toLowerCase(Locale.ROOT) + ".json");
  }

  /** Whether {@code prefix} is a service prefix AWS publishes at all (vendored or not). */
  public static synchronized boolean knownPrefix(String prefix) {
    if (prefixes == null) {
      Set<String> all = new HashSet<>();
      read("iam/service-prefixes.json")
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no " + ROOT + "iam/service-prefixes.json on the test classpath"))
          .forEach(p -> all.add(p.asText()));
      prefixes = all;
    }
    return prefixes.contains(prefix.toLowerCase(Locale.ROOT));
  }

  private static Optional<JsonNode> read(String path) {
    try (InputStream in = AwsModels.class.getResourceAsStream(ROOT + path)) {
      return in == null ? Optional.empty() : Optional.of(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vendored model " + path, e);
    }
  }
}
