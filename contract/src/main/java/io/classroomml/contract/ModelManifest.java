package io.classroomml.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the inference container needs to serve a trained model, written as {@value #FILE_NAME} next
 * to the weights in {@code /opt/ml/model}.
 *
 * @param formatVersion bumped when a reader of an older manifest would misread this one
 * @param architecture the model name the trainer was given (e.g. {@code resnet20})
 * @param weightsFile the DJL parameter file, relative to the model directory
 * @param channels input channels (1 for grey images, 3 for colour)
 * @param height input height in pixels; images of other sizes are resized to it
 * @param width input width in pixels
 * @param mean per-channel mean of the training pixels scaled to [0, 1]
 * @param std per-channel standard deviation of the training pixels scaled to [0, 1]
 * @param classNames class names, index = model output
 * @param hyperparameters the hyperparameters the model was trained with, as given
 * @param metrics the final metrics by SageMaker name (e.g. {@code validation:accuracy})
 * @param engine the engine and version that wrote the weights (e.g. {@code PyTorch 2.5.1})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelManifest(
    int formatVersion,
    String architecture,
    String weightsFile,
    int channels,
    int height,
    int width,
    List<Double> mean,
    List<Double> std,
    List<String> classNames,
    Map<String, String> hyperparameters,
    Map<String, Double> metrics,
    String engine) {

  /** The manifest's file name inside the model directory. */
  public static final String FILE_NAME = "manifest.json";

  /** The current format version. */
  public static final int FORMAT_VERSION = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Copies the collections so that a manifest cannot change after it is made. */
  public ModelManifest {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    classNames = List.copyOf(classNames);
    hyperparameters = hyperparameters == null ? Map.of() : Map.copyOf(hyperparameters);
    metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
  }

  /** Writes this manifest into {@code modelDir}. */
  public void writeTo(Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    JSON.writeValue(modelDir.resolve(FILE_NAME).toFile(), this);
  }

  /** Reads the manifest in {@code modelDir}; the message names the file when it cannot. */
  public static ModelManifest readFrom(Path modelDir) throws IOException {
    Path file = modelDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          file
              + " is missing: the model directory must hold the manifest the"
              + " trainer writes next to the weights");
    }
    ModelManifest manifest;
    try {
      manifest = JSON.readValue(file.toFile(), ModelManifest.class);
    } catch (IOException e) {
      throw new IOException(file + " is not a valid model manifest: " + e.getMessage(), e);
    }
    if (manifest.formatVersion() > FORMAT_VERSION) {
      throw new IOException(
          file
              + " has formatVersion "
              + manifest.formatVersion()
              + ", this build reads up to "
              + FORMAT_VERSION
              + ": use a newer inference image");
    }
    return manifest;
  }
}
