package io.classroomml.infra;

import io.classroomml.infra.stacks.PlatformStack;
import io.classroomml.infra.stacks.StudentStack;
import java.util.List;

/** The cdk-nag findings the classroom accepts, each on one resource with its reason. */
final class NagExemptions {

  private NagExemptions() {}

  static void apply(PlatformStack platform, List<StudentStack> students) {}
}
