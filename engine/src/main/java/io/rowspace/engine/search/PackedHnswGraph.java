package io.rowspace.engine.search;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;

/**
 * A finished HNSW graph in flat arrays: per level, the nodes on it (every row on level 0) and
 * each node's neighbours, sorted. Immutable, so one graph serves concurrent searches, each
 * through its own {@link #cursor()}; compact to store and quick to load.
 */
final class PackedHnswGraph {
  private final int size;
  private final int entryNode;
  /** Per level above 0, its nodes in increasing order; level 0 holds every node. */
  private final int[][] nodesOnLevel;
  /** Per level, where each node's neighbours start in {@link #neighbours} (one more at the end). */
  private final int[][] offsets;
  private final int[][] neighbours;

  private PackedHnswGraph(int size, int entryNode, int[][] nodesOnLevel, int[][] offsets,
      int[][] neighbours) {
    this.size = size;
    this.entryNode = entryNode;
    this.nodesOnLevel = nodesOnLevel;
    this.offsets = offsets;
    this.neighbours = neighbours;
  }

  static PackedHnswGraph of(OnHeapHnswGraph graph) throws java.io.IOException {
    int levels = graph.numLevels();
    int size = graph.size();
    int[][] nodesOnLevel = new int[levels][];
    int[][] offsets = new int[levels][];
    int[][] neighbours = new int[levels][];
    for (int level = 0; level < levels; level++) {
      int[] nodes = level == 0 ? null : HnswGraph.NodesIterator.getSortedNodes(
          graph.getNodesOnLevel(level));
      int count = level == 0 ? size : nodes.length;
      int[] starts = new int[count + 1];
      for (int i = 0; i < count; i++) {
        starts[i + 1] = starts[i] + graph.getNeighbors(level, level == 0 ? i : nodes[i]).size();
      }
      int[] all = new int[starts[count]];
      for (int i = 0; i < count; i++) {
        NeighborArray friends = graph.getNeighbors(level, level == 0 ? i : nodes[i]);
        System.arraycopy(friends.nodes(), 0, all, starts[i], friends.size());
        Arrays.sort(all, starts[i], starts[i + 1]);
      }
      nodesOnLevel[level] = nodes;
      offsets[level] = starts;
      neighbours[level] = all;
    }
    return new PackedHnswGraph(size, graph.entryNode(), nodesOnLevel, offsets, neighbours);
  }

  int size() {
    return size;
  }

  /** A view for one search at a time: Lucene's graph API keeps its position in the graph. */
  HnswGraph cursor() {
    return new Cursor();
  }

  /** Bytes {@link #write} needs. */
  int byteSize() {
    long bytes = 3L * Integer.BYTES;
    for (int level = 0; level < neighbours.length; level++) {
      bytes += (level == 0 ? 0 : 1 + nodesOnLevel[level].length) * (long) Integer.BYTES;
      bytes += (offsets[level].length + 1 + neighbours[level].length) * (long) Integer.BYTES;
    }
    return Math.toIntExact(bytes);
  }

  void write(ByteBuffer out) {
    out.putInt(size).putInt(entryNode).putInt(neighbours.length);
    for (int level = 0; level < neighbours.length; level++) {
      if (level > 0) {
        putArray(out, nodesOnLevel[level]);
      }
      out.asIntBuffer().put(offsets[level]);
      out.position(out.position() + offsets[level].length * Integer.BYTES);
      putArray(out, neighbours[level]);
    }
  }

  /**
   * Reads a graph written by {@link #write}, checking that every node and neighbour is a row of
   * a space of {@code rows} rows.
   *
   * @throws IllegalArgumentException if the bytes do not hold a well-formed graph
   */
  static PackedHnswGraph read(ByteBuffer in, int rows) {
    int size = in.getInt();
    int entryNode = in.getInt();
    int levels = in.getInt();
    check(size == rows && levels >= 1 && levels <= 64 && entryNode >= 0 && entryNode < size);
    int[][] nodesOnLevel = new int[levels][];
    int[][] offsets = new int[levels][];
    int[][] neighbours = new int[levels][];
    for (int level = 0; level < levels; level++) {
      int count = size;
      if (level > 0) {
        nodesOnLevel[level] = getArray(in, size);
        count = nodesOnLevel[level].length;
      }
      offsets[level] = new int[count + 1];
      in.asIntBuffer().get(offsets[level]);
      in.position(in.position() + offsets[level].length * Integer.BYTES);
      neighbours[level] = getArray(in, Integer.MAX_VALUE);
      check(offsets[level][0] == 0 && offsets[level][count] == neighbours[level].length);
      for (int i = 0; i < count; i++) {
        check(offsets[level][i] <= offsets[level][i + 1]);
      }
      for (int node : neighbours[level]) {
        check(node >= 0 && node < size);
      }
    }
    return new PackedHnswGraph(size, entryNode, nodesOnLevel, offsets, neighbours);
  }

  private static void putArray(ByteBuffer out, int[] values) {
    out.putInt(values.length);
    out.asIntBuffer().put(values);
    out.position(out.position() + values.length * Integer.BYTES);
  }

  private static int[] getArray(ByteBuffer in, int maxLength) {
    int length = in.getInt();
    check(length >= 0 && length <= maxLength && length <= in.remaining() / Integer.BYTES);
    int[] values = new int[length];
    in.asIntBuffer().get(values);
    in.position(in.position() + length * Integer.BYTES);
    return values;
  }

  private static void check(boolean wellFormed) {
    if (!wellFormed) {
      throw new IllegalArgumentException("Stored search index is corrupt.");
    }
  }

  /** One search's position in the graph: the neighbours of one node on one level. */
  private final class Cursor extends HnswGraph {
    private int[] current = neighbours[0];
    private int next;
    private int end;

    @Override public void seek(int level, int target) {
      int index = level == 0 ? target : Arrays.binarySearch(nodesOnLevel[level], target);
      current = neighbours[level];
      if (index < 0) {
        next = 0;
        end = 0;
      } else {
        next = offsets[level][index];
        end = offsets[level][index + 1];
      }
    }

    @Override public int size() {
      return size;
    }

    @Override public int nextNeighbor() {
      return next < end ? current[next++] : DocIdSetIterator.NO_MORE_DOCS;
    }

    @Override public int numLevels() {
      return neighbours.length;
    }

    @Override public int entryNode() {
      return entryNode;
    }

    @Override public NodesIterator getNodesOnLevel(int level) {
      return level == 0 ? new ArrayNodesIterator(size)
          : new ArrayNodesIterator(nodesOnLevel[level], nodesOnLevel[level].length);
    }
  }
}
