package io.classroomml.training.natives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Looks for the NVIDIA driver's user-space library, {@code libcuda.so.1}, without loading it: the
 * CUDA build of libtorch links against it, and the GPU image carries no driver (SageMaker's GPU
 * hosts mount it in). A seam, so tests can stand in for a host with or without a driver.
 */
@FunctionalInterface
public interface CudaDriverProbe {

  /** The driver library's file name, as the dynamic linker asks for it. */
  String LIBCUDA = "libcuda.so.1";

  /** Where the driver was found (a path, or the linker cache), or empty when it is absent. */
  Optional<String> find();

  /**
   * The host's view: the directories of {@code LD_LIBRARY_PATH}, the usual library directories
   * (where the NVIDIA container toolkit mounts the driver), then the dynamic linker's cache, which
   * names every library {@code ldconfig} knows.
   */
  static CudaDriverProbe ofHost(Map<String, String> environment) {
    return () -> {
      for (Path dir : searchPath(environment)) {
        Path candidate = dir.resolve(LIBCUDA);
        if (Files.exists(candidate)) {
          return Optional.of(candidate.toString());
        }
      }
      Path cache = Path.of("/etc/ld.so.cache");
      try {
        if (Files.isReadable(cache)
            && new String(Files.readAllBytes(cache), StandardCharsets.ISO_8859_1)
                .contains(LIBCUDA)) {
          return Optional.of(cache + " (" + LIBCUDA + ")");
        }
      } catch (IOException e) {
        // An unreadable cache says nothing; the directories above were the better evidence.
      }
      return Optional.empty();
    };
  }

  private static List<Path> searchPath(Map<String, String> environment) {
    List<Path> dirs = new ArrayList<>();
    String ld = environment.getOrDefault("LD_LIBRARY_PATH", "");
    for (String entry : ld.split(":")) {
      if (!entry.isBlank()) {
        dirs.add(Path.of(entry));
      }
    }
    for (String dir :
        List.of(
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64",
            "/usr/lib",
            "/lib/x86_64-linux-gnu",
            "/usr/local/nvidia/lib64",
            "/usr/local/nvidia/lib",
            "/usr/local/cuda/compat",
            "/usr/local/cuda/lib64")) {
      dirs.add(Path.of(dir));
    }
    return dirs;
  }
}
