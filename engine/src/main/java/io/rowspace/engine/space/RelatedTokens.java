package io.rowspace.engine.space;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.rowspace.engine.data.Frame;
import io.rowspace.engine.data.RelatedRows;
import io.rowspace.engine.data.Relation;
import io.rowspace.engine.data.Renaming;
import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.EncodedRows;
import io.rowspace.engine.encode.RowEncoder;
import io.rowspace.engine.nn.ParameterLayout;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The related tables of a space, each turned into one token of its holder's rows.
 *
 * <p>A related row is encoded by its own table's column encoders: the mean of its column tokens,
 * plus the tokens of its own nested relations, through a GELU layer. A child relation (1:N)
 * aggregates its rows per holder row by attention pooling and mean pooling, joined with the count
 * of related rows and numeric summaries over all of them. A parent relation (N:1) contributes its
 * row's encoding scaled by a learned gate in [0, 1], whose mean is penalised (L1) so parents that
 * add nothing fade out; a holder row without a parent row gets a learned "missing" token.
 *
 * <p>Everything here works on global row indexes into the rows encoded once per training or query
 * batch, so a batch of holder rows never copies its related rows. Fitting on the training rows is
 * {@link RelatedTokenFitting}'s, the network that makes the tokens {@link RelatedTokenNetwork}'s;
 * this class holds what was fitted, lays out the weights, encodes rows and writes its part of the
 * space's format (as the space's other parts write theirs, {@code engine.store.SpaceFormat}).
 */
public final class RelatedTokens {
  /** Weight of the L1 penalty on parent gates. */
  public static final float GATE_PENALTY = 0.01f;
  /** Written before relations that carry further summaries (space format 5). */
  private static final int FURTHER_SUMMARIES = -1;

  private final List<Node> top;
  private final List<Node> all;

  /** One relation with what its rows need to be encoded. */
  static final class Node {
    final int id;
    final Relation relation;
    final List<ColumnProfile> profiles;
    final RowEncoder encoder;
    final double[] summaryMean;
    final double[] summaryStd;
    final List<Node> nested;

    Node(int id, Relation relation, List<ColumnProfile> profiles, RowEncoder encoder,
        double[] summaryMean, double[] summaryStd, List<Node> nested) {
      this.id = id;
      this.relation = relation;
      this.profiles = List.copyOf(profiles);
      this.encoder = encoder;
      this.summaryMean = summaryMean;
      this.summaryStd = summaryStd;
      this.nested = List.copyOf(nested);
    }

    String prefix() {
      return "rel" + id + ".";
    }
  }

  /** Rows of one relation encoded once, addressed by global row index. */
  public static final class Encoded {
    final Node node;
    final EncodedRows rows;
    final int[][] members;
    final float[] summaries;
    final long[] counts;
    final List<Encoded> nested;

    Encoded(Node node, EncodedRows rows, int[][] members, float[] summaries, long[] counts,
        List<Encoded> nested) {
      this.node = node;
      this.rows = rows;
      this.members = members;
      this.summaries = summaries;
      this.counts = counts;
      this.nested = nested;
    }

    /** The relation's rows, encoded; null when the relation reads no column of its own. */
    public EncodedRows rows() {
      return rows;
    }

    /** Per holder row, the indexes of its related rows among {@link #rows()}. */
    public int[][] members() {
      return members;
    }

    /** Per holder row, the relation's standardised summaries, row-major. */
    public float[] summaries() {
      return summaries;
    }

    /** Per holder row, how many related rows it has. */
    public long[] counts() {
      return counts;
    }

    /** The encoded rows of the relations nested under this one. */
    public List<Encoded> nested() {
      return nested;
    }
  }

  /** The tokens of a batch of holder rows, and the gate penalty to add to the loss. */
  public record Output(NDArray tokens, NDArray gatePenalty) {}

  RelatedTokens(List<Node> top) {
    this.top = List.copyOf(top);
    List<Node> flat = new ArrayList<>();
    for (Node n : top) {
      collect(n, flat);
    }
    this.all = List.copyOf(flat);
  }

  /** No related tables: a space over its root table alone. */
  public static RelatedTokens none() {
    return new RelatedTokens(List.of());
  }

  private static void collect(Node node, List<Node> into) {
    into.add(node);
    for (Node n : node.nested) {
      collect(n, into);
    }
  }

  /** Number of tokens added to each root row. */
  public int count() {
    return top.size();
  }

  public boolean isEmpty() {
    return top.isEmpty();
  }

  /** The top-level relations, in token order. */
  public List<Relation> relations() {
    return top.stream().map(n -> n.relation).toList();
  }

  /** Token names, in token order after the root columns. */
  public List<String> names() {
    return top.stream().map(n -> n.relation.name()).toList();
  }

  /** Per relation (every depth), the profiles of its table's columns. */
  public Map<Relation, List<ColumnProfile>> profiles() {
    Map<Relation, List<ColumnProfile>> map = new LinkedHashMap<>();
    for (Node n : all) {
      map.put(n.relation, n.profiles);
    }
    return map;
  }

