/** Writes the generated CIFAR-format data set: {@code java -cp 'training/target/lib/*' GenerateData.java DIR PER_CLASS TEST_PER_CLASS}. */
public class GenerateData {
  public static void main(String[] args) throws Exception {
    io.classroomml.datasets.SyntheticCifar10.write(
        java.nio.file.Path.of(args[0]), Integer.parseInt(args[1]), Integer.parseInt(args[2]), 42);
  }
}
