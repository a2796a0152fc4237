package io.classroomml.infra.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassroomCliTest {

  @TempDir Path dir;

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final FakeAws aws = FakeAws.readyAccount();
  final DeployTest.RecordedCommands commands = new DeployTest.RecordedCommands();

  int run(String... args) throws Exception {
    TestRoots.create(dir, Map.of());
    ClassroomCli.Wiring wiring =
        new ClassroomCli.Wiring(
            profile -> aws.clients(),
            profile -> Optional.of("us-east-1"),
            profile -> commands,
            dir,
            new PrintStream(out, true, StandardCharsets.UTF_8));
    return ClassroomCli.execute(wiring, new PrintStream(err, true, StandardCharsets.UTF_8), args);
  }

  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void deployDryRun_printsThePlanAndCallsNothing() throws Exception {
    int status = run("deploy", "--dry-run");

    assertThat(status).isZero();
    assertThat(out())
        .contains(
            "dry run",
            "1. preflight",
            "2. bootstrap",
            "3. platform stack",
            "4. images",
            "5. student stacks",
            "cdk deploy Classroom-Platform",
            "scripts/build-images",
            "Classroom-alice Classroom-bob");
    assertThat(aws.requests).isEmpty();
    assertThat(commands.run).isEmpty();
  }

  @Test
  void preflight_readyAccount_printsTheTableAndExitsZero() throws Exception {
    int status = run("preflight");

    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out()).contains("check", "credentials", "bootstrap", "cost tag", "quota", "images");
  }

  @Test
  void preflight_failingCheck_exitsOne() throws Exception {
    int status = run("preflight", "-c", "account=210987654321");

    assertThat(status).isEqualTo(1);
    assertThat(out()).contains("FAIL");
  }

  @Test
  void badContextOption_namesTheFormat() throws Exception {
    int status = run("-c", "students", "preflight");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("-c key=value");
  }

  @Test
  void badFlavour_namesTheChoices() throws Exception {
    int status = run("deploy", "--dry-run", "--training", "tpu");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cpu or gpu");
  }
}
