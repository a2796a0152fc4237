/**
 * The trainer's hyperparameter schema: every name it accepts, with its type, default, valid values
 * and one line of documentation. The trainer parses its {@code hyperparameters.json} with it, the
 * tuning spec is checked against it before any trial is paid for, and local mode and the docs read
 * their defaults from it.
 */
package io.classroomml.contract.hyperparameters;
