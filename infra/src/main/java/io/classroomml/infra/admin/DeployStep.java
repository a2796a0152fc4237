package io.classroomml.infra.admin;

import java.util.List;

/**
 * One step of a deploy, as planned.
 *
 * @param name what it does, e.g. {@code platform stack}
 * @param command the command it runs, from the repository root; empty for a step done in-process
 * @param note when it runs or why it is skipped
 */
public record DeployStep(String name, List<String> command, String note) {

  /** Copies the command. */
  public DeployStep {
    command = List.copyOf(command);
  }
}
