package io.classroomml.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line's answers to mistakes: exit code 2, one message, the usage it needs. */
class LocalCliTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return LocalMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void unknownOption_isAUsageErrorThatShowsTheVerbsOptions() {
    assertThat(run("train", "--nmae", "x")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err())
        .startsWith("local train: Unknown option")
        .contains("'--nmae'")
        .contains("--name=N", "--data=DIR");
  }

  @Test
  void unknownVerb_isAUsageErrorThatListsTheVerbs() {
    assertThat(run("trian")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("'trian'").contains("train", "tune", "deploy");
  }

  @Test
  void noVerb_printsTheUsageAsAnError() {
    assertThat(run()).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("Usage: scripts/local", "run", "resume", "describe", "delete");
  }

  @Test
  void help_printsTheUsageAndSucceeds() {
    assertThat(run("help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: scripts/local");
    assertThat(run("--help")).isZero();
  }

  @Test
  void aValueOfTheWrongType_namesTheOption() {
    assertThat(run("train", "--name", "a", "--data", "d", "--threads", "many"))
        .isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("--threads", "'many'");
  }

  @Test
  void run_withCountsBelowOne_namesEachBeforeAnythingStarts() {
    assertThat(run("run", "--epochs", "0", "--invoke", "-1", "--images-per-epoch", "0"))
        .isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err())
        .contains(
            "--epochs 0 must be at least 1",
            "--invoke -1 must be at least 1",
            "--images-per-epoch 0 must be at least 1")
        .doesNotContain("--trials");
  }

  @Test
  void aLocalJobWithoutItsName_saysWhichOptionIsMissing() {
    assertThat(run("train", "--data", "somewhere")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("local train: --name is required");
  }

  @Test
  void anUnknownStrategy_namesTheFourThereAre() {
    assertThat(run("tune", "--name", "t", "--data", "d", "--strategy", "Annealing"))
        .isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("Annealing is not one of Random, Grid, Bayesian, Hyperband");
  }

  @Test
  void theAwsTarget_needsTheStudentOrThePipeline() {
    assertThat(run("tune", "--target", "aws")).isEqualTo(LocalMain.EXIT_USAGE);
    assertThat(err()).contains("local tune: which classroom stack? pass --student ID");
  }
}
