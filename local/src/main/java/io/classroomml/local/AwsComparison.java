package io.classroomml.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What a local run's jobs would cost on AWS if each took as long there as here, from the project's
 * dated price table and the classroom's settings in {@code cdk.json} (region, training and endpoint
 * instance types): the side-by-side numbers of the run report. On-demand prices, before the spot
 * discount (which SageMaker reports per job, up to 90 %), so an upper bound for a job of that
 * length; a GPU instance is usually much faster than this machine's CPU, so a real AWS run is
 * shorter.
 *
 * @param region the classroom's region
 * @param trainingType the training instance type
 * @param trainingPerHour its on-demand price, USD per hour
 * @param hostingType the endpoint instance type
 * @param hostingPerHour its price, USD per hour
 * @param asOf the price table's date
 */
record AwsComparison(
    String region,
    String trainingType,
    double trainingPerHour,
    String hostingType,
    double hostingPerHour,
    String asOf) {

  static final String PRICES = "infra/src/main/resources/io/classroomml/infra/cost/prices.json";

  /** Reads {@code cdk.json} and the price table under {@code root}; empty if either is missing. */
  static Optional<AwsComparison> load(Path root) {
    try {
      ObjectMapper json = new ObjectMapper();
      JsonNode context = json.readTree(Files.readString(root.resolve("cdk.json"))).path("context");
      JsonNode prices = json.readTree(Files.readString(root.resolve(PRICES)));
      String region = text(context, "region", "us-east-1");
      String training = text(context, "trainingInstanceType", "ml.m5.large");
      String hosting = text(context, "endpointInstanceType", "ml.m5.large");
      JsonNode r = prices.path("regions").path(region);
      double trainingPrice = r.path("training").path(training).asDouble(Double.NaN);
      double hostingPrice = r.path("hosting").path(hosting).asDouble(Double.NaN);
      if (Double.isNaN(trainingPrice) || Double.isNaN(hostingPrice)) {
        return Optional.empty();
      }
      return Optional.of(
          new AwsComparison(
              region,
              training,
              trainingPrice,
              hosting,
              hostingPrice,
              prices.path("asOf").asText()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String text(JsonNode node, String field, String fallback) {
    String value = node.path(field).asText("");
    return value.isBlank() ? fallback : value;
  }

  /** USD for {@code seconds} of training. */
  double training(double seconds) {
    return trainingPerHour * seconds / 3600;
  }

  /** USD for {@code seconds} of one endpoint instance. */
  double hosting(double seconds) {
    return hostingPerHour * seconds / 3600;
  }

  /** One Markdown line naming the assumptions. */
  String assumptions() {
    return String.format(
        Locale.ROOT,
        "%s, training on %s at $%.4f/h, endpoints on %s at $%.4f/h (on-demand, prices as of %s,"
            + " before any spot discount)",
        region,
        trainingType,
        trainingPerHour,
        hostingType,
        hostingPerHour,
        asOf);
  }
}
