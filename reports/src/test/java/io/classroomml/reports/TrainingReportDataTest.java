package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingReportDataTest {

  private static TrainingReportData withConfusion(int[][] confusion) {
    return new TrainingReportData(
        "t", List.of(), List.of("a", "b"), confusion, null, Map.of(), Map.of());
  }

  @Test
  void confusionWithWrongRowCount_namesBothSizes() {
    assertThatThrownBy(() -> withConfusion(new int[][] {{1, 2}}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("confusion has 1 rows but classNames has 2 entries");
  }

  @Test
  void confusionWithShortRow_namesTheRow() {
    assertThatThrownBy(() -> withConfusion(new int[][] {{1, 2}, {3}}))
        .hasMessageContaining("confusion[1] has 1 columns but there are 2 classes");
  }

  @Test
  void negativeCount_namesTheCell() {
    assertThatThrownBy(() -> withConfusion(new int[][] {{1, 2}, {3, -4}}))
        .hasMessageContaining("confusion[1][1] is -4");
  }

  @Test
  void confusion_isCopiedInAndOut() {
    int[][] counts = {{1, 2}, {3, 4}};
    TrainingReportData data = withConfusion(counts);
    counts[0][0] = 99;
    data.confusion()[0][1] = 99;

    assertThat(data.confusion()).isEqualTo(new int[][] {{1, 2}, {3, 4}});
  }
}
