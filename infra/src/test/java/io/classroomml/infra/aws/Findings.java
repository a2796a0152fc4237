package io.classroomml.infra.aws;

import io.classroomml.testing.aws.ShapeValidator;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of one resource while the checkers walk it: the template and logical id are
 * fixed, each check adds a path, a rule and a message.
 */
final class Findings implements ShapeValidator.Sink {

  private final List<Finding> all;
  private final String template;
  private final String logicalId;

  Findings(List<Finding> all, String template, String logicalId) {
    this.all = all;
    this.template = template;
    this.logicalId = logicalId;
  }

  /** A fresh, detached collector (for unit tests of one checker). */
  static Findings detached(String template, String logicalId) {
    return new Findings(new ArrayList<>(), template, logicalId);
  }

  @Override
  public void add(String path, String rule, String message) {
    all.add(new Finding(template, logicalId, path, rule, message));
  }

  List<Finding> list() {
    return all;
  }

  /** Formats findings one per line, for an assertion message that shows all of them at once. */
  static String report(List<Finding> findings) {
    StringBuilder out = new StringBuilder(findings.size() + " finding(s):\n");
    findings.forEach(f -> out.append("  ").append(f).append('\n'));
    return out.toString();
  }
}
