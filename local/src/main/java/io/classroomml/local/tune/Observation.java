package io.classroomml.local.tune;

import java.util.Map;

/**
 * A finished trial as a search strategy sees it.
 *
 * @param hyperparameters the tuned values of the trial
 * @param score the objective, oriented so that larger is better (a Minimize objective negated)
 */
public record Observation(Map<String, String> hyperparameters, double score) {}
