package io.classroomml.reports;

/**
 * Training loss and accuracy over a short run of optimiser steps, so that the curves show how a run
 * moves within an epoch and not only at its two or three epoch ends. The trainer keeps a bounded
 * number of these (it averages {@code k} steps per point on long runs).
 *
 * @param step optimiser steps taken at the end of the window (1-based, counted over the whole run)
 * @param epoch the same point in epochs, fractional: {@code step / stepsPerEpoch}
 * @param trainLoss mean training loss over the window's images
 * @param trainAccuracy training accuracy over the window's images, 0..1
 */
public record StepStats(long step, double epoch, double trainLoss, double trainAccuracy) {}
