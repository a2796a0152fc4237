package io.classroomml.local.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.Metric;
import io.classroomml.contract.MetricDefinitions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricScraperTest {

  @Test
  void finalValue_isTheLastEmittedNotTheBest() {
    MetricScraper scraper = new MetricScraper();
    scraper.accept(
        MetricDefinitions.format(Map.of(Metric.EPOCH, 1.0, Metric.VALIDATION_ACCURACY, 0.8)));
    scraper.accept("some other log line validation_accuracy=0.99");
    scraper.accept(
        MetricDefinitions.format(Map.of(Metric.EPOCH, 2.0, Metric.VALIDATION_ACCURACY, 0.7)));
    assertThat(scraper.last("validation:accuracy")).hasValue(0.7);
    assertThat(scraper.series().get("validation:accuracy")).containsExactly(0.8, 0.7);
    assertThat(scraper.finalValues()).containsEntry("epoch", 2.0);
  }

  @Test
  void seed_continuesTheHistoryOfAResumedJob() {
    MetricScraper scraper = new MetricScraper();
    scraper.seed(Map.of("validation:accuracy", List.of(0.5)));
    scraper.accept(MetricDefinitions.format(Map.of(Metric.VALIDATION_ACCURACY, 0.6)));
    assertThat(scraper.series().get("validation:accuracy")).containsExactly(0.5, 0.6);
  }
}
