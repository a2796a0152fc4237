package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.reports.Finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingsTest {

  private static List<String> titles(TrainingReportData data) {
    return Findings.of(data).stream().map(Finding::title).toList();
  }

  private static Finding only(TrainingReportData data, String title) {
    List<Finding> matching =
        Findings.of(data).stream().filter(f -> f.title().equals(title)).toList();
    assertThat(matching).as(title).hasSize(1);
    return matching.get(0);
  }

  @Test
  void healthyRun_firesNoWarning() {
    assertThat(Findings.of(SampleRuns.healthy())).allMatch(f -> f.severity() == Severity.INFO);
    assertThat(titles(SampleRuns.healthy()))
        .doesNotContain(Findings.MOST_CONFUSED)
        .contains(Findings.WORST_CLASSES);
  }

  @Test
  void dataWaitAboveTenPercentOfStepTime_isStarvation() {
    Profile starved = new Profile("cpu", 2, 100, 20, 60, 5, 1, 300, 0.9, Double.NaN, 1, 1);

    Finding finding =
        only(SampleRuns.data(SampleRuns.healthyEpochs(), null, starved), Findings.DATA_STARVATION);

    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.detail()).contains("20.0 s", "60.0 s", "25.0%");
  }

  @Test
  void dataWaitFromEpochs_whenNoProfile() {
    List<EpochStats> epochs = new ArrayList<>();
    for (int e = 1; e <= 3; e++) {
      epochs.add(new EpochStats(e, 2.0 / e, 0.5, 2.1 / e, 0.5, 10, 100, 3, 7, 0.1));
    }
    assertThat(titles(SampleRuns.data(epochs, null, null))).contains(Findings.DATA_STARVATION);
    // Exactly at the threshold (1 of 10 s) it does not fire.
    epochs.replaceAll(e -> new EpochStats(e.epoch(), 1, 1, 1, 1, 10, 100, 1, 9, 0.1));
    assertThat(titles(SampleRuns.data(epochs, null, null)))
        .doesNotContain(Findings.DATA_STARVATION);
  }

  @Test
  void lowCpuUtilisation_firesOnlyWithoutGpu() {
    Profile idleCpu = new Profile("cpu", 16, 60, 1, 50, 5, 1, 500, 0.21, Double.NaN, 1, 1);
    Finding finding =
        only(SampleRuns.data(SampleRuns.healthyEpochs(), null, idleCpu), Findings.LOW_CPU);
    assertThat(finding.detail()).contains("21.0%", "16 threads");

    Profile gpuRun = new Profile("gpu(0)", 4, 60, 1, 50, 5, 1, 500, 0.21, 0.95, 1, 1);
    assertThat(titles(SampleRuns.data(SampleRuns.healthyEpochs(), null, gpuRun)))
        .doesNotContain(Findings.LOW_CPU, Findings.LOW_GPU);
  }

  @Test
  void gpuBelowSeventyPercent_isUnderUsed() {
    Profile idleGpu = new Profile("gpu(0) A10G", 4, 60, 1, 50, 5, 1, 500, 0.3, 0.42, 1, 1);

    Finding finding =
        only(SampleRuns.data(SampleRuns.healthyEpochs(), null, idleGpu), Findings.LOW_GPU);

    assertThat(finding.severity()).isEqualTo(Severity.WARNING);
    assertThat(finding.detail()).contains("gpu(0) A10G", "42.0%", "70.0%");
  }

  @Test
  void validationLossRisingThreeEpochsWhileTrainLossFalls_isOverfitting() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 1.0, 0.60, 0.9, 0.62),
            SampleRuns.epoch(2, 0.7, 0.75, 0.6, 0.74),
            SampleRuns.epoch(3, 0.5, 0.80, 0.65, 0.78),
            SampleRuns.epoch(4, 0.3, 0.84, 0.72, 0.80),
            SampleRuns.epoch(5, 0.2, 0.86, 0.80, 0.80));

    Finding finding = only(SampleRuns.data(epochs, null, null), Findings.OVERFITTING);

    assertThat(finding.detail()).contains("epoch 2 to 5", "0.6000", "0.8000", "epoch 2");
  }

  /** The trainer stops on three epochs (the contract's rule); the report does not warn on two. */
  @Test
  void validationLossRisingTwoEpochs_isNotYetOverfitting() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 1.0, 0.60, 0.9, 0.62),
            SampleRuns.epoch(2, 0.7, 0.75, 0.6, 0.74),
            SampleRuns.epoch(3, 0.5, 0.80, 0.65, 0.78),
            SampleRuns.epoch(4, 0.3, 0.84, 0.72, 0.80));

    assertThat(titles(SampleRuns.data(epochs, null, null))).doesNotContain(Findings.OVERFITTING);
  }

  @Test
  void validationLossRisingOnlyOnce_isNotOverfitting() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 1.0, 0.6, 0.9, 0.62),
            SampleRuns.epoch(2, 0.7, 0.75, 0.6, 0.74),
            SampleRuns.epoch(3, 0.5, 0.82, 0.65, 0.75),
            SampleRuns.epoch(4, 0.3, 0.88, 0.55, 0.80));

    assertThat(titles(SampleRuns.data(epochs, null, null))).doesNotContain(Findings.OVERFITTING);
  }

  @Test
  void growingAccuracyGap_isOverfitting() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 1.0, 0.70, 1.0, 0.69),
            SampleRuns.epoch(2, 0.8, 0.80, 0.8, 0.74),
            SampleRuns.epoch(3, 0.6, 0.90, 0.7, 0.76));

    Finding finding = only(SampleRuns.data(epochs, null, null), Findings.OVERFITTING);

    assertThat(finding.detail()).contains("1.0%", "14.0%", "epoch 3");
  }

  @Test
  void flatLossForThreeEpochsAfterTheFirst_isNotDecreasing() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 2.303, 0.1, Double.NaN, Double.NaN),
            SampleRuns.epoch(2, 2.302, 0.1, Double.NaN, Double.NaN),
            SampleRuns.epoch(3, 2.304, 0.1, Double.NaN, Double.NaN),
            SampleRuns.epoch(4, 2.303, 0.1, Double.NaN, Double.NaN));

    Finding finding = only(SampleRuns.data(epochs, null, null), Findings.LOSS_NOT_DECREASING);

    assertThat(finding.detail()).contains("2.303", "2.302", "3 epochs after");
  }

  /** As the trainer's rule: two epochs after the first are too few to judge. */
  @Test
  void flatLossForTwoEpochsAfterTheFirst_isTooShortToJudge() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 2.303, 0.1, Double.NaN, Double.NaN),
            SampleRuns.epoch(2, 2.302, 0.1, Double.NaN, Double.NaN),
            SampleRuns.epoch(3, 2.304, 0.1, Double.NaN, Double.NaN));

    assertThat(titles(SampleRuns.data(epochs, null, null)))
        .doesNotContain(Findings.LOSS_NOT_DECREASING);
  }

  @Test
  void lossThatStallsForThreeEpochs_isNotDecreasing() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 2.0, 0.3, Double.NaN, Double.NaN),
            SampleRuns.epoch(2, 1.0, 0.6, Double.NaN, Double.NaN),
            SampleRuns.epoch(3, 1.0, 0.6, Double.NaN, Double.NaN),
            SampleRuns.epoch(4, 1.05, 0.6, Double.NaN, Double.NaN),
            SampleRuns.epoch(5, 0.995, 0.6, Double.NaN, Double.NaN));

    Finding finding = only(SampleRuns.data(epochs, null, null), Findings.LOSS_NOT_DECREASING);

    assertThat(finding.detail()).contains("stopped", "epoch 2");
  }

  @Test
  void divergedLoss_isNotANumber() {
    List<EpochStats> epochs =
        List.of(
            SampleRuns.epoch(1, 2.0, 0.3, Double.NaN, Double.NaN),
            SampleRuns.epoch(2, Double.NaN, 0.1, Double.NaN, Double.NaN));

    Finding finding = only(SampleRuns.data(epochs, null, null), Findings.LOSS_NOT_FINITE);

    assertThat(finding.detail()).contains("NaN", "epoch 2", "learning rate");
    assertThat(titles(SampleRuns.data(epochs, null, null)))
        .doesNotContain(Findings.LOSS_NOT_DECREASING);
  }

  @Test
  void confusion_namesWorstClassesAndMostConfusedPair() {
    TrainingReportData data =
        SampleRuns.data(
            SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, SampleRuns.healthyCpuProfile());

    assertThat(only(data, Findings.WORST_CLASSES).detail())
        .startsWith("Lowest per-class accuracy: \"dog\" 50.0% (5 of 10), \"cat\" 80.0% (8 of 10)")
        .contains("overall 73.3%");
    assertThat(only(data, Findings.MOST_CONFUSED).detail())
        .isEqualTo(
            "\"dog\" was taken for \"cat\" 4 times (40.0% of its examples), the most common"
                + " mistake.");
  }

  @Test
  void warningsComeBeforeInformation() {
    Profile idleGpu = new Profile("gpu", 4, 60, 30, 30, 0, 0, 500, 0.3, 0.2, 1, 1);
    List<Finding> findings =
        Findings.of(SampleRuns.data(SampleRuns.healthyEpochs(), SampleRuns.CONFUSION, idleGpu));

    assertThat(findings)
        .extracting(Finding::severity)
        .isSortedAccordingTo((a, b) -> b.compareTo(a));
    assertThat(findings)
        .extracting(Finding::title)
        .containsExactly(
            Findings.DATA_STARVATION,
            Findings.LOW_GPU,
            Findings.WORST_CLASSES,
            Findings.MOST_CONFUSED);
  }

  @Test
  void emptyRun_hasNoFindings() {
    assertThat(
            Findings.of(
                new TrainingReportData("", List.of(), List.of(), null, null, Map.of(), Map.of())))
        .isEmpty();
  }
}