  /**
   * Profiles the related tables and fits their encoders on the rows read for training
   * ({@link RelatedTokenFitting}).
   *
   * @param related one entry per top-level relation
   * @param monitor receives a warning per excluded column
   */
  public static RelatedTokens fit(List<RelatedRows> related, TrainingMonitor monitor) {
    return RelatedTokenFitting.fit(related, monitor);
  }

  /** Summary feature j of a holder row: log count, emptiness, then the relation's summaries. */
  static double summaryFeature(RelatedRows related, int holder, int j) {
    if (related.relation().kind() == Relation.Kind.PARENT) {
      double[] s = related.summary(holder);
      return j < s.length ? s[j] : Double.NaN;
    }
    if (j == 0) {
      return Math.log1p(related.count(holder));
    }
    if (j == 1) {
      return related.count(holder) == 0 ? 1 : 0;
    }
    double[] s = related.summary(holder);
    return j < s.length ? s[j] : Double.NaN;
  }

  /** Adds the weights of every relation to a layout of width {@code d}. */
  public void addTo(ParameterLayout l, int d) {
    if (top.isEmpty()) {
      return;
    }
    l.add("relpos", new Shape(top.size(), d), ParameterLayout.Init.NORMAL, 0.1, false);
    for (Node n : all) {
      String p = n.prefix();
      if (n.encoder != null) {
        int c = n.encoder.columnCount();
        int f = n.encoder.features();
        l.add(p + "embed", new Shape(n.encoder.vocabularySize(), d), ParameterLayout.Init.NORMAL,
            0.5, false);
        l.add(p + "scalar.w", new Shape(c, f, d), ParameterLayout.Init.NORMAL,
            1.0 / Math.sqrt(f), true);
        l.add(p + "pos", new Shape(c, d), ParameterLayout.Init.NORMAL, 0.1, false);
      } else {
        l.add(p + "constant", new Shape(d), ParameterLayout.Init.NORMAL, 0.5, false);
      }
      l.add(p + "row.w", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
      l.add(p + "row.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      if (n.relation.kind() == Relation.Kind.CHILD) {
        int in = 2 * d + n.relation.summaryWidth();
        l.add(p + "attn.q", new Shape(d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), false);
        l.add(p + "pool.w", new Shape(in, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(in),
            true);
        l.add(p + "pool.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
      } else {
        l.add(p + "gate.w", new Shape(d, 1), ParameterLayout.Init.NORMAL, 0.1 / Math.sqrt(d),
            false);
        l.add(p + "gate.b", new Shape(1), ParameterLayout.Init.ZEROS, 0, false);
        l.add(p + "tok.w", new Shape(d, d), ParameterLayout.Init.NORMAL, 1 / Math.sqrt(d), true);
        l.add(p + "tok.b", new Shape(d), ParameterLayout.Init.ZEROS, 0, false);
        l.add(p + "missing", new Shape(d), ParameterLayout.Init.NORMAL, 0.5, false);
      }
    }
  }

  /**
   * Encodes the related rows of a frame once. Relations the frame lacks (rows given by values)
   * count as having no related rows.
   */
  public List<Encoded> encode(Frame frame) {
    List<Encoded> encoded = new ArrayList<>(top.size());
    for (Node n : top) {
      RelatedRows rows = frame.related().stream()
          .filter(r -> r.relation().name().equals(n.relation.name()))
          .findFirst().orElseGet(() -> RelatedRows.none(n.relation, frame.rowCount()));
      encoded.add(encode(n, rows));
    }
    return encoded;
  }

  private static Encoded encode(Node node, RelatedRows related) {
    int holders = related.holderCount();
    int width = node.relation.summaryWidth();
    float[] summaries = new float[holders * width];
    long[] counts = new long[holders];
    int[][] members = new int[holders][];
    for (int h = 0; h < holders; h++) {
      counts[h] = related.count(h);
      members[h] = related.members(h);
      for (int j = 0; j < width; j++) {
        double v = summaryFeature(related, h, j);
        summaries[h * width + j] = Double.isFinite(v)
            ? (float) ((v - node.summaryMean[j]) / node.summaryStd[j]) : 0f;
      }
    }
    EncodedRows rows = node.encoder == null ? null : node.encoder.encode(related.rows());
    List<Encoded> nested = new ArrayList<>();
    for (int i = 0; i < node.nested.size(); i++) {
      Node n = node.nested.get(i);
      RelatedRows nestedRows = i < related.nested().size()
          ? related.nested().get(i) : RelatedRows.none(n.relation, related.rows().rowCount());
      nested.add(encode(n, nestedRows));
    }
    return new Encoded(node, rows, members, summaries, counts, nested);
  }

  /**
   * Same-value keys of the related tokens for the per-column objective, (holders x tokens): rows
   * without related rows share one key, every other row is its own value.
   */
  public float[] keys(List<Encoded> encoded, int[] holders) {
    int t = encoded.size();
    float[] keys = new float[holders.length * t];
    for (int i = 0; i < holders.length; i++) {
      for (int j = 0; j < t; j++) {
        Encoded e = encoded.get(j);
        boolean empty = e.node.relation.kind() == Relation.Kind.CHILD
            ? e.counts[holders[i]] == 0 : e.members[holders[i]].length == 0;
        keys[i * t + j] = empty ? 0f : -1f - i;
      }
    }
    return keys;
  }

  /**
   * The related tokens of the given holder rows: (holders, tokens, d), computed by
   * {@link RelatedTokenNetwork}.
   */
  public Output forward(Map<String, NDArray> p, NDManager scope, List<Encoded> encoded, int[] holders,
      int d) {
    return RelatedTokenNetwork.forward(p, scope, encoded, holders, d);
  }

  /**
   * The same tokens (encoders, summary scales, weights) for tables and columns under new names
   * ({@link Relation#renamed}).
   *
   * @param rootTable the old name of the table the relations hang from
   */
  RelatedTokens renamed(Renaming names, String rootTable) {
    List<Node> renamed = new ArrayList<>();
    for (Node n : top) {
      renamed.add(renamed(n, n.relation.renamed(names, rootTable), names));
    }
    return new RelatedTokens(renamed);
  }

  private static Node renamed(Node node, Relation relation, Renaming names) {
    String table = node.relation.table();
    List<ColumnProfile> profiles = node.profiles.stream()
        .map(p -> p.withName(names.column(table, p.name()))).toList();
    RowEncoder encoder = node.encoder == null ? null
        : node.encoder.renamed(c -> names.column(table, c));
    List<Node> nested = new ArrayList<>();
    for (int i = 0; i < node.nested.size(); i++) {
      nested.add(renamed(node.nested.get(i), relation.nested().get(i), names));
    }
    return new Node(node.id, relation, profiles, encoder, node.summaryMean, node.summaryStd,
        nested);
  }

  /**
   * Writes the relations and their encoders. Relations with further summaries are written after
   * a marker (-1, where older spaces wrote the count of relations) and then with their summaries;
   * without any, the bytes are those of older spaces, so their fingerprints do not change.
   */
  public void write(DataOutput out) throws IOException {
    boolean summaries = top.stream().anyMatch(n -> n.relation.hasFurtherSummaries());
    if (summaries) {
      out.writeInt(FURTHER_SUMMARIES);
    }
    out.writeInt(top.size());
    for (Node n : top) {
      n.relation.write(out, summaries);
    }
    for (Node n : all) {
      ModelFile.writeProfiles(out, n.profiles);
      out.writeBoolean(n.encoder != null);
      if (n.encoder != null) {
        out.writeInt(n.encoder.slots());
        out.writeInt(n.encoder.features());
        n.encoder.write(out);
      }
      out.writeInt(n.summaryMean.length);
      for (int j = 0; j < n.summaryMean.length; j++) {
        out.writeDouble(n.summaryMean[j]);
        out.writeDouble(n.summaryStd[j]);
      }
    }
  }

  /** Reads what {@link #write} wrote, in the space format of any version from 3 on. */
  public static RelatedTokens read(DataInput in) throws IOException {
    int count = in.readInt();
    boolean summaries = count == FURTHER_SUMMARIES;
    if (summaries) {
      count = in.readInt();
    }
    if (count < 0 || count > 64) {
      throw new IOException("invalid count of related tables " + count);
    }
    List<Relation> relations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      relations.add(Relation.read(in, 4, summaries));
    }
    int[] ids = {0};
    List<Node> top = new ArrayList<>();
    for (Relation r : relations) {
      top.add(readNode(in, r, ids));
    }
    return new RelatedTokens(top);
  }

  private static Node readNode(DataInput in, Relation relation, int[] ids) throws IOException {
    int id = ids[0]++;
    List<ColumnProfile> profiles = ModelFile.readProfiles(in);
    RowEncoder encoder = null;
    if (in.readBoolean()) {
      int slots = in.readInt();
      int features = in.readInt();
      if (slots < 1 || slots > ColumnEncoder.SLOTS || features < 1
          || features > ColumnEncoder.FEATURES) {
        throw new IOException("invalid token inputs of " + relation.name());
      }
      encoder = RowEncoder.read(in, slots, features);
    }
    int width = in.readInt();
    if (width != relation.summaryWidth()) {
      throw new IOException("summary width of " + relation.name() + " does not match");
    }
    double[] mean = new double[width];
    double[] std = new double[width];
    for (int j = 0; j < width; j++) {
      mean[j] = in.readDouble();
      std[j] = in.readDouble();
    }
    List<Node> nested = new ArrayList<>();
    for (Relation r : relation.nested()) {
      nested.add(readNode(in, r, ids));
    }
    return new Node(id, relation, profiles, encoder, mean, std, nested);
  }
}
