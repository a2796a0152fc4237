package io.classroomml.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RequirementsTest {

  private static Properties allow(String value) {
    Properties p = new Properties();
    p.setProperty(Requirements.ALLOW_MISSING_PROPERTY, value);
    return p;
  }

  @Test
  void aMissingTool_failsWithTheInstallLine() {
    assertThatThrownBy(
            () ->
                Requirements.require(
                    false, "runc", "apt-get install runc", new Properties(), Map.of()))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("runc is missing: apt-get install runc")
        .hasMessageContaining("-Dclassroom.allowMissingTools=true");
  }

  @Test
  void aMissingTool_skipsWhenTheUserOptedOut() {
    assertThatThrownBy(
            () ->
                Requirements.require(
                    false, "runc", "apt-get install runc", allow("true"), Map.of()))
        .isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(
            () ->
                Requirements.require(
                    false,
                    "runc",
                    "apt-get install runc",
                    new Properties(),
                    Map.of(Requirements.ALLOW_MISSING_ENV, "1")))
        .isInstanceOf(TestAbortedException.class);
  }

  @Test
  void anOptOutThatIsNotTrue_stillFails() {
    assertThatThrownBy(
            () ->
                Requirements.require(
                    false, "runc", "apt-get install runc", allow("false"), Map.of()))
        .isInstanceOf(AssertionFailedError.class);
  }

  @Test
  void aPresentTool_passes() {
    assertThatCode(() -> Requirements.require(true, "sh", "-", new Properties(), Map.of()))
        .doesNotThrowAnyException();
  }
}
