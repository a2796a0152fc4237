package io.classroomml.infra.cost;

import java.util.regex.Pattern;

/** Facts about instance type names that hold in every region. */
public final class InstanceTypes {

  /**
   * NVIDIA GPU families (botocore SageMaker instance enums; Neuron {@code inf}/{@code trn} families
   * are accelerators but not GPUs).
   */
  private static final Pattern GPU =
      Pattern.compile("^ml\\.(g4dn|g5|g6|g6e|g7e?|p2|p3|p3dn|p4d|p4de|p5|p5e|p5en|p6[-e].*)\\..*");

  private InstanceTypes() {}

  /** Whether {@code type} has an NVIDIA GPU (and so cannot host a serverless endpoint). */
  public static boolean isGpu(String type) {
    return GPU.matcher(type).matches();
  }
}
