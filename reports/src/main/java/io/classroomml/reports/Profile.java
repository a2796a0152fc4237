package io.classroomml.reports;

/**
 * Where the time went over the whole run.
 *
 * @param device what trained, e.g. {@code cpu} or {@code gpu(0) NVIDIA A10G}
 * @param threads compute threads (CPU) or devices used
 * @param totalSeconds wall time of the whole run
 * @param dataWaitSeconds time the training loop waited for batches
 * @param computeSeconds time in forward, backward and optimizer steps
 * @param evaluationSeconds time evaluating on the validation/test set
 * @param checkpointSeconds time writing checkpoints
 * @param imagesPerSecond training throughput over the run
 * @param cpuUtilization 0..1 of all cores: process CPU time / (wall × cores)
 * @param gpuUtilization 0..1, NaN when no GPU
 * @param peakHeapBytes peak Java heap use
 * @param residentBytes resident set size at the end (heap plus native memory)
 */
public record Profile(
    String device,
    int threads,
    double totalSeconds,
    double dataWaitSeconds,
    double computeSeconds,
    double evaluationSeconds,
    double checkpointSeconds,
    double imagesPerSecond,
    double cpuUtilization,
    double gpuUtilization,
    long peakHeapBytes,
    long residentBytes) {

  /** Whether a GPU did the work (its utilisation is known). */
  public boolean hasGpu() {
    return !Double.isNaN(gpuUtilization);
  }

  /**
   * Wall time not accounted for by data wait, compute, evaluation or checkpoints (start-up, data
   * loading before the first epoch, logging); never negative.
   */
  public double otherSeconds() {
    double known = 0;
    for (double part :
        new double[] {dataWaitSeconds, computeSeconds, evaluationSeconds, checkpointSeconds}) {
      if (Double.isFinite(part)) {
        known += part;
      }
    }
    return Double.isFinite(totalSeconds) ? Math.max(0, totalSeconds - known) : Double.NaN;
  }
}
