package io.classroomml.local.job;

import io.classroomml.contract.NativeMemory;
import io.classroomml.contract.SageMakerPaths;
import io.classroomml.local.Installation;
import java.util.ArrayList;
import java.util.List;

/**
 * How a local job starts the trainer: the training image's {@code train} entrypoint run from its
 * jar, with the environment SageMaker gives the container, the image's native-memory settings and
 * the job's thread budget.
 */
final class TrainerCommand {

  private TrainerCommand() {}

  /** The process for {@code request}, with {@code paths} as its {@code /opt/ml}. */
  static ProcessBuilder of(
      Installation installation, SageMakerPaths paths, TrainingJobRequest request) {
    ProcessBuilder pb = new ProcessBuilder(command(installation, request.threads()));
    pb.environment().put(SageMakerPaths.BASE_DIR_ENV, paths.base().toString());
    pb.environment().put("TRAINING_JOB_NAME", request.name());
    pb.environment().put("AWS_REGION", "local");
    pb.environment().put("OMP_NUM_THREADS", Integer.toString(request.threads()));
    pb.environment().put("MKL_NUM_THREADS", Integer.toString(request.threads()));
    NativeMemory.apply(pb.environment());
    pb.redirectErrorStream(true);
    return pb;
  }

  private static List<String> command(Installation installation, int threads) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Installation.java().toString());
    cmd.add("-Dai.djl.offline=true");
    cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
    cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
    cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    cmd.add("-jar");
    cmd.add(installation.trainingJar().toString());
    cmd.add("train");
    return cmd;
  }
}
