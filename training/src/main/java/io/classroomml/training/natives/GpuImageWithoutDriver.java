package io.classroomml.training.natives;

import io.classroomml.training.ClientError;

/**
 * The GPU training image started on a host without an NVIDIA driver: a CPU instance type was chosen
 * for a CUDA-only image. The student can fix it (another instance type or the CPU image), so it is
 * a {@link ClientError}, and its message is what SageMaker shows as the failure reason.
 */
public final class GpuImageWithoutDriver extends ClientError {

  /** For the image whose PyTorch natives are {@code flavor} (e.g. {@code cu124}). */
  public GpuImageWithoutDriver(String flavor, Throwable cause) {
    super(
        "This is the GPU training image (PyTorch "
            + flavor
            + " natives), but no NVIDIA driver was found on this instance ("
            + CudaDriverProbe.LIBCUDA
            + " is missing): the training instance type has no GPU. Fix: train on a GPU"
            + " instance type such as ml.g4dn.xlarge (InstanceType of the training job;"
            + " trainingInstanceType in the classroom's cdk.json), or use the CPU training"
            + " image (scripts/build-images --training cpu).",
        cause);
  }
}
