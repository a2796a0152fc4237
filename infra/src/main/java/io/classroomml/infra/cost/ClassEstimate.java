package io.classroomml.infra.cost;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The whole class's worst-case estimate, printed at synth and written to a file.
 *
 * @param region the classroom's region
 * @param pricesAsOf the price table's date
 * @param priceSource where the region's prices come from
 * @param students one estimate per student
 */
public record ClassEstimate(
    String region, String pricesAsOf, String priceSource, List<StudentEstimate> students) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Copies the list. */
  public ClassEstimate {
    students = List.copyOf(students);
  }

  /** The sum over all students. */
  public double totalUsd() {
    return students.stream().mapToDouble(StudentEstimate::totalUsd).sum();
  }

  /** The class's worst case per hour: every student running all they may at once. */
  public double usdPerHour() {
    return students.stream().mapToDouble(StudentEstimate::usdPerHour).sum();
  }

  /** Classes larger than this print one line per student, without the items. */
  static final int DETAILED_UP_TO = 10;

  /** A short human-readable table. */
  public String toText() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Classroom worst-case cost estimate (%s, prices as of %s)%n",
            region,
            pricesAsOf));
    for (StudentEstimate s : students) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-12s $%9.2f of $%.2f budget; at most $%.2f/hour%n",
              s.student(),
              s.totalUsd(),
              s.budgetUsd(),
              s.usdPerHour()));
      if (students.size() > DETAILED_UP_TO) {
        continue;
      }
      for (CostLine line : s.lines()) {
        out.append(
            String.format(
                Locale.ROOT, "    %-22s $%9.2f  %s%n", line.item(), line.usd(), line.formula()));
      }
      for (CostLine line : s.hourly()) {
        out.append(
            String.format(
                Locale.ROOT, "    %-22s $%9.2f/h %s%n", line.item(), line.usd(), line.formula()));
      }
    }
    out.append(
        String.format(
            Locale.ROOT,
            "  %-12s $%9.2f; at most $%.2f/hour with every student running all they may at once%n",
            "class total",
            totalUsd(),
            usdPerHour()));
    return out.toString();
  }

  /** Writes the estimate as JSON to {@code file}, creating its directory. */
  public void writeJson(Path file) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("region", region);
    root.put("pricesAsOf", pricesAsOf);
    root.put("priceSource", priceSource);
    root.put("classTotalUsd", round(totalUsd()));
    root.put("classUsdPerHour", round(usdPerHour()));
    ArrayNode list = root.putArray("students");
    for (StudentEstimate s : students) {
      ObjectNode node = list.addObject();
      node.put("student", s.student());
      node.put("budgetUsd", s.budgetUsd());
      node.put("worstCaseUsd", round(s.totalUsd()));
      node.put("worstCaseUsdPerHour", round(s.usdPerHour()));
      ArrayNode lines = node.putArray("lines");
      if (students.size() > DETAILED_UP_TO) {
        continue;
      }
      for (CostLine line : s.lines()) {
        ObjectNode l = lines.addObject();
        l.put("item", line.item());
        l.put("setting", line.setting());
        l.put("formula", line.formula());
        l.put("usd", round(line.usd()));
      }
      ArrayNode hourly = node.putArray("hourly");
      for (CostLine line : s.hourly()) {
        ObjectNode l = hourly.addObject();
        l.put("item", line.item());
        l.put("setting", line.setting());
        l.put("formula", line.formula());
        l.put("usdPerHour", round(line.usd()));
      }
    }
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    JSON.writeValue(file.toFile(), root);
  }

  private static double round(double usd) {
    return Math.round(usd * 10_000) / 10_000.0;
  }
}
