package io.classroomml.infra.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.classroomml.infra.config.ContextKeys;
import io.classroomml.infra.config.ImageDigests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CDK context as {@code cdk synth} would see it, read without the CDK: {@code cdk.json}'s
 * context block, then {@code cdk.context.json}, then {@code -c key=value} options, later ones
 * winning. {@code scripts/deploy} records the digests it pushed in {@code cdk.context.json} (the
 * CDK's file for values read from the account), so that every later synth ({@code cdk diff}, {@code
 * scripts/destroy}, {@code scripts/cost-estimate}) builds the same student stacks.
 */
public final class ClassContext {

  /** The CDK's file of values read from the account, beside cdk.json. */
  public static final String CONTEXT_FILE = "cdk.context.json";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final Map<String, Object> values;
  private final Map<String, String> overrides;

  private ClassContext(Path root, Map<String, Object> values, Map<String, String> overrides) {
    this.root = root;
    this.values = values;
    this.overrides = overrides;
  }

  /**
   * Reads the context of the repository at {@code root}.
   *
   * @param overrides {@code key=value} strings, as given to {@code -c}
   * @throws AdminException for a malformed override or an unreadable file
   */
  public static ClassContext load(Path root, List<String> overrides) {
    Map<String, Object> values = new LinkedHashMap<>();
    read(root.resolve("cdk.json"), true, values);
    read(root.resolve(CONTEXT_FILE), false, values);
    Map<String, String> given = new LinkedHashMap<>();
    for (String o : overrides) {
      int eq = o.indexOf('=');
      if (eq < 1) {
        throw new AdminException("-c " + o + ": write -c key=value, e.g. -c students=alice,bob", 2);
      }
      given.put(o.substring(0, eq), o.substring(eq + 1));
    }
    values.putAll(given);
    return new ClassContext(root, values, given);
  }

  private static void read(Path file, boolean contextBlock, Map<String, Object> into) {
    if (!Files.isRegularFile(file)) {
      return;
    }
    JsonNode json;
    try {
      json = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new AdminException(file + " is not valid JSON: " + e.getMessage(), 2);
    }
    JsonNode block = contextBlock ? json.path("context") : json;
    for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      into.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
    }
  }

  /** Every value, as the CDK app would get it. */
  public Map<String, Object> values() {
    return Map.copyOf(values);
  }

  /** The {@code -c} options given on this command line, to pass on to {@code cdk}. */
  public Map<String, String> overrides() {
    return Map.copyOf(overrides);
  }

  /** A value, if set and not blank. */
  public Optional<String> get(String key) {
    Object v = values.get(key);
    return v == null || String.valueOf(v).isBlank()
        ? Optional.empty()
        : Optional.of(String.valueOf(v).strip());
  }

  /** Both image digests, when both are set. */
  public Optional<ImageDigests> images() {
    Optional<String> training = get(ContextKeys.TRAINING_IMAGE_DIGEST);
    Optional<String> inference = get(ContextKeys.INFERENCE_IMAGE_DIGEST);
    return training.isPresent() && inference.isPresent()
        ? Optional.of(new ImageDigests(training.get(), inference.get()))
        : Optional.empty();
  }

  /**
   * Records {@code images} (and the training image's flavour, when known) in {@code
   * cdk.context.json} (keeping what else it holds) and in this context.
   */
  public void record(ImageDigests images, Optional<String> trainingFlavour) {
    Path file = root.resolve(CONTEXT_FILE);
    try {
      ObjectNode json =
          Files.isRegularFile(file)
              ? (ObjectNode) JSON.readTree(file.toFile())
              : JSON.createObjectNode();
      json.put(ContextKeys.TRAINING_IMAGE_DIGEST, images.training());
      json.put(ContextKeys.INFERENCE_IMAGE_DIGEST, images.inference());
      trainingFlavour.ifPresent(f -> json.put(ContextKeys.TRAINING_IMAGE_FLAVOR, f));
      JSON.writeValue(file.toFile(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    values.put(ContextKeys.TRAINING_IMAGE_DIGEST, images.training());
    values.put(ContextKeys.INFERENCE_IMAGE_DIGEST, images.inference());
    trainingFlavour.ifPresent(f -> values.put(ContextKeys.TRAINING_IMAGE_FLAVOR, f));
  }

  /** The repository root. */
  public Path root() {
    return root;
  }
}
