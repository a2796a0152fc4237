package io.classroomml.contract.hyperparameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TrainerHyperparametersTest {

  @Test
  void everyDefaultIsAValidValueOfItsOwnHyperparameter() {
    for (Hyperparameter h : TrainerHyperparameters.ALL) {
      h.defaultValue()
          .ifPresent(v -> assertThat(h.parse(Hyperparameter.text(v))).as(h.name()).isEqualTo(v));
    }
  }

  @Test
  void aHyperparameterWithoutOneDefaultDescribesItInWords() {
    assertThat(TrainerHyperparameters.LEARNING_RATE.defaultValue()).isEmpty();
    assertThat(TrainerHyperparameters.LEARNING_RATE.defaultString())
        .isEqualTo("0.1 (sgd/nesterov), 0.001 (adam/adamw)");
    assertThat(TrainerHyperparameters.defaultLearningRate("adamw")).isEqualTo(0.001);
    assertThat(TrainerHyperparameters.defaultLearningRate("nesterov")).isEqualTo(0.1);
  }

  @Test
  void valuesAreParsedToTheirTypeOrRefusedWithAReason() {
    assertThat(TrainerHyperparameters.BATCH_SIZE.parse(" 256.0 ")).isEqualTo(256);
    assertThat(TrainerHyperparameters.OPTIMIZER.parse("AdamW")).isEqualTo("adamw");
    assertThat(TrainerHyperparameters.named("tta").orElseThrow().parse("no")).isEqualTo(false);
    assertThat(TrainerHyperparameters.EPOCHS.problem("2.5")).contains("not a whole number");
    assertThat(TrainerHyperparameters.EPOCHS.problem("0")).contains("out of range");
    assertThat(TrainerHyperparameters.LEARNING_RATE.problem("0")).contains("out of range");
    assertThat(TrainerHyperparameters.LEARNING_RATE.valid()).isEqualTo("a number in (0, 100]");
    assertThatThrownBy(() -> TrainerHyperparameters.OPTIMIZER.parse("rmsprop"))
        .hasMessage("unknown choice");
  }

  @Test
  void sageMakersAndTheTunersAdditionsAreIgnored() {
    assertThat(TrainerHyperparameters.isIgnored("sagemaker_program")).isTrue();
    assertThat(TrainerHyperparameters.isIgnored("_tuning_objective_metric")).isTrue();
    assertThat(TrainerHyperparameters.isIgnored("epochs")).isFalse();
  }

  /** docs/training.md's table lists exactly the schema's names, in the schema's order. */
  @Test
  void theTrainingDocListsExactlyTheSchema() throws IOException {
    Path doc = Path.of("..", "docs", "training.md");
    String text = Files.readString(doc);
    int start = text.indexOf("## Hyperparameters");
    int end = text.indexOf("\n## ", start + 1);
    Matcher row =
        Pattern.compile("(?m)^\\| (`[a-z_]+`(?:, `[a-z_]+`)*) \\|")
            .matcher(text.substring(start, end));
    List<String> names = new ArrayList<>();
    while (row.find()) {
      for (String name : row.group(1).split(", ")) {
        names.add(name.replace("`", ""));
      }
    }
    assertThat(names).containsExactlyElementsOf(TrainerHyperparameters.NAMES);
  }
}
