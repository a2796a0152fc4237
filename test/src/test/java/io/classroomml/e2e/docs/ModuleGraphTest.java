package io.classroomml.e2e.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's module graph against the poms: every edge it draws is a dependency between project
 * modules, and every such dependency is drawn (test-scope ones only for {@code test-support}; the
 * {@code test} module, which depends on everything, is described rather than drawn).
 */
class ModuleGraphTest {

  /** The project root (surefire runs in {@code test/}). */
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern DEPENDENCY =
      Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
  private static final Pattern EDGE_LINE = Pattern.compile("^([\\w/-]+)\\s+<-\\s+([^(]+)");

  @Test
  void readmeModuleGraph_drawsExactlyTheDependenciesInThePoms() throws IOException {
    Set<String> poms = pomEdges();

    assertThat(poms).contains("serving -> http", "local -> runtime-client");
    assertThat(poms).doesNotContain("local -> serving", "serving -> runtime-client");
    assertThat(readmeEdges()).isEqualTo(poms);
  }

  /** "dependent -> dependency" for each {@code A <- B, C} line of the README's graph. */
  private static Set<String> readmeEdges() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("```", readme.indexOf("## Modules")) + 3;
    String graph = readme.substring(start, readme.indexOf("```", start));
    Set<String> edges = new TreeSet<>();
    for (String line : graph.strip().split("\n")) {
      Matcher m = EDGE_LINE.matcher(line.strip());
      if (m.find()) {
        for (String dependent : m.group(2).split(",")) {
          edges.add(dependent.strip() + " -> " + m.group(1));
        }
      }
    }
    return edges;
  }

  /** "dependent -> dependency" for every project dependency in every module's pom. */
  private static Set<String> pomEdges() throws IOException {
    Set<String> edges = new TreeSet<>();
    for (String module : modules(ROOT, "")) {
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      pom = pom.replaceAll("(?s)<dependencyManagement>.*?</dependencyManagement>", "");
      pom = pom.replaceAll("(?s)<exclusions>.*?</exclusions>", "");
      Matcher d = DEPENDENCY.matcher(pom);
      while (d.find()) {
        String dependency = d.group(1);
        if (!dependency.contains("<groupId>io.classroomml</groupId>")) {
          continue;
        }
        String artifact = dependency.replaceAll("(?s).*<artifactId>([^<]+)</artifactId>.*", "$1");
        boolean testScope = dependency.contains("<scope>test</scope>");
        if (module.equals("test") && !artifact.equals("test-support")) {
          continue;
        }
        if (testScope && !artifact.equals("test-support")) {
          continue;
        }
        edges.add(module + " -> " + artifact.replaceFirst("^images-", "images/"));
      }
    }
    return edges;
  }

  /** Module folders under {@code dir}, with nested aggregators ({@code images}) opened. */
  private static Set<String> modules(Path dir, String prefix) throws IOException {
    Set<String> found = new TreeSet<>();
    Matcher m = MODULE.matcher(Files.readString(dir.resolve("pom.xml")));
    while (m.find()) {
      String module = prefix + m.group(1);
      Set<String> nested = modules(ROOT.resolve(module), module + "/");
      if (nested.isEmpty()) {
        found.add(module);
      } else {
        found.addAll(nested);
      }
    }
    return found;
  }
}
