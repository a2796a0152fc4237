package io.classroomml.e2e.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.classroomml.testing.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image tar as Jib's {@code buildTar} writes it (docker-save format), opened into a directory:
 * its manifest, its configuration, and a root file system made from its layers.
 */
final class ImageTar {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The host's tar unpacks (modes, links and owners as a container runtime lays them out); reading
   * is commons-compress.
   */
  private static final Duration UNPACK = Duration.ofMinutes(5);

  /** Where the default build leaves each image tar, relative to the repository root. */
  static Path built(String image) {
    Path tar = repositoryRoot().resolve("images").resolve(image).resolve("target/jib-image.tar");
    if (!Files.isRegularFile(tar)) {
      throw new IllegalStateException(
          "no image tar at "
              + tar
              + "; build it first: ./mvnw -pl images/"
              + image
              + " -am package");
    }
    return tar;
  }

  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("images"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("no images/ above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  final Path opened;
  final JsonNode manifest;
  final JsonNode config;

  private ImageTar(Path opened, JsonNode manifest, JsonNode config) {
    this.opened = opened;
    this.manifest = manifest;
    this.config = config;
  }

  /** Unpacks the outer tar (not the layers) into {@code dir}. */
  static ImageTar open(Path tar, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Processes.check(List.of("tar", "-xf", tar.toString(), "-C", dir.toString()), dir, UNPACK);
    JsonNode manifest = JSON.readTree(dir.resolve("manifest.json").toFile());
    JsonNode config = JSON.readTree(dir.resolve(manifest.at("/0/Config").asText()).toFile());
    return new ImageTar(dir, manifest, config);
  }

  List<String> layers() {
    List<String> layers = new ArrayList<>();
    manifest.at("/0/Layers").forEach(l -> layers.add(l.asText()));
    return layers;
  }

  List<String> strings(String pointer) {
    List<String> values = new ArrayList<>();
    config.at(pointer).forEach(v -> values.add(v.asText()));
    return values;
  }

  /** The image's environment, {@code NAME=value} entries as a map. */
  Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    for (String entry : strings("/config/Env")) {
      int eq = entry.indexOf('=');
      env.put(entry.substring(0, eq), entry.substring(eq + 1));
    }
    return env;
  }

  /** Names of the files in one layer. */
  List<String> layerEntries(String layer) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(
            new GZIPInputStream(Files.newInputStream(opened.resolve(layer)), 1 << 16))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        names.add(e.getName());
      }
    }
    return names;
  }

  /** Applies the layers in order, as a container runtime does (Jib's layers have no whiteouts). */
  Path rootfs(Path rootfs) throws IOException, InterruptedException {
    Files.createDirectories(rootfs);
    for (String layer : layers()) {
      Processes.check(
          List.of(
              "tar",
              "--warning=no-unknown-keyword",
              "-xzf",
              opened.resolve(layer).toString(),
              "-C",
              rootfs.toString()),
          rootfs,
          UNPACK);
    }
    return rootfs;
  }
}
