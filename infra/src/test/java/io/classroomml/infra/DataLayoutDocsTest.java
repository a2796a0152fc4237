package io.classroomml.infra;

import static org.assertj.core.api.Assertions.assertThat;

import io.classroomml.contract.DataLayout;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs send students' uploads where the pipelines read: every {@code s3://<data-bucket>/...}
 * path in docs/data-formats.md and docs/configuration.md is a channel prefix or the batch input of
 * {@link DataLayout}.
 */
class DataLayoutDocsTest {

  private static final Pattern DATA_PATH =
      Pattern.compile("s3://<data(?:-bucket)?>/([^\\s`'\")]*)");

  @Test
  void docs_uploadToThePrefixesThePipelinesRead() throws Exception {
    List<String> allowed = new ArrayList<>();
    DataLayout.CHANNELS.forEach(c -> allowed.add(DataLayout.channelPrefix(c)));
    allowed.add(DataLayout.BATCH_INPUT_PREFIX);
    List<String> paths = new ArrayList<>();
    for (String doc : List.of("docs/data-formats.md", "docs/configuration.md")) {
      Matcher m = DATA_PATH.matcher(Files.readString(RepoRoot.path().resolve(doc)));
      while (m.find()) {
        paths.add(m.group(1));
      }
    }

    assertThat(paths).isNotEmpty();
    assertThat(paths)
        .allSatisfy(
            path -> assertThat(allowed).anySatisfy(prefix -> assertThat(path).startsWith(prefix)));
    assertThat(String.join(" ", paths)).contains("train/", "validation/");
  }
}
