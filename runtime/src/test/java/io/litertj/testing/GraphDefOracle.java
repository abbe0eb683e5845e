package io.litertj.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.GraphDef;

/**
 * Real TensorFlow (TF Java 1.1.0) running a GraphDef: imports it into a graph and runs a session,
 * feeding and fetching tensors by name ({@code node} or {@code node:1}).
 */
public final class GraphDefOracle implements AutoCloseable {

  private final Graph graph;
  private final Session session;

  private GraphDefOracle(Graph graph) {
    this.graph = graph;
    this.session = new Session(graph);
  }

  public static GraphDefOracle load(GraphDef graphDef) {
    Graph g = new Graph();
    try {
      g.importGraphDef(graphDef);
    } catch (RuntimeException e) {
      g.close();
      throw new IllegalStateException("TensorFlow could not import the GraphDef: " + e.getMessage(), e);
    }
    return new GraphDefOracle(g);
  }

  /**
   * Feeds {@code inputs} (by tensor name) and fetches {@code outputs}.
   *
   * @return the fetched tensors by the names asked for, in that order. A fed tensor is its fed value
   *     (TensorFlow refuses to fetch what it is fed, which is what the value would be).
   */
  public Map<String, TensorData> run(Map<String, TensorData> inputs, List<String> outputs) {
    List<Tensor> feeds = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<String, TensorData> e : inputs.entrySet()) {
        Tensor t = TensorFlowOracle.toTensor(e.getValue());
        feeds.add(t);
        runner.feed(e.getKey(), t);
      }
      List<String> fetched = new ArrayList<>();
      for (String name : outputs) {
        if (fedValue(inputs, name) == null) {
          runner.fetch(name);
          fetched.add(name);
        }
      }
      Map<String, TensorData> byName = new LinkedHashMap<>();
      if (!fetched.isEmpty()) {
        try (Result result = runner.run()) {
          for (int i = 0; i < fetched.size(); i++) {
            byName.put(fetched.get(i), TensorFlowOracle.fromTensor(fetched.get(i), result.get(i)));
          }
        }
      }
      Map<String, TensorData> out = new LinkedHashMap<>();
      for (String name : outputs) {
        TensorData fed = fedValue(inputs, name);
        out.put(name, fed != null ? fed.named(name) : byName.get(name));
      }
      return out;
    } catch (RuntimeException e) {
      throw new IllegalStateException("TensorFlow failed to run the GraphDef: " + e.getMessage(), e);
    } finally {
      feeds.forEach(Tensor::close);
    }
  }

  private static TensorData fedValue(Map<String, TensorData> inputs, String tensor) {
    String key = tensor.endsWith(":0") ? tensor.substring(0, tensor.length() - 2) : tensor;
    TensorData v = inputs.get(key);
    return v != null ? v : inputs.get(key + ":0");
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
