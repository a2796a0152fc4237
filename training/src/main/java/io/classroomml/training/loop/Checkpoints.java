package io.classroomml.training.loop;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.classroomml.reports.EpochStats;
import io.classroomml.reports.StepStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Checkpoints in {@code /opt/ml/checkpoints}, which SageMaker syncs to S3 and copies back when a
 * (spot) job restarts. Each checkpoint is a folder written under a temporary name and renamed into
 * place, then {@value #LATEST} is replaced the same way, so a job killed at any moment leaves
 * either the old or the new checkpoint complete. The two newest folders are kept.
 */
final class Checkpoints {

  static final String LATEST = "latest";
  private static final String STATE = "state.json";
  private static final String OPTIMIZER = "optimizer.ndlist";
  private static final String AVERAGE = "average.ndlist";
  private static final String WEIGHTS_PREFIX = "weights";
  private static final int KEEP = 2;

  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  /**
   * Where training stands.
   *
   * @param nextEpoch zero-based epoch to run next
   * @param nextStep zero-based step of that epoch to run next
   * @param globalStep optimiser steps taken so far
   * @param epochs finished epochs
   * @param bestAccuracy best validation accuracy so far (early stopping)
   * @param epochsWithoutImprovement epochs since the best (early stopping)
   * @param fingerprint what must match for a resume: architecture and data geometry
   * @param steps the training curve within epochs so far (null in older checkpoints)
   */
  record State(
      int nextEpoch,
      int nextStep,
      long globalStep,
      List<EpochStats> epochs,
      double bestAccuracy,
      int epochsWithoutImprovement,
      String fingerprint,
      List<StepStats> steps) {}

  /** A checkpoint read back: the state and the folder holding its arrays. */
  record Saved(State state, Path dir) {}

  private final Path root;

  Checkpoints(Path root) {
    this.root = root;
  }

  /** Writes a checkpoint atomically and prunes old ones. */
  void save(State state, Model model, NDList optimizer, Optional<NDList> average)
      throws IOException {
    Files.createDirectories(root);
    String name = String.format("epoch-%04d-step-%06d", state.nextEpoch(), state.nextStep());
    Path tmp = Files.createTempDirectory(root, ".tmp-");
    model.save(tmp, WEIGHTS_PREFIX);
    Files.write(tmp.resolve(OPTIMIZER), optimizer.encode());
    if (average.isPresent()) {
      Files.write(tmp.resolve(AVERAGE), average.get().encode());
    }
    JSON.writeValue(tmp.resolve(STATE).toFile(), state);
    Path target = root.resolve(name);
    deleteTree(target);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    Path latestTmp = root.resolve(".latest.tmp");
    Files.writeString(latestTmp, name);
    Files.move(
        latestTmp,
        root.resolve(LATEST),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    prune(name);
  }

  /** The newest complete checkpoint, if any. */
  Optional<Saved> latest() throws IOException {
    Path pointer = root.resolve(LATEST);
    if (!Files.isRegularFile(pointer)) {
      return Optional.empty();
    }
    Path dir = root.resolve(Files.readString(pointer).strip());
    if (!Files.isRegularFile(dir.resolve(STATE))) {
      throw new IOException(
          pointer
              + " names "
              + dir
              + ", which has no "
              + STATE
              + "; delete the checkpoints to start over");
    }
    return Optional.of(new Saved(JSON.readValue(dir.resolve(STATE).toFile(), State.class), dir));
  }

  /**
   * Copies the weights of {@code saved} into {@code target}, which must have the layout of {@code
   * template} (a fresh block of the same architecture). Values are copied into the existing arrays
   * so the trainer's view of the parameters stays valid.
   */
  static void loadWeights(Saved saved, ai.djl.nn.Block template, ai.djl.nn.Block target)
      throws IOException {
    try (Model tmp = Model.newInstance("checkpoint")) {
      tmp.setBlock(template);
      tmp.load(saved.dir(), WEIGHTS_PREFIX);
      int copied = Parameters.copy(template, target).size();
      if (copied != Parameters.byName(target).size()) {
        throw new IOException(
            saved.dir()
                + " holds weights of another network ("
                + copied
                + " of "
                + Parameters.byName(target).size()
                + " parameters match)");
      }
    } catch (ai.djl.MalformedModelException e) {
      throw new IOException(
          saved.dir() + " holds weights of another network: " + e.getMessage(), e);
    }
  }

  static NDList optimizerState(Saved saved, NDManager manager) throws IOException {
    return NDList.decode(manager, Files.readAllBytes(saved.dir().resolve(OPTIMIZER)));
  }

  static Optional<NDList> averageState(Saved saved, NDManager manager) throws IOException {
    Path file = saved.dir().resolve(AVERAGE);
    return Files.isRegularFile(file)
        ? Optional.of(NDList.decode(manager, Files.readAllBytes(file)))
        : Optional.empty();
  }

  private void prune(String newest) throws IOException {
    List<Path> dirs;
    try (Stream<Path> list = Files.list(root)) {
      dirs =
          list.filter(p -> Files.isDirectory(p) && p.getFileName().toString().startsWith("epoch-"))
              .sorted(Comparator.comparing(p -> p.getFileName().toString()))
              .toList();
    }
    for (int i = 0; i < dirs.size() - KEEP; i++) {
      if (!dirs.get(i).getFileName().toString().equals(newest)) {
        deleteTree(dirs.get(i));
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
