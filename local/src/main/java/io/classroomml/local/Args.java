package io.classroomml.local;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A verb's command line, parsed once: {@code --name value} options (repeatable ones kept in order),
 * {@code --flag} switches and positional words. Unknown options are an error that lists the known
 * ones.
 */
final class Args {

  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();
  private final String verb;

  private Args(String verb) {
    this.verb = verb;
  }

  /**
   * Parses {@code args}.
   *
   * @param valued options that take a value
   * @param flags options that take none
   */
  static Args parse(String verb, String[] args, Set<String> valued, Set<String> flags) {
    Args parsed = new Args(verb);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq > 0 && valued.contains(name.substring(0, eq))) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
        } else if (valued.contains(name)) {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new LocalException(verb + ": --" + name + " needs a value");
            }
            value = args[++i];
          }
          parsed.options.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        } else {
          List<String> known = new ArrayList<>();
          valued.forEach(v -> known.add("--" + v + " V"));
          flags.forEach(f -> known.add("--" + f));
          throw new LocalException(
              verb + ": unknown option " + a + "; known: " + String.join(", ", known));
        }
      } else {
        parsed.positional.add(a);
      }
    }
    return parsed;
  }

  Optional<String> get(String name) {
    List<String> values = options.get(name);
    return values == null ? Optional.empty() : Optional.of(values.get(values.size() - 1));
  }

  String get(String name, String fallback) {
    return get(name).orElse(fallback);
  }

  List<String> all(String name) {
    return options.getOrDefault(name, List.of());
  }

  boolean flag(String name) {
    return options.containsKey(name);
  }

  int integer(String name, int fallback) {
    Optional<String> v = get(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new LocalException(
          verb + ": --" + name + " must be a whole number, got '" + v.get() + "'");
    }
  }

  List<String> positional() {
    return positional;
  }

  String required(String name) {
    return get(name).orElseThrow(() -> new LocalException(verb + ": --" + name + " is required"));
  }

  /** {@code k=v} pairs of a repeatable option. */
  Map<String, String> pairs(String name) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String kv : all(name)) {
      int eq = kv.indexOf('=');
      if (eq <= 0) {
        throw new LocalException(verb + ": --" + name + " needs NAME=VALUE, got '" + kv + "'");
      }
      map.put(kv.substring(0, eq), kv.substring(eq + 1));
    }
    return map;
  }
}
