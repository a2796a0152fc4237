package io.classroomml.infra.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dated price table the cost guard works from ({@value #RESOURCE}): hourly prices per region,
 * usage and instance type, the serverless rate, and the idle price of resources that bill while
 * nothing runs. A type missing from a region's list counts as not offered there, so the table is
 * also the allow-list.
 */
public final class PriceTable {

  /** The classpath resource, next to this class. */
  public static final String RESOURCE = "prices.json";

  private final LocalDate asOf;
  private final Map<String, Region> regions;
  private final Map<String, Double> idlePerDay;
  private final String idleSource;

  private record Region(
      String source, Map<Usage, Map<String, Double>> hourly, OptionalDouble serverless) {}

  private PriceTable(
      LocalDate asOf, Map<String, Region> regions, Map<String, Double> idle, String idleSource) {
    this.asOf = asOf;
    this.regions = regions;
    this.idlePerDay = idle;
    this.idleSource = idleSource;
  }

  /** The table shipped with this build. */
  public static PriceTable bundled() {
    try (InputStream in = PriceTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the infra jar");
      }
      return read(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static PriceTable read(JsonNode root) {
    Map<String, Region> regions = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.get("regions").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode node = entry.getValue();
      Map<Usage, Map<String, Double>> hourly = new LinkedHashMap<>();
      for (Usage usage : Usage.values()) {
        Map<String, Double> prices = new TreeMap<>();
        JsonNode list = node.path(usage.key());
        list.fields().forEachRemaining(p -> prices.put(p.getKey(), p.getValue().asDouble()));
        hourly.put(usage, Map.copyOf(prices));
      }
      OptionalDouble serverless =
          node.has("serverlessPerGbSecond")
              ? OptionalDouble.of(node.get("serverlessPerGbSecond").asDouble())
              : OptionalDouble.empty();
      regions.put(entry.getKey(), new Region(node.get("source").asText(), hourly, serverless));
    }
    Map<String, Double> idle = new TreeMap<>();
    JsonNode idleNode = root.get("idlePerDay");
    idleNode
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isNumber()) {
                idle.put(e.getKey(), e.getValue().asDouble());
              }
            });
    return new PriceTable(
        LocalDate.parse(root.get("asOf").asText()), regions, idle, idleNode.get("source").asText());
  }

  /** The day the prices were read. */
  public LocalDate asOf() {
    return asOf;
  }

  /** The regions with prices. */
  public Set<String> regions() {
    return regions.keySet();
  }

  /** Where the region's prices come from. */
  public String source(String region) {
    return regions.get(region).source();
  }

  /** Where the idle prices come from. */
  public String idleSource() {
    return idleSource;
  }

  /** USD per instance-hour of {@code type} for {@code usage} in {@code region}, if offered. */
  public OptionalDouble hourly(String region, Usage usage, String type) {
    Region r = regions.get(region);
    Double price = r == null ? null : r.hourly().get(usage).get(type);
    return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
  }

  /** The instance types offered for {@code usage} in {@code region}, by name. */
  public Set<String> instanceTypes(String region, Usage usage) {
    Region r = regions.get(region);
    return r == null ? Set.of() : new java.util.TreeSet<>(r.hourly().get(usage).keySet());
  }

  /** The cheapest type for {@code usage} in {@code region} matching {@code gpu}, if any. */
  public Optional<String> cheapest(String region, Usage usage, boolean gpu) {
    Region r = regions.get(region);
    if (r == null) {
      return Optional.empty();
    }
    return r.hourly().get(usage).entrySet().stream()
        .filter(e -> InstanceTypes.isGpu(e.getKey()) == gpu)
        .min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
        .map(Map.Entry::getKey);
  }

  /** USD per GB-second of a serverless endpoint in {@code region}, if known. */
  public OptionalDouble serverlessPerGbSecond(String region) {
    Region r = regions.get(region);
    return r == null ? OptionalDouble.empty() : r.serverless();
  }

  /**
   * What one resource of CloudFormation type {@code type} costs per day while nothing runs, if it
   * costs anything idle (alarms, dashboards, budgets, keys).
   */
  public OptionalDouble idlePerDay(String type) {
    Double price = idlePerDay.get(type);
    return price == null ? OptionalDouble.empty() : OptionalDouble.of(price);
  }
}
