package io.classroomml.training.loop;

import io.classroomml.training.ClientError;

/** A fatal debugger rule fired: the job fails with the rule's reason and advice. */
public final class RuleViolation extends ClientError {

  private final String rule;

  RuleViolation(String rule, String reason) {
    super("Debugger rule " + rule + ": " + reason);
    this.rule = rule;
  }

  /** The rule's name, e.g. {@code LossNotFinite}. */
  public String rule() {
    return rule;
  }
}
