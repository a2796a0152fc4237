package io.classroomml.infra.admin;

import io.classroomml.infra.admin.Check.Status;
import io.classroomml.infra.config.ClassroomConfig;
import java.util.List;
import java.util.Optional;

/**
 * What preflight found.
 *
 * @param checks every row, in the order run
 * @param config the configuration, when it could be read
 * @param account the credentials' account, when they resolved
 * @param bootstrapped whether the environment is bootstrapped at a version the stacks accept
 */
public record PreflightReport(
    List<Check> checks,
    Optional<ClassroomConfig> config,
    Optional<String> account,
    boolean bootstrapped) {

  /** Copies the list. */
  public PreflightReport {
    checks = List.copyOf(checks);
  }

  /** Whether any check failed. */
  public boolean failed() {
    return checks.stream().anyMatch(c -> c.status() == Status.FAIL);
  }

  /** The table: one row per check, the fix under each row that has one. */
  public String table() {
    int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(5);
    StringBuilder out = new StringBuilder();
    out.append(String.format("%-" + width + "s  %-6s %s%n", "check", "status", "found"));
    for (Check c : checks) {
      out.append(String.format("%-" + width + "s  %-6s %s%n", c.name(), c.status(), c.detail()));
      if (!c.fix().isEmpty() && c.status() != Status.OK) {
        out.append(String.format("%-" + width + "s  %-6s fix: %s%n", "", "", c.fix()));
      }
    }
    return out.toString();
  }
}
