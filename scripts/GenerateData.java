/** Writes the generated CIFAR-format data set: {@code java -cp 'local/target/lib/*:local/target/classroom-local.jar' scripts/GenerateData.java DIR PER_CLASS TEST_PER_CLASS}. */
public class GenerateData {
  public static void main(String[] args) throws Exception {
    io.classroomml.local.data.SyntheticCifar10.write(
        java.nio.file.Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 42);
  }
}
