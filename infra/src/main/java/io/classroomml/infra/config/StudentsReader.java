package io.classroomml.infra.config;

import io.classroomml.infra.Names;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The class list ({@code students}) and each student's trained model ({@code models}): ids that can
 * name buckets, jobs and IAM prefixes without one student's names reaching another's.
 */
final class StudentsReader {

  private static final Pattern STUDENT_ID =
      Pattern.compile("[a-z]([a-z0-9-]{0," + (Student.MAX_ID_LENGTH - 2) + "}[a-z0-9])?");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s,=]+@[^@\\s,=]+\\.[^@\\s,=]+");
  private static final Pattern MODEL_KEY = Pattern.compile("[A-Za-z0-9!_.*'()/-]+\\.tar\\.gz");

  private final ContextValues values;
  private final Problems problems;

  StudentsReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  /** Every valid student, in the order listed; a problem recorded for each bad entry. */
  List<Student> students() {
    Map<String, String> models = models();
    Optional<String> raw = values.optional(ContextKeys.STUDENTS);
    if (raw.isEmpty()) {
      problems.add(
          ContextKeys.STUDENTS,
          null,
          "list the class as ids, e.g. -c students=alice,bob=bob@uni.edu");
      return List.of();
    }
    List<Student> students = new ArrayList<>();
    Set<String> ids = new LinkedHashSet<>();
    for (String entry : ContextValues.split(raw.get())) {
      String[] parts = entry.split("=", 2);
      String id = parts[0];
      if (!STUDENT_ID.matcher(id).matches()) {
        problems.add(
            ContextKeys.STUDENTS,
            id,
            "a student id is 1 to "
                + Student.MAX_ID_LENGTH
                + " lower-case letters, digits or inner hyphens, starting with a letter (it names"
                + " buckets and jobs); e.g. "
                + suggestId(id));
        continue;
      }
      if (id.contains(Names.SEPARATOR)) {
        problems.add(
            ContextKeys.STUDENTS,
            id,
            "a student id may not contain '"
                + Names.SEPARATOR
                + "': it separates the id from the rest of every job name, so that no student's"
                + " names start with another's; e.g. "
                + id.replaceAll("-+", "-"));
        continue;
      }
      if (!ids.add(id)) {
        problems.add(ContextKeys.STUDENTS, id, "is listed twice; give each student once");
        continue;
      }
      Optional<String> email = Optional.empty();
      if (parts.length == 2) {
        if (!EMAIL.matcher(parts[1]).matches()) {
          problems.add(
              ContextKeys.STUDENTS,
              entry,
              "the part after '=' must be an e-mail address, e.g. " + id + "=" + id + "@uni.edu");
        }
        email = Optional.of(parts[1]);
      }
      students.add(new Student(id, email, Optional.ofNullable(models.get(id))));
    }
    if (ContextValues.split(raw.get()).isEmpty()) {
      problems.add(ContextKeys.STUDENTS, raw.get(), "name at least one student, e.g. alice");
    }
    List<String> overlaps = Names.overlappingPrefixes(List.copyOf(ids));
    if (!overlaps.isEmpty()) {
      problems.add(
          ContextKeys.STUDENTS,
          raw.get(),
          "the names of "
              + String.join("; ", overlaps)
              + " share a prefix, so IAM could not keep these students apart; rename one of each"
              + " pair");
    }
    List<String> twins = Names.searchTwins(List.copyOf(ids));
    if (!twins.isEmpty()) {
      problems.add(
          ContextKeys.STUDENTS,
          raw.get(),
          String.join("; ", twins)
              + " differ only in hyphens between letters and digits, which CloudWatch's metric"
              + " search ignores, so the class dashboard would mix their training graphs; rename"
              + " one of each pair");
    }
    for (String id : models.keySet()) {
      if (!ids.contains(id)) {
        problems.add(
            ContextKeys.MODELS, id, "is not in the class; students are " + String.join(", ", ids));
      }
    }
    return students;
  }

  /** {@code models}: each student's trained model, by student id. */
  private Map<String, String> models() {
    Map<String, String> models = new LinkedHashMap<>();
    for (String entry : values.list(ContextKeys.MODELS)) {
      String[] parts = entry.split("=", 2);
      if (parts.length != 2 || !MODEL_KEY.matcher(parts[1]).matches()) {
        problems.add(
            ContextKeys.MODELS,
            entry,
            "each entry is <student>=<key of model.tar.gz in the student's artifact bucket>, e.g."
                + " alice=training/alice-train-0a1b2c3d4e5f/output/model.tar.gz");
        continue;
      }
      models.put(parts[0], parts[1]);
    }
    return models;
  }

  private static String suggestId(String id) {
    String cleaned = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (cleaned.isEmpty() || !Character.isLetter(cleaned.charAt(0))) {
      cleaned = "s" + cleaned;
    }
    return cleaned.substring(0, Math.min(cleaned.length(), Student.MAX_ID_LENGTH));
  }
}
