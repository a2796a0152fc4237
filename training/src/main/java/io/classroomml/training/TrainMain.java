package io.classroomml.training;

import io.classroomml.contract.SageMakerPaths;
import io.classroomml.training.config.TrainingEnvironment;
import io.classroomml.training.natives.CudaDriverProbe;
import io.classroomml.training.natives.GpuImageWithoutDriver;
import io.classroomml.training.natives.NativeFlavor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * The training container's entrypoint: {@code <image> train}, as SageMaker starts it.
 *
 * <p>All failures end here, in one place: a {@link ClientError} (bad hyperparameters, data,
 * channels) or any other exception is written to {@code /opt/ml/output/failure} — its first 1024
 * characters are what {@code DescribeTrainingJob.FailureReason} shows — and the process exits
 * non-zero. Success writes {@code /opt/ml/output/success} and exits 0. SIGTERM (StopTrainingJob,
 * spot interruption) saves a checkpoint at the next step and exits well within SageMaker's 120 s.
 */
public final class TrainMain {

  /** Exit code for a job the user can fix (bad input). */
  public static final int EXIT_CLIENT_ERROR = 2;

  /** Exit code for a fault of the trainer itself. */
  public static final int EXIT_INTERNAL_ERROR = 1;

  /** Exit code after SIGTERM (128 + 15, what the shell reports for a terminated process). */
  public static final int EXIT_INTERRUPTED = 143;

  /** How long the SIGTERM handler waits for the checkpoint (SageMaker kills after 120 s). */
  private static final int STOP_GRACE_SECONDS = 90;

  private TrainMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && !args[0].equals("train")) {
      System.err.println(
          "usage: train   (SageMaker starts the training image as '<image> train'; got '"
              + args[0]
              + "')");
      System.exit(EXIT_CLIENT_ERROR);
    }
    System.exit(run(System.getenv(), System.out));
  }

  /** Runs a job and returns the process exit code. */
  static int run(Map<String, String> environment, PrintStream log) {
    return run(environment, log, CudaDriverProbe.ofHost(environment));
  }

  /** Runs a job, with {@code driver} standing for the host's NVIDIA driver (a test seam). */
  static int run(Map<String, String> environment, PrintStream log, CudaDriverProbe driver) {
    SageMakerPaths paths = SageMakerPaths.fromEnvironment(environment);
    StopSignal stop = new StopSignal();
    Thread hook =
        new Thread(
            () -> {
              stop.request();
              try {
                stop.awaitFinished(STOP_GRACE_SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sigterm");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      // Before anything loads the engine: a GPU image on a CPU host is the student's to fix.
      NativeFlavor.requireDriver(environment, driver);
      TrainingEnvironment env = TrainingEnvironment.load(paths, environment);
      TrainingResult result = Training.run(env, stop, log);
      if (result.status() == TrainingResult.Status.INTERRUPTED) {
        // Stopped or spot-interrupted: not a success; a restart resumes from the checkpoint.
        return EXIT_INTERRUPTED;
      }
      Files.createDirectories(paths.output());
      Files.deleteIfExists(paths.failure());
      Files.writeString(paths.success(), "");
      return 0;
    } catch (ClientError e) {
      return fail(paths, e.getMessage(), EXIT_CLIENT_ERROR, null);
    } catch (Exception | Error e) {
      Optional<GpuImageWithoutDriver> mismatch = NativeFlavor.explain(e, environment);
      if (mismatch.isPresent()) {
        return fail(paths, mismatch.get().getMessage(), EXIT_CLIENT_ERROR, e);
      }
      return fail(
          paths,
          "Internal error in the trainer: "
              + e
              + ". This is a bug in classroom-ml, not in your job; the log has the details.",
          EXIT_INTERNAL_ERROR,
          e);
    } finally {
      stop.finished();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // SIGTERM: the hook is running and waits for stop.finished().
      }
    }
  }

  private static int fail(SageMakerPaths paths, String message, int code, Throwable cause) {
    System.err.println("ERROR: " + message);
    if (cause != null) {
      cause.printStackTrace();
    }
    try {
      Files.createDirectories(paths.output());
      Files.writeString(paths.failure(), message, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("could not write " + paths.failure() + ": " + e);
    }
    return code;
  }
}
