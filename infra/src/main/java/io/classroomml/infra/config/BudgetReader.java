package io.classroomml.infra.config;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The money side: the budget, its alert thresholds and when the classroom expires. */
final class BudgetReader {

  /** Defaults for keys that may be left out (documented in docs/configuration.md). */
  static final double DEFAULT_BUDGET_USD = 50;

  static final String DEFAULT_THRESHOLDS = "50,80,100";

  private final ContextValues values;
  private final Problems problems;

  BudgetReader(ContextValues values, Problems problems) {
    this.values = values;
    this.problems = problems;
  }

  double budget() {
    return values.positiveNumber(ContextKeys.BUDGET_USD, DEFAULT_BUDGET_USD);
  }

  /** Percentages of the budget, increasing, 1 to 1000. */
  List<Integer> thresholds() {
    String raw = values.optional(ContextKeys.BUDGET_THRESHOLDS).orElse(DEFAULT_THRESHOLDS);
    List<Integer> thresholds = new ArrayList<>();
    boolean outOfRange = false;
    boolean unordered = false;
    boolean unreadable = false;
    for (String part : ContextValues.split(raw)) {
      Long parsed = values.wholeNumber(ContextKeys.BUDGET_THRESHOLDS, part);
      if (parsed == null) {
        unreadable = true;
        continue;
      }
      int value = (int) (long) parsed;
      if (parsed < 1 || parsed > 1000) {
        outOfRange = true;
      } else if (!thresholds.isEmpty() && value <= thresholds.get(thresholds.size() - 1)) {
        unordered = true;
      }
      thresholds.add(value);
    }
    if (outOfRange) {
      problems.add(
          ContextKeys.BUDGET_THRESHOLDS,
          raw,
          "each threshold is a percentage of the budget, 1 to 1000; e.g. " + DEFAULT_THRESHOLDS);
    }
    if (unordered) {
      problems.add(
          ContextKeys.BUDGET_THRESHOLDS,
          raw,
          "list thresholds in increasing order; e.g. " + DEFAULT_THRESHOLDS);
    }
    if (thresholds.isEmpty() && !unreadable) {
      problems.add(
          ContextKeys.BUDGET_THRESHOLDS, raw, "give at least one; e.g. " + DEFAULT_THRESHOLDS);
    }
    return thresholds;
  }

  Optional<Instant> expiresAt() {
    Optional<String> raw = values.optional(ContextKeys.EXPIRES_AT);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(raw.get()));
    } catch (DateTimeParseException e) {
      problems.add(
          ContextKeys.EXPIRES_AT,
          raw.get(),
          "must be an ISO-8601 UTC time (a fixed date keeps synth reproducible); e.g."
              + " 2027-01-31T00:00:00Z");
      return Optional.empty();
    }
  }
}
