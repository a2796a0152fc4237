package io.classroomml.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.classroomml.local.job.TrainingJobRecord;
import io.classroomml.local.tune.TuningJobRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The local stand-in for the SageMaker control plane and the S3 output bucket: one folder per
 * training job ({@code training-jobs/<name>/} with its {@code /opt/ml}, log, {@code job.json} and
 * {@code output/model.tar.gz}), one per tuning job, one per endpoint. Jobs are listed and described
 * from here after the command that ran them has ended.
 *
 * @param root the workspace folder
 */
public record Workspace(Path root) {

  /** Environment variable that moves the workspace (default {@code .local} in the project). */
  public static final String HOME_ENV = "CLASSROOM_LOCAL_HOME";

  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** The folder of training job {@code name}. */
  public Path trainingJob(String name) {
    return root.resolve("training-jobs").resolve(name);
  }

  /** The folder of tuning job {@code name}. */
  public Path tuningJob(String name) {
    return root.resolve("tuning-jobs").resolve(name);
  }

  /** The folder of endpoint {@code name}. */
  public Path endpoint(String name) {
    return root.resolve("endpoints").resolve(name);
  }

  /** Writes {@code record} atomically (a reader never sees half a file). */
  public void save(TrainingJobRecord record) {
    write(trainingJob(record.name()).resolve("job.json"), record);
  }

  /** Writes {@code record} atomically. */
  public void save(TuningJobRecord record) {
    write(tuningJob(record.name()).resolve("tuning.json"), record);
  }

  /** The training job {@code name}, if it exists. */
  public Optional<TrainingJobRecord> training(String name) {
    return read(trainingJob(name).resolve("job.json"), TrainingJobRecord.class);
  }

  /** The tuning job {@code name}, if it exists. */
  public Optional<TuningJobRecord> tuning(String name) {
    return read(tuningJob(name).resolve("tuning.json"), TuningJobRecord.class);
  }

  /** Every training job, oldest first. */
  public List<TrainingJobRecord> trainingJobs() {
    return list(root.resolve("training-jobs"), "job.json", TrainingJobRecord.class).stream()
        .sorted(Comparator.comparing(TrainingJobRecord::creationTime))
        .toList();
  }

  /** Every tuning job, oldest first. */
  public List<TuningJobRecord> tuningJobs() {
    return list(root.resolve("tuning-jobs"), "tuning.json", TuningJobRecord.class).stream()
        .sorted(Comparator.comparing(TuningJobRecord::creationTime))
        .toList();
  }

  private static void write(Path file, Object value) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".partial");
      JSON.writeValue(partial.toFile(), value);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  private static <T> Optional<T> read(Path file, Class<T> type) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), type));
    } catch (IOException e) {
      throw new LocalException(file + " is damaged (" + e.getMessage() + "); delete its folder");
    }
  }

  private static <T> List<T> list(Path dir, String fileName, Class<T> type) {
    List<T> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (Stream<Path> jobs = Files.list(dir)) {
      for (Path job : (Iterable<Path>) jobs::iterator) {
        read(job.resolve(fileName), type).ifPresent(found::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }
}
