package io.classroomml.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.EngineException;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.training.natives.CudaDriverProbe;
import io.classroomml.training.natives.NativeFlavor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU image started on a host without an NVIDIA driver (a CPU instance type): the job fails at
 * once with a message naming the mismatch and the fix, as a client error, not as "a bug". The host
 * is stood in for by the driver probe's seam; DJL is not involved.
 */
class GpuImageOnCpuHostTest {

  private static final CudaDriverProbe NO_DRIVER = Optional::empty;

  @TempDir Path dir;

  private JobDirectory job() throws Exception {
    JobDirectory job = new JobDirectory(dir.resolve("opt/ml"));
    job.configure(Map.of("epochs", "1"), List.of("train"));
    return job;
  }

  private Map<String, String> environment(String flavor) {
    return Map.of(
        SageMakerPaths.BASE_DIR_ENV,
        dir.resolve("opt/ml").toString(),
        NativeFlavor.VARIABLE,
        flavor);
  }

  @Test
  void aCudaImageWithoutADriverFailsWithTheMismatchAndTheFix() throws Exception {
    JobDirectory job = job();

    int code =
        TrainMain.run(
            environment("cu124"), new PrintStream(new ByteArrayOutputStream()), NO_DRIVER);

    assertThat(code).isEqualTo(TrainMain.EXIT_CLIENT_ERROR);
    String failure = job.failure();
    assertThat(failure)
        .contains("GPU training image", "cu124", "no NVIDIA driver", "libcuda.so.1")
        .contains("ml.g4dn.xlarge", "CPU training image", "--training cpu")
        .doesNotContain("bug");
    assertThat(failure.length()).isLessThan(1024);
  }

  @Test
  void aCpuImageNeverAsksForADriver() {
    AtomicInteger asked = new AtomicInteger();
    NativeFlavor.requireDriver(
        environment("cpu"),
        () -> {
          asked.incrementAndGet();
          return Optional.empty();
        });
    NativeFlavor.requireDriver(Map.of(), NO_DRIVER);

    assertThat(asked).hasValue(0);
  }

  @Test
  void aCudaImageWithADriverPassesTheCheck() {
    NativeFlavor.requireDriver(environment("cu124"), () -> Optional.of("/usr/lib/libcuda.so.1"));
  }

  @Test
  void theEnginesLinkErrorAboutLibcudaIsExplainedTheSameWay() {
    Throwable fromDjl =
        new EngineException(
            "Failed to load PyTorch native library",
            new UnsatisfiedLinkError(
                "/opt/libtorch/libtorch_cuda.so: libcuda.so.1: cannot open shared object file"));

    assertThat(NativeFlavor.explain(fromDjl, environment("cu124")))
        .hasValueSatisfying(e -> assertThat(e.getMessage()).contains("ml.g4dn.xlarge"));
    assertThat(NativeFlavor.explain(new IllegalStateException("other"), environment("cu124")))
        .isEmpty();
  }

  @Test
  void theHostProbeFindsTheDriverOnLdLibraryPath() throws Exception {
    Path lib = Files.createDirectories(dir.resolve("nvidia/lib64"));
    Files.writeString(lib.resolve(CudaDriverProbe.LIBCUDA), "");

    assertThat(CudaDriverProbe.ofHost(Map.of("LD_LIBRARY_PATH", "/nonexistent:" + lib)).find())
        .hasValue(lib.resolve(CudaDriverProbe.LIBCUDA).toString());
  }
}
