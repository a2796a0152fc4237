package io.classroomml.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.MetricDefinitions.MetricDefinition;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricDefinitionsTest {

  @Test
  void formattedLineIsReadBackByEveryRegex() {
    Map<Metric, Double> values = new EnumMap<>(Metric.class);
    double v = 0.5;
    for (Metric m : Metric.values()) {
      values.put(m, m == Metric.EPOCH ? 7.0 : (v += 0.125));
    }
    values.put(Metric.LEARNING_RATE, 1.25e-5);

    String line = MetricDefinitions.format(values);

    assertThat(line).startsWith("metrics: epoch=7 ");
    assertThat(MetricDefinitions.parse(line)).isEqualTo(values);
  }

  @Test
  void similarKeysDoNotMatchEachOther() {
    String line =
        MetricDefinitions.format(Map.of(Metric.VALIDATION_LOSS, 2.0, Metric.EPOCH_SECONDS, 3.0));

    assertThat(MetricDefinitions.named("train:loss").orElseThrow().valueIn(line)).isEmpty();
    assertThat(MetricDefinitions.named("epoch").orElseThrow().valueIn(line)).isEmpty();
    assertThat(MetricDefinitions.named("validation:loss").orElseThrow().valueIn(line))
        .hasValue(2.0);
  }

  @Test
  void nonFiniteValuesAreNeverScraped() {
    String line =
        MetricDefinitions.format(
            Map.of(
                Metric.TRAIN_LOSS, Double.NaN, Metric.VALIDATION_LOSS, Double.POSITIVE_INFINITY));

    assertThat(line).contains("train_loss=nan").contains("validation_loss=inf");
    assertThat(MetricDefinitions.parse(line)).isEmpty();
  }

  @Test
  void otherLogLinesAreIgnored() {
    assertThat(MetricDefinitions.parse("epoch 3: train_loss=0.5 (not a metric line)")).isEmpty();
  }

  @Test
  void definitionsStayWithinSageMakerLimits() {
    assertThat(MetricDefinitions.all()).hasSizeLessThanOrEqualTo(MetricDefinitions.MAX_DEFINITIONS);
    for (MetricDefinition d : MetricDefinitions.all()) {
      assertThat(d.regex().length()).isLessThanOrEqualTo(MetricDefinitions.MAX_REGEX_LENGTH);
      assertThat(d.name()).hasSizeBetween(1, 255);
      // Only constructs that Python's re reads the same way.
      assertThat(d.regex())
          .doesNotContain("(?<")
          .doesNotContain("\\p{")
          .doesNotContain("++")
          .doesNotContain("\\z");
    }
  }
}
