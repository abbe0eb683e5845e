package io.litertj.tfgraph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;

/**
 * Op definitions as the SavedModel lists them ({@code stripped_op_list}). Needed to map a function
 * body's {@code node:output_arg:index} references to flat output indices, and to fill in default
 * attribute values that writers leave out.
 */
public final class OpDefs {

  private final Map<String, OpDef> byName = new HashMap<>();

  public OpDefs(List<OpDef> defs) {
    for (OpDef def : defs) {
      byName.put(def.getName(), def);
    }
  }

  public OpDef get(String op) {
    return byName.get(op);
  }

  /** The node's attributes, with the op's defaults for the ones it leaves out. */
  public Map<String, AttrValue> attrsWithDefaults(NodeDef node) {
    OpDef def = byName.get(node.getOp());
    if (def == null) {
      return node.getAttrMap();
    }
    Map<String, AttrValue> attrs = new HashMap<>(node.getAttrMap());
    for (OpDef.AttrDef attr : def.getAttrList()) {
      if (!attrs.containsKey(attr.getName()) && attr.hasDefaultValue()) {
        attrs.put(attr.getName(), attr.getDefaultValue());
      }
    }
    return attrs;
  }

  /**
   * The flat output index of {@code argName:index} of a node, or -1 if the op or argument is not
   * known. List arguments count as many outputs as their length attribute says.
   */
  public int flatOutputIndex(String op, Map<String, AttrValue> attrs, String argName, int index) {
    OpDef def = byName.get(op);
    if (def == null) {
      // SavedModels list only the main graph's ops; function bodies use many more.
      return MultiOutputOps.flatIndex(op, argName, index);
    }
    int offset = 0;
    for (OpDef.ArgDef arg : def.getOutputArgList()) {
      if (arg.getName().equals(argName)) {
        return offset + index;
      }
      offset += argLength(arg, attrs);
    }
    return -1;
  }

  private static int argLength(OpDef.ArgDef arg, Map<String, AttrValue> attrs) {
    if (!arg.getNumberAttr().isEmpty()) {
      AttrValue n = attrs.get(arg.getNumberAttr());
      return n == null ? 1 : (int) n.getI();
    }
    if (!arg.getTypeListAttr().isEmpty()) {
      AttrValue list = attrs.get(arg.getTypeListAttr());
      return list == null ? 1 : list.getList().getTypeCount();
    }
    return 1;
  }
}
