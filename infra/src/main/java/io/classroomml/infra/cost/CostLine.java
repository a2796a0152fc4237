package io.classroomml.infra.cost;

/**
 * One cost-bearing item of a student's worst case.
 *
 * @param item what bills (e.g. {@code training job})
 * @param setting the context key or spec field that drives it (to lower it)
 * @param formula how the dollars were computed, in words and numbers
 * @param usd the worst-case dollars
 */
public record CostLine(String item, String setting, String formula, double usd) {}
