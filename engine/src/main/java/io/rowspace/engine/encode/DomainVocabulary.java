package io.rowspace.engine.encode;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The domains and top-level domains an email or URL column was trained on, laid out as that
 * column's embedding slots: 0 missing, 1 other domain, then the known domains, then one slot for
 * other top-level domains and one per known top-level domain. A value takes two slots, its domain
 * and its top-level domain, so an unseen {@code newcorp.de} still shares what {@code .de} learned.
 */
final class DomainVocabulary {
  static final int MAX_DOMAINS = 1000;
  static final int MAX_TLDS = 200;

  private final List<String> domains;
  private final List<String> tlds;
  private final Map<String, Integer> domainSlots = new HashMap<>();
  private final Map<String, Integer> tldSlots = new HashMap<>();

  DomainVocabulary(List<String> domains, List<String> tlds) {
    this.domains = List.copyOf(domains);
    this.tlds = List.copyOf(tlds);
    for (int i = 0; i < domains.size(); i++) {
      domainSlots.put(domains.get(i), 2 + i);
    }
    for (int i = 0; i < tlds.size(); i++) {
      tldSlots.put(tlds.get(i), 3 + domains.size() + i);
    }
  }

  /** Keeps domains seen twice or more (all of them when there are few) and every TLD. */
  static DomainVocabulary fit(Map<String, Integer> domainCounts, Map<String, Integer> tldCounts) {
    int minCount = domainCounts.size() <= 20 ? 1 : 2;
    return new DomainVocabulary(frequent(domainCounts, minCount, MAX_DOMAINS),
        frequent(tldCounts, 1, MAX_TLDS));
  }

  private static List<String> frequent(Map<String, Integer> counts, int minCount, int max) {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(e -> -e.getValue())
        .thenComparing(Map.Entry::getKey));
    List<String> kept = new ArrayList<>();
    for (Map.Entry<String, Integer> e : entries) {
      if (e.getValue() >= minCount && kept.size() < max) {
        kept.add(e.getKey());
      }
    }
    return kept;
  }

  int size() {
    return 3 + domains.size() + tlds.size();
  }

  int domains() {
    return domains.size();
  }

  /** Writes the domain's and the TLD's slots; returns the domain's. */
  int slots(String domain, String tld, int[] slots) {
    slots[0] = domainSlots.getOrDefault(domain, 1);
    slots[1] = tldSlots.getOrDefault(tld, 2 + domains.size());
    return slots[0];
  }

  void write(DataOutput out) throws IOException {
    out.writeInt(domains.size());
    for (String d : domains) {
      ModelFile.writeText(out, d);
    }
    out.writeInt(tlds.size());
    for (String t : tlds) {
      ModelFile.writeText(out, t);
    }
  }

  static DomainVocabulary read(String name, DataInput in) throws IOException {
    List<String> domains = readList(name, in, MAX_DOMAINS);
    List<String> tlds = readList(name, in, MAX_TLDS);
    return new DomainVocabulary(domains, tlds);
  }

  private static List<String> readList(String name, DataInput in, int max) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > max) {
      throw new IOException("domain vocabulary of '" + name + "' has " + n + " entries");
    }
    List<String> list = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      list.add(ModelFile.readText(in));
    }
    return list;
  }
}
