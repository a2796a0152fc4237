package io.classroomml.local.tune;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.tuning.CategoricalRange;
import io.classroomml.contract.tuning.ContinuousRange;
import io.classroomml.contract.tuning.IntegerRange;
import io.classroomml.contract.tuning.ParameterRanges;
import io.classroomml.contract.tuning.ScalingType;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ParameterSpaceTest {

  private static ParameterSpace space(ContinuousRange range) {
    return new ParameterSpace(new ParameterRanges(List.of(), List.of(range), List.of()));
  }

  @Test
  void logarithmicScaling_drawsEvenlyPerDecade() {
    ParameterSpace space =
        space(new ContinuousRange("learning_rate", 1e-4, 1, ScalingType.LOGARITHMIC));
    Random random = new Random(1);
    int[] decades = new int[4];
    for (int i = 0; i < 4000; i++) {
      double v = Double.parseDouble(space.sample(random).get("learning_rate"));
      assertThat(v).isBetween(1e-4, 1.0);
      decades[(int) Math.min(3, Math.floor(Math.log10(v) + 4))]++;
    }
    // uniform in log space: about 1000 per decade; linear scaling would put 90 % in the last one
    for (int count : decades) {
      assertThat(count).isBetween(850, 1150);
    }
  }

  @Test
  void reverseLogarithmicScaling_staysBelowOneAndCrowdsNearIt() {
    ParameterSpace space =
        space(new ContinuousRange("momentum", 0.5, 0.999, ScalingType.REVERSE_LOGARITHMIC));
    Random random = new Random(2);
    int above09 = 0;
    for (int i = 0; i < 2000; i++) {
      double v = Double.parseDouble(space.sample(random).get("momentum"));
      assertThat(v).isGreaterThanOrEqualTo(0.5).isLessThan(1.0);
      if (v > 0.9) {
        above09++;
      }
    }
    // linear would give 0.099/0.499 = 20 % above 0.9; reverse-log gives far more
    assertThat(above09).isGreaterThan(2000 / 2);
  }

  @Test
  void autoScaling_isLogarithmicForWidePositiveRangesOnly() {
    assertThat(ParameterSpace.scale(ScalingType.AUTO, 1e-4, 1)).isEqualTo(ParameterSpace.Scale.LOG);
    assertThat(ParameterSpace.scale(ScalingType.AUTO, 0, 1)).isEqualTo(ParameterSpace.Scale.LINEAR);
    assertThat(ParameterSpace.scale(ScalingType.AUTO, 10, 50))
        .isEqualTo(ParameterSpace.Scale.LINEAR);
  }

  @Test
  void integersAreWholeAndInsideTheRange() {
    ParameterSpace space =
        new ParameterSpace(
            new ParameterRanges(
                List.of(new IntegerRange("epochs", 1, 9, ScalingType.LINEAR)),
                List.of(),
                List.of()));
    Random random = new Random(3);
    java.util.Set<String> seen = new java.util.TreeSet<>();
    for (int i = 0; i < 500; i++) {
      seen.add(space.sample(random).get("epochs"));
    }
    assertThat(seen).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9");
  }

  @Test
  void encodeThenDecode_givesTheSameSetting() {
    ParameterSpace space =
        new ParameterSpace(
            new ParameterRanges(
                List.of(new IntegerRange("epochs", 1, 20, ScalingType.LINEAR)),
                List.of(new ContinuousRange("learning_rate", 0.001, 0.1, ScalingType.LOGARITHMIC)),
                List.of(new CategoricalRange("model", List.of("smallcnn", "resnet20")))));
    assertThat(space.encodedSize()).isEqualTo(4);
    Map<String, String> setting =
        Map.of("epochs", "7", "learning_rate", "0.01", "model", "resnet20");
    double[] x = space.encode(setting);
    assertThat(x[1]).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(x).endsWith(0.0, 1.0);
    assertThat(space.decode(x))
        .isEqualTo(Map.of("epochs", "7", "learning_rate", "0.01", "model", "resnet20"));
  }
}
