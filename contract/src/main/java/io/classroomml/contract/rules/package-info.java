/**
 * The training rules (after SageMaker Debugger's built-in rules) over per-epoch losses and
 * accuracies: one set of thresholds and predicates that the trainer acts on and the training report
 * explains, so that the two never disagree about what happened.
 */
package io.classroomml.contract.rules;
