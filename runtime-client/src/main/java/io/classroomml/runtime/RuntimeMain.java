package io.classroomml.runtime;

import io.classroomml.runtime.client.InvokeCommand;
import io.classroomml.runtime.gateway.GatewayCommand;
import java.util.Arrays;

/**
 * The runtime client's commands: {@code gateway} runs the local SageMaker Runtime API and {@code
 * invoke} sends files to an endpoint through the AWS SDK v2 client.
 */
public final class RuntimeMain {

  /** Exit status for a bad command line. */
  static final int EXIT_USAGE = 2;

  private RuntimeMain() {}

  /** Dispatches on the first argument. */
  public static void main(String[] args) {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length);
    switch (command) {
      case "gateway" -> GatewayCommand.main(rest);
      case "invoke" -> System.exit(InvokeCommand.run(rest, System.out, System.err));
      default -> {
        System.err.println(
            "usage: gateway --endpoint NAME=URL ... | invoke --endpoint NAME FILE ... (got '"
                + command
                + "')");
        System.exit(EXIT_USAGE);
      }
    }
  }
}
