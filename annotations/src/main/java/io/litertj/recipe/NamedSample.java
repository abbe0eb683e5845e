package io.litertj.recipe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A calibration sample keyed by input name: the fallback when the model was not there at compile
 * time, so no typed sample record could be generated.
 *
 * <pre>{@code NamedSample.of("features", new float[16])}</pre>
 */
public record NamedSample(Map<String, Object> tensors) implements Sample {

  public NamedSample {
    tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    tensors.forEach((name, value) -> {
      Objects.requireNonNull(value, name);
      if (!value.getClass().isArray() || !value.getClass().getComponentType().isPrimitive()) {
        throw new IllegalArgumentException("input '" + name + "' must be a primitive array, not " + value.getClass().getName());
      }
    });
  }

  /** A sample of one input. */
  public static NamedSample of(String name, Object values) {
    return new NamedSample(Map.of(name, values));
  }

  /** A sample of two inputs. */
  public static NamedSample of(String name1, Object values1, String name2, Object values2) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(name1, values1);
    map.put(name2, values2);
    return new NamedSample(map);
  }
}
