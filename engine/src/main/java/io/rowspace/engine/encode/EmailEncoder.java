package io.rowspace.engine.encode;

import io.rowspace.engine.profile.TextPatterns;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;

import io.rowspace.engine.store.ModelFile;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Encodes email addresses by what they say about their owner rather than as unique strings: the
 * domain (a learned embedding, with an "other" slot for rare and unseen domains), the top-level
 * domain, whether the domain is a free-mail provider, and the shape of the local part (its length
 * and whether it holds digits or separators). Strings that are not addresses count as missing.
 */
public final class EmailEncoder extends ColumnEncoder {
  private final DomainVocabulary vocabulary;
  private final double lengthMean;
  private final double lengthStd;

  private EmailEncoder(String name, DomainVocabulary vocabulary, double lengthMean,
      double lengthStd) {
    super(name, ValueKind.TEXT);
    this.vocabulary = vocabulary;
    this.lengthMean = lengthMean;
    this.lengthStd = lengthStd;
  }

  static EmailEncoder fit(String name, Object[] values) {
    Map<String, Integer> domains = new HashMap<>();
    Map<String, Integer> tlds = new HashMap<>();
    double sum = 0;
    double sumSquares = 0;
    int n = 0;
    for (Object v : values) {
      String domain = v == null ? null : TextPatterns.emailDomain(v.toString());
      if (domain != null) {
        domains.merge(domain, 1, Integer::sum);
        tlds.merge(TextPatterns.topLevelDomain(domain), 1, Integer::sum);
        double len = Math.log1p(TextPatterns.emailLocalPart(v.toString()).length());
        sum += len;
        sumSquares += len * len;
        n++;
      }
    }
    double mean = sum / Math.max(1, n);
    double std = Math.sqrt(Math.max(0, sumSquares / Math.max(1, n) - mean * mean));
    return new EmailEncoder(name, DomainVocabulary.fit(domains, tlds), mean, std > 0 ? std : 1);
  }

  @Override
  public int vocabularySize() {
    return vocabulary.size();
  }

  @Override
  public String readsAs() {
    return "email addresses";
  }

  @Override
  int encode(Object value, int[] slots, float[] features) {
    if (isMissing(value)) {
      return single(0, slots);
    }
    String s = value.toString();
    String domain = TextPatterns.emailDomain(s);
    if (domain == null) {
      return -1;
    }
    String local = TextPatterns.emailLocalPart(s);
    features[0] = TextPatterns.isFreeMail(domain) ? 1f : 0f;
    features[1] = (float) Math.max(-5, Math.min(5,
        (Math.log1p(local.length()) - lengthMean) / lengthStd));
    features[2] = local.chars().anyMatch(Character::isDigit) ? 1f : 0f;
    features[3] = local.chars().anyMatch(c -> c == '.' || c == '_' || c == '-') ? 1f : 0f;
    return vocabulary.slots(domain, TextPatterns.topLevelDomain(domain), slots);
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
    return ValueParser.key(value, ValueKind.TEXT).toLowerCase(Locale.ROOT).hashCode();
  }

  @Override
  void write(DataOutput out) throws IOException {
    out.writeByte(4);
    ModelFile.writeText(out, name());
    ModelFile.writeText(out, kind().name());
    vocabulary.write(out);
    out.writeDouble(lengthMean);
    out.writeDouble(lengthStd);
  }

  static EmailEncoder read(String name, DataInput in) throws IOException {
    DomainVocabulary vocabulary = DomainVocabulary.read(name, in);
    return new EmailEncoder(name, vocabulary, in.readDouble(), in.readDouble());
  }
}
