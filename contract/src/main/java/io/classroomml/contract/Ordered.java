package io.classroomml.contract;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps that keep the order they were written in. {@code Map.of} iterates in an order salted per
 * JVM, and jsii serializes maps in iteration order, so state machine definitions, policies and
 * properties built with it come out differently on every synth: each {@code cdk deploy} would then
 * update resources that did not change. Everything the CDK app and the request objects of contract
 * hand to CDK go through here.
 */
public final class Ordered {

  private Ordered() {}

  /** An unmodifiable map of {@code key, value, key, value, …} in that order. */
  @SuppressWarnings("unchecked")
  public static <K, V> Map<K, V> map(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    Map<K, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      K key = (K) keysAndValues[i];
      if (map.put(key, (V) keysAndValues[i + 1]) != null) {
        throw new IllegalArgumentException("duplicate key " + key);
      }
    }
    return Collections.unmodifiableMap(map);
  }
}
