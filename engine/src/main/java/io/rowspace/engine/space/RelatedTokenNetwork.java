package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.nn.ScalarOps;
import io.rowspace.engine.nn.TabularTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The network that turns related rows into tokens, on PyTorch (training, and the tokens the Java
 * pass reads through {@link RelatedTokenValues}): a related row is the mean of its column tokens
 * plus its nested relations' tokens, through a GELU layer; a child relation pools its rows per
 * holder by attention and by mean, joined with the count and summaries; a parent relation's row
 * is scaled by a learned gate, or replaced by a learned "missing" token. The weights are those
 * {@link RelatedTokens#addTo} laid out.
 */
final class RelatedTokenNetwork {
  private RelatedTokenNetwork() {
  }

  /** The related tokens of the given holder rows: (holders, tokens, d). */
  static RelatedTokens.Output forward(Map<String, NDArray> p, NDManager scope,
      List<RelatedTokens.Encoded> encoded, int[] holders, int d) {
    List<NDArray> gates = new ArrayList<>();
    NDArray tokens = null;
    for (RelatedTokens.Encoded e : encoded) {
      NDArray token = token(p, scope, e, holders, d, gates).expandDims(1);
      tokens = tokens == null ? token : tokens.concat(token, 1);
    }
    NDArray penalty = null;
    for (NDArray g : gates) {
      penalty = penalty == null ? g.mean() : penalty.add(g.mean());
    }
    return new RelatedTokens.Output(tokens, penalty);
  }

  private static NDArray token(Map<String, NDArray> p, NDManager scope, RelatedTokens.Encoded e, int[] holders, int d,
      List<NDArray> gates) {
    String prefix = e.node.prefix();
    int h = holders.length;
    int width = 1;
    int instances = 0;
    for (int holder : holders) {
      width = Math.max(width, e.members[holder].length);
      instances += e.members[holder].length;
    }
    int[] rows = new int[instances];
    long[] slots = new long[h * width];
    float[] valid = new float[h * width];
    float[] padding = new float[h * width];
    float[] kept = new float[h];
    int next = 0;
    for (int i = 0; i < h; i++) {
      int[] m = e.members[holders[i]];
      for (int j = 0; j < width; j++) {
        if (j < m.length) {
          rows[next] = m[j];
          slots[i * width + j] = next++;
          valid[i * width + j] = 1f;
        } else {
          slots[i * width + j] = instances;
          padding[i * width + j] = -1e4f;
        }
      }
      kept[i] = Math.max(1, m.length);
    }
    NDArray table = scope.zeros(new Shape(1, d));
    if (instances > 0) {
      NDArray hidden = TabularTransformer.gelu(
          rowInput(p, scope, e, rows, d, gates).matMul(p.get(prefix + "row.w")).add(p.get(prefix + "row.b")));
      table = hidden.concat(table, 0);
    }
    NDArray index = scope.create(slots, new Shape(h, width));
    NDArray gathered = index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE)
        .singletonOrThrow();
    NDArray present = scope.create(valid, new Shape(h, width));
    if (e.node.relation.kind() == Relation.Kind.CHILD) {
      // Numbers in the graph go through ScalarOps: DJL's own scalar operands can be freed
      // before the backward pass reads them.
      NDArray scores = ScalarOps.mul(
          gathered.matMul(p.get(prefix + "attn.q").reshape(d, 1)).squeeze(2),
          (float) (1 / Math.sqrt(d))).add(scope.create(padding, new Shape(h, width)));
      NDArray attention = scores.softmax(1).mul(present).expandDims(2);
      NDArray pooled = gathered.mul(attention).sum(new int[] {1});
      NDArray mean = gathered.mul(present.expandDims(2)).sum(new int[] {1})
          .div(scope.create(kept, new Shape(h, 1)));
      int s = e.node.relation.summaryWidth();
      float[] summary = new float[h * s];
      for (int i = 0; i < h; i++) {
        System.arraycopy(e.summaries, holders[i] * s, summary, i * s, s);
      }
      NDArray features = pooled.concat(mean, 1).concat(scope.create(summary, new Shape(h, s)), 1);
      return features.matMul(p.get(prefix + "pool.w")).add(p.get(prefix + "pool.b"));
    }
    NDArray parent = gathered.squeeze(1);
    NDArray found = present;
    float[] notFound = new float[h];
    for (int i = 0; i < h; i++) {
      notFound[i] = 1f - valid[i];
    }
    NDArray gate = parent.matMul(p.get(prefix + "gate.w")).add(p.get(prefix + "gate.b"))
        .getNDArrayInternal().sigmoid().mul(found);
    gates.add(gate);
    NDArray encoded = parent.matMul(p.get(prefix + "tok.w")).add(p.get(prefix + "tok.b"));
    return encoded.mul(gate).add(scope.create(notFound, new Shape(h, 1))
        .mul(p.get(prefix + "missing").reshape(1, d)));
  }

  /** What a related row brings before its relation's layer: (rows, d). */
  private static NDArray rowInput(Map<String, NDArray> p, NDManager scope, RelatedTokens.Encoded e, int[] rows, int d,
      List<NDArray> gates) {
    String prefix = e.node.prefix();
    NDArray x;
    if (e.rows != null) {
      EncodedRows selected = e.rows.select(rows);
      NDArray idx = scope.create(selected.indexAsLongs(),
          new Shape(rows.length, selected.columns(), selected.slots()));
      NDArray features = scope.create(selected.values(),
          new Shape(rows.length, selected.columns(), selected.features()));
      NDArray content = TabularTransformer.content(
          Map.of("embed", p.get(prefix + "embed"), "scalar.w", p.get(prefix + "scalar.w")),
          idx, features);
      x = content.add(p.get(prefix + "pos")).mean(new int[] {1});
    } else {
      x = p.get(prefix + "constant").reshape(1, d).broadcast(new Shape(rows.length, d));
    }
    for (RelatedTokens.Encoded n : e.nested) {
      x = x.add(token(p, scope, n, rows, d, gates));
    }
    return x;
  }
}
