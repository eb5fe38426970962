package io.rowspace.engine.encode;

import io.rowspace.engine.profile.TextPatterns;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes URLs and bare domains by their parts: the host without {@code www.} (a learned
 * embedding, with an "other" slot for rare and unseen hosts), the top-level domain, the scheme
 * (https, another scheme, none), the depth of the path and whether a query string is present.
 * Strings that are not URLs count as missing.
 */
public final class UrlEncoder extends ColumnEncoder {
  private final DomainVocabulary vocabulary;

  private UrlEncoder(String name, DomainVocabulary vocabulary) {
    super(name, ValueKind.TEXT);
    this.vocabulary = vocabulary;
  }

  static UrlEncoder fit(String name, Object[] values) {
    Map<String, Integer> hosts = new HashMap<>();
    Map<String, Integer> tlds = new HashMap<>();
    for (Object v : values) {
      TextPatterns.UrlParts parts = v == null ? null : TextPatterns.url(v.toString());
      if (parts != null) {
        hosts.merge(parts.host(), 1, Integer::sum);
        tlds.merge(TextPatterns.topLevelDomain(parts.host()), 1, Integer::sum);
      }
    }
    return new UrlEncoder(name, DomainVocabulary.fit(hosts, tlds));
  }

  @Override
  public int vocabularySize() {
    return vocabulary.size();
  }

  @Override
  public String readsAs() {
    return "URLs";
  }

  @Override
  int encode(Object value, int[] slots, float[] features) {
    if (isMissing(value)) {
      return single(0, slots);
    }
    TextPatterns.UrlParts parts = TextPatterns.url(value.toString());
    if (parts == null) {
      return -1;
    }
    features[0] = parts.scheme().equals("https") ? 1f : 0f;
    features[1] = !parts.scheme().isEmpty() && !parts.scheme().equals("https") ? 1f : 0f;
    features[2] = (float) Math.log1p(parts.pathDepth());
    features[3] = parts.query() ? 1f : 0f;
    return vocabulary.slots(parts.host(), TextPatterns.topLevelDomain(parts.host()), slots);
  }

  @Override
  boolean isMissing(Object value) {
    return value == null || value.toString().isBlank();
  }

  @Override
  float sameValueKey(Object value, int slot) {
    if (slot <= 0) {
      return MISSING_KEY;
    }
    return ValueParser.key(value, ValueKind.TEXT).hashCode();
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(5);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    vocabulary.write(out);
  }

  static UrlEncoder read(String name, DataInput in) throws IOException {
    return new UrlEncoder(name, DomainVocabulary.read(name, in));
  }
}
