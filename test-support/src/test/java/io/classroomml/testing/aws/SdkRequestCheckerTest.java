package io.classroomml.testing.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The checker behind infra's and local's {@code FakeAws} refuses what AWS would refuse, so its
 * silence means something.
 */
class SdkRequestCheckerTest {

  @Test
  void jsonRequest_withAMistypedMember_isReported() {
    List<String> problems = new ArrayList<>();

    SdkRequestChecker.check(
        "ssm", Optional.of("AmazonSSM.GetParameter"), "{\"Nme\": \"x\"}", problems);

    assertThat(String.join("\n", problems)).contains("Nme", "Name");
  }

  @Test
  void queryRequest_withAnotherApiVersion_isReported() {
    List<String> problems = new ArrayList<>();

    SdkRequestChecker.check(
        "sts", Optional.empty(), "Action=GetCallerIdentity&Version=2010-01-01", problems);

    assertThat(String.join("\n", problems)).contains("2011-06-15");
  }

  @Test
  void answer_thatAwsWouldNeverGive_isReported() throws Exception {
    List<String> problems = new ArrayList<>();

    SdkRequestChecker.checkOutput(
        "ce",
        "ListCostAllocationTags",
        new ObjectMapper()
            .readTree(
                "{\"CostAllocationTags\": [{\"TagKey\": \"k\", \"Type\": \"UserDefined\", \"Status\": \"On\"}]}"),
        problems);

    assertThat(String.join("\n", problems)).contains("On");
  }

  @Test
  void errorTheModelDoesNotList_isNotDeclared() {
    assertThat(SdkRequestChecker.declaresError("ssm", "GetParameter", "ParameterNotFound"))
        .isTrue();
    assertThat(SdkRequestChecker.declaresError("ssm", "GetParameter", "NoSuchKey")).isFalse();
  }
}
