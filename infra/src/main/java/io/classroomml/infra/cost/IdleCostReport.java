package io.classroomml.infra.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a cloud assembly ({@code cdk.out}) and prints the idle cost per student per day as JSON:
 * each student stack's own idle cost plus an equal share of the platform stack's. Used by {@code
 * scripts/bench-synth} (C1) and {@code scripts/cost-estimate}.
 */
public final class IdleCostReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private IdleCostReport() {}

  /** {@code IdleCostReport <cdk.out> <region>}. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: IdleCostReport <cdk.out directory> <region>");
      System.exit(2);
    }
    System.out.println(JSON.writeValueAsString(report(Path.of(args[0]), args[1])));
  }

  /** The report for the assembly in {@code dir}. */
  @SuppressWarnings("unchecked")
  public static ObjectNode report(Path dir, String region) throws IOException {
    PriceTable prices = PriceTable.bundled();
    IdleCost idle = new IdleCost(prices, region);
    double platform = 0;
    double students = 0;
    double worstStudent = 0;
    int count = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".template.json")).toList()) {
        Map<String, Object> template = JSON.readValue(file.toFile(), Map.class);
        double perDay = idle.totalPerDay((Map<String, Object>) template.get("Resources"));
        if (file.getFileName().toString().startsWith("Classroom-Platform.")) {
          platform += perDay;
        } else {
          students += perDay;
          worstStudent = Math.max(worstStudent, perDay);
          count++;
        }
      }
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("students", count);
    out.put("pricesAsOf", prices.asOf().toString());
    out.put("platformPerDayUsd", platform);
    out.put("studentStacksPerDayUsd", students);
    out.put("worstStudentStackPerDayUsd", worstStudent);
    out.put("perStudentPerDayUsd", count == 0 ? 0 : (students + platform) / count);
    return out;
  }
}
