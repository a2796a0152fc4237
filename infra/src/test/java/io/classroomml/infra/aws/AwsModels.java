package io.classroomml.infra.aws;

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
 * The vendored AWS models under {@code src/test/resources/aws-models} (see the README there),
 * loaded once per JVM: botocore service models by botocore name, IAM reference data by service
 * prefix.
 */
final class AwsModels {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROOT = "/aws-models/";
  private static final Map<String, Optional<ServiceModel>> SERVICES = new ConcurrentHashMap<>();
  private static final Map<String, Optional<IamService>> IAM = new ConcurrentHashMap<>();
  private static Set<String> prefixes;

  private AwsModels() {}

  /**
   * The botocore model of {@code service} (botocore's name, e.g. {@code sagemaker}), if vendored.
   */
  static Optional<ServiceModel> service(String service) {
    return SERVICES.computeIfAbsent(
        service, s -> read("botocore/" + s + ".json").map(json -> new ServiceModel(s, json)));
  }

  /** The Service Authorization Reference of service prefix {@code prefix}, if vendored. */
  static Optional<IamService> iam(String prefix) {
    String key = prefix.toLowerCase(Locale.ROOT);
    return IAM.computeIfAbsent(
        key, p -> read("iam/" + p + ".json").map(json -> new IamService(p, json)));
  }

  /** Whether {@code prefix} is a service prefix AWS publishes at all (vendored or not). */
  static synchronized boolean knownPrefix(String prefix) {
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
