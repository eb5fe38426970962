package io.rowspace.engine.space.train;

import io.rowspace.engine.encode.ColumnEncoder;
import io.rowspace.engine.encode.SentenceVectors;
import io.rowspace.engine.profile.ColumnProfile;
import io.rowspace.engine.profile.DetectedType;
import io.rowspace.engine.profile.TextPatterns;
import io.rowspace.engine.profile.ValueKind;
import io.rowspace.engine.profile.ValueParser;
import io.rowspace.engine.space.SpaceOptions;
import io.rowspace.engine.space.TrainingMonitor;
import io.rowspace.engine.text.SentenceModel;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Decides which columns of a space take the bundled sentence model, and fits their encoders.
 * Free text always does (it has no other encoding and is left out without the model); a text
 * category does when its values are words rather than codes: at least {@link #WORD_SHARE} of its
 * present values hold a run of three letters and are not code-like ({@code "nurse"},
 * {@code "light blue"}, not {@code "A14"} or {@code "X"}). Option {@code sentence_model} overrides
 * this: {@code true} takes every text category, {@code false} none. The model is loaded only when
 * a column needs it; when it cannot load, the space is built without it and one warning says why
 * and how to fix it.
 */
final class SemanticColumns {
  /** Share of a category's present values that must be words for the sentence model to pay. */
  static final double WORD_SHARE = 0.8;

  private final SpaceOptions.SentenceModelUse use;
  private final Supplier<SentenceModel.Loading> loader;
  private final TrainingMonitor monitor;
  private SentenceModel.Loading loading;

  SemanticColumns(SpaceOptions.SentenceModelUse use,
      Supplier<SentenceModel.Loading> loader, TrainingMonitor monitor) {
    this.use = use;
    this.loader = loader;
    this.monitor = monitor;
  }

  /**
   * The profile as the space will use it: free text excluded when the sentence model is off or
   * cannot load, and the encoder description saying which columns have a semantic path.
   */
  ColumnProfile adjust(ColumnProfile p, Object[] values) {
    if (!p.used()) {
      return p;
    }
    if (p.detectedType() == DetectedType.TEXT) {
      if (use == SpaceOptions.SentenceModelUse.OFF) {
        return p.excluded("free text (" + p.distinct() + " distinct values): the sentence model "
            + "is turned off (sentence_model = false)");
      }
      if (model() == null) {
        return p.excluded("free text (" + p.distinct() + " distinct values): the sentence model "
            + "could not start");
      }
      return p.withEncoder("text(sentence model " + SentenceModel.NAME + ", "
          + Math.min(p.distinct(), SentenceVectors.MAX_VALUES) + " of " + p.distinct()
          + " distinct values embedded, first " + SentenceModel.MAX_CHARACTERS
          + " characters; length in characters and words)");
    }
    if (semantic(p, values)) {
      return p.withEncoder("categorical(embedding + sentence model " + SentenceModel.NAME
          + " behind a learned gate, " + p.distinct() + " values)");
    }
    return p;
  }

  /**
   * Fits the encoder of a used (adjusted) profile, computing its values' sentence vectors when it
   * has a semantic path, and reports the cost.
   */
  ColumnEncoder fit(ColumnProfile p, Object[] values) {
    boolean semantic = p.detectedType() == DetectedType.TEXT || semantic(p, values);
    if (!semantic) {
      return ColumnEncoder.fit(p, values);
    }
    long started = System.nanoTime();
    monitor.progress("sentences", 0, 1, String.format(Locale.ROOT,
        "sentence vectors of '%s': embedding up to %d of %d distinct values", p.name(),
        Math.min(p.distinct(), SentenceVectors.MAX_VALUES), p.distinct()));
    ColumnEncoder encoder = ColumnEncoder.fit(p, values, model());
    int embedded = encoder.sentences() == null ? 0 : encoder.sentences().size();
    monitor.progress("sentences", 1, 1, String.format(Locale.ROOT,
        "sentence vectors of '%s': %d of %d distinct values embedded (at most %d, first %d "
            + "characters) in %.1f s", p.name(), embedded, p.distinct(),
        SentenceVectors.MAX_VALUES, SentenceModel.MAX_CHARACTERS,
        (System.nanoTime() - started) / 1e9));
    return encoder;
  }

  /** What {@code sentence_model} resolved to, for the space's options. */
  String resolved() {
    if (use == SpaceOptions.SentenceModelUse.OFF) {
      return "false";
    }
    String given = use == SpaceOptions.SentenceModelUse.ON ? "true" : "auto";
    return loading != null && !loading.loaded() ? given + " (unavailable)" : given;
  }

  private boolean semantic(ColumnProfile p, Object[] values) {
    if (p.detectedType() != DetectedType.CATEGORICAL || p.valueKind() != ValueKind.TEXT
        || use == SpaceOptions.SentenceModelUse.OFF) {
      return false;
    }
    if (use == SpaceOptions.SentenceModelUse.AUTO && !wordsRatherThanCodes(values)) {
      return false;
    }
    return model() != null;
  }

  /** Whether at least {@link #WORD_SHARE} of the present values are words. */
  static boolean wordsRatherThanCodes(Object[] values) {
    long present = 0;
    long words = 0;
    for (Object v : values) {
      if (ValueParser.isMissing(v, ValueKind.TEXT)) {
        continue;
      }
      String key = ValueParser.key(v, ValueKind.TEXT);
      if (key == null) {
        continue;
      }
      present++;
      if (hasLetterRun(key, 3) && !TextPatterns.isCodeLike(key)) {
        words++;
      }
    }
    return present > 0 && words >= WORD_SHARE * present;
  }

  private static boolean hasLetterRun(String s, int length) {
    int run = 0;
    for (int i = 0; i < s.length(); i++) {
      run = Character.isLetter(s.charAt(i)) ? run + 1 : 0;
      if (run >= length) {
        return true;
      }
    }
    return false;
  }

  /** The model, loaded on first need; null (after one warning) when it cannot load. */
  private SentenceModel model() {
    if (loading == null) {
      loading = loader.get();
      if (!loading.loaded()) {
        monitor.warning(loading.failure());
      }
    }
    return loading.model();
  }


}
