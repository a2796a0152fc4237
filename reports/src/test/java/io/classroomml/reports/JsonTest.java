package io.classroomml.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void write_keepsKeyOrderIndentsTwoSpacesAndEndsWithANewline() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("z", "last letter");
    value.put("a", List.of(1, 2));
    value.put("empty", Map.of());

    assertThat(Json.write(value))
        .isEqualTo(
            "{\n  \"z\": \"last letter\",\n  \"a\": [\n    1,\n    2\n  ],\n  \"empty\": {}\n}\n");
  }

  @Test
  void write_unknownNumbersAreNull() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("nan", Double.NaN);
    value.put("infinite", Float.POSITIVE_INFINITY);
    value.put("finite", 0.25);

    assertThat(Json.write(value))
        .contains("\"nan\": null", "\"infinite\": null", "\"finite\": 0.25");
  }

  @Test
  void write_escapesControlCharactersAndQuotes() {
    assertThat(Json.write(Map.of("title", "say \"hi\"\n\ttwice")))
        .contains("\"title\": \"say \\\"hi\\\"\\n\\ttwice\"");
  }
}
