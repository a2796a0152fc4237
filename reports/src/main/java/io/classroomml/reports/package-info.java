/**
 * Reports for training runs and tuning jobs: PNG charts drawn with Java2D (headless, no chart
 * library), CSV/JSON tables and a self-contained HTML page, plus findings in the spirit of
 * SageMaker Debugger and Profiler reports.
 *
 * <p>Entry points: {@link io.classroomml.reports.TrainingReport#write} for one training job (what
 * {@code /opt/ml/output/data} holds) and {@link io.classroomml.reports.LeaderboardReport#write} for
 * the trials of a local tuning job. Output is deterministic: the same data gives the same bytes.
 */
package io.classroomml.reports;
