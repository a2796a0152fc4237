package io.classroomml.training.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parameter arrays by their hierarchical names, and copies between blocks of the same shape. */
final class Parameters {

  private Parameters() {}

  /** Every parameter of {@code block} (weights and batch-norm statistics), by name. */
  static Map<String, Parameter> byName(Block block) {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Pair<String, Parameter> p : block.getParameters()) {
      out.put(p.getKey(), p.getValue());
    }
    return out;
  }

  /** The arrays of {@link #byName}. */
  static Map<String, NDArray> arrays(Block block) {
    Map<String, NDArray> out = new LinkedHashMap<>();
    byName(block).forEach((name, p) -> out.put(name, p.getArray()));
    return out;
  }

  /**
   * Copies the values of every parameter of {@code from} into the parameter of {@code to} with the
   * same name and shape.
   *
   * @return the names copied
   */
  static java.util.Set<String> copy(Block from, Block to) {
    Map<String, Parameter> source = byName(from);
    java.util.Set<String> copied = new java.util.LinkedHashSet<>();
    byName(to)
        .forEach(
            (name, target) -> {
              Parameter p = source.get(name);
              if (p != null
                  && p.getArray().getShape().equals(target.getArray().getShape())
                  && p.getArray().getDataType() == target.getArray().getDataType()) {
                target.getArray().set(p.getArray().toByteBuffer());
                copied.add(name);
              }
            });
    return copied;
  }
}
