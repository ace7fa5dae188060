/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-instrument"

#include "config.h"

#include <string.h>

#include "tonic-instrument.h"

#define PHQ9      TONIC_INSTRUMENT_PHQ9
#define GAD7      TONIC_INSTRUMENT_GAD7
#define PCL5      TONIC_INSTRUMENT_PCL5
#define MADRS     TONIC_INSTRUMENT_MADRS
#define QIDS      TONIC_INSTRUMENT_QIDS_SR16
#define CSSRS     TONIC_INSTRUMENT_CSSRS
#define CADSS     TONIC_INSTRUMENT_CADSS
#define MOAAS     TONIC_INSTRUMENT_MOAAS
#define PAIN      TONIC_INSTRUMENT_PAIN_NRS
#define BPI_SEV   TONIC_INSTRUMENT_BPI_SEVERITY
#define BPI_INT   TONIC_INSTRUMENT_BPI_INTERFERENCE
#define BIT(i)    TONIC_INSTRUMENT_BIT (i)

#define MISSING   TONIC_ANSWER_MISSING
#define SKIPPED   TONIC_ANSWER_SKIPPED
#define NO        0
#define YES       1

#define MAX_ITEMS 32

/* A score no instrument gives, to see what scoring changes. */
#define UNSCORED { .instrument = TONIC_N_INSTRUMENTS, .total = -1, .band = 99, .safety = 99 }

/* The literal answers and how many there are. */
#define ANSWERS(...) (const int[]) { __VA_ARGS__ }, G_N_ELEMENTS (((const int[]) { __VA_ARGS__ }))

static TonicScore
score_ok (TonicInstrument  instrument,
          const int       *answers,
          guint            n_answers)
{
  TonicScore score = UNSCORED;
  g_autofree char *message = tonic_instrument_score (instrument, answers, n_answers, &score);

  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (score.instrument, ==, instrument);
  g_assert_cmpuint (score.band, ==, tonic_instrument_find_band (instrument, score.total));

  return score;
}

static void
assert_score (TonicScore       score,
              double           total,
              const char      *band,
              TonicSafetyFlag  safety)
{
  g_assert_cmpfloat_with_epsilon (score.total, total, 1e-9);
  if (band != NULL)
    g_assert_cmpstr (tonic_instrument_get_band (score.instrument, score.band)->label, ==, band);
  else
    g_assert_cmpuint (score.band, ==, 0);
  g_assert_cmpint (score.safety, ==, safety);
}

#define SCORE(instrument, ...) score_ok (instrument, ANSWERS (__VA_ARGS__))

static void
assert_refused (TonicInstrument  instrument,
                const int       *answers,
                guint            n_answers,
                const char      *expected)
{
  TonicScore score = UNSCORED;
  g_autofree char *message = tonic_instrument_score (instrument, answers, n_answers, &score);

  g_assert_cmpstr (message, ==, expected);
  /* Untouched on failure. */
  g_assert_cmpint (score.instrument, ==, TONIC_N_INSTRUMENTS);
  g_assert_cmpfloat (score.total, ==, -1);
  g_assert_cmpuint (score.band, ==, 99);
  g_assert_cmpint (score.safety, ==, 99);
}

#define REFUSED(instrument, expected, ...) assert_refused (instrument, ANSWERS (__VA_ARGS__), expected)

/* Answers to a summed instrument that add up to @total, the items filled
 * from the first. */
static void
fill_sum (TonicInstrument  instrument,
          int              total,
          int             *answers)
{
  guint n = tonic_instrument_get_n_items (instrument);

  for (guint i = 0; i < n; i++)
    {
      answers[i] = MIN (tonic_instrument_get_item (instrument, i)->max, total);
      total -= answers[i];
    }
  g_assert_cmpint (total, ==, 0);
}

/* QIDS-SR16 answers making @total: the first item of each of the nine
 * domains filled, the others 0. */
static void
fill_qids (int  total,
           int *answers)
{
  static const guint domain_first[] = { 0, 4, 5, 9, 10, 11, 12, 13, 14 };

  for (guint i = 0; i < 16; i++)
    answers[i] = 0;
  for (guint d = 0; d < G_N_ELEMENTS (domain_first); d++)
    {
      answers[domain_first[d]] = MIN (3, total);
      total -= answers[domain_first[d]];
    }
  g_assert_cmpint (total, ==, 0);
}

/* --- the table ------------------------------------------------------------- */

static const struct
{
  TonicInstrument      instrument;
  const char          *id;
  const char          *label;
  const char          *item_prefix;
  guint                n_items;
  int                  item_max;
  double               min_total;
  double               max_total;
  guint                digits;
  TonicInstrumentKind  kind;
  const char          *loinc;
} expected_instruments[] = {
  { PHQ9, "phq-9", "PHQ-9", "phq9-", 9, 3, 0, 27, 0, TONIC_INSTRUMENT_KIND_OUTCOME, "44261-6" },
  { GAD7, "gad-7", "GAD-7", "gad7-", 7, 3, 0, 21, 0, TONIC_INSTRUMENT_KIND_OUTCOME, "70274-6" },
  { PCL5, "pcl-5", "PCL-5", "pcl5-", 20, 4, 0, 80, 0, TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
  { MADRS, "madrs", "MADRS", "madrs-", 10, 6, 0, 60, 0, TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
  { QIDS, "qids-sr16", "QIDS-SR16", "qids16-", 16, 3, 0, 27, 0, TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
  { CSSRS, "c-ssrs", "C-SSRS", "cssrs-", 7, 1, 0, 3, 0, TONIC_INSTRUMENT_KIND_SCREEN, NULL },
  { CADSS, "cadss", "CADSS", "cadss-", 23, 4, 0, 92, 0, TONIC_INSTRUMENT_KIND_POST_DOSE, NULL },
  { MOAAS, "moaas", "MOAA/S", "moaas-", 1, 5, 0, 5, 0, TONIC_INSTRUMENT_KIND_POST_DOSE, NULL },
  { PAIN, "pain-nrs", "Pain NRS", "pain-", 1, 10, 0, 10, 0, TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
  { BPI_SEV, "bpi-severity", "BPI severity", "bpi-severity-", 4, 10, 0, 10, 1,
    TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
  { BPI_INT, "bpi-interference", "BPI interference", "bpi-interference-", 7, 10, 0, 10, 1,
    TONIC_INSTRUMENT_KIND_OUTCOME, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (expected_instruments) == TONIC_N_INSTRUMENTS);

static void
test_table (void)
{
  g_autoptr(GHashTable) item_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (TONIC_TYPE_INSTRUMENT);
  TonicInstrument parsed;

  g_assert_true (G_TYPE_IS_ENUM (TONIC_TYPE_INSTRUMENT));
  g_assert_cmpstr (g_type_name (TONIC_TYPE_INSTRUMENT), ==, "TonicInstrument");
  g_assert_cmpuint (enum_class->n_values, ==, TONIC_N_INSTRUMENTS);

  for (guint i = 0; i < G_N_ELEMENTS (expected_instruments); i++)
    {
      TonicInstrument instrument = expected_instruments[i].instrument;
      guint n_items = tonic_instrument_get_n_items (instrument);
      GEnumValue *value = g_enum_get_value (enum_class, instrument);

      g_assert_cmpint (instrument, ==, i);
      g_assert_cmpstr (tonic_instrument_to_string (instrument), ==, expected_instruments[i].id);
      g_assert_true (tonic_instrument_from_string (expected_instruments[i].id, &parsed));
      g_assert_cmpint (parsed, ==, instrument);
      g_assert_nonnull (value);
      g_assert_cmpstr (value->value_nick, ==, expected_instruments[i].id);
      g_assert_true (g_str_has_prefix (value->value_name, "TONIC_INSTRUMENT_"));

      g_assert_cmpstr (tonic_instrument_get_label (instrument), ==, expected_instruments[i].label);
      g_assert_cmpuint (strlen (tonic_instrument_get_title (instrument)), >,
                        strlen (tonic_instrument_get_label (instrument)));
      g_assert_nonnull (tonic_instrument_get_prompt (instrument));
      g_assert_cmpint (tonic_instrument_get_kind (instrument), ==, expected_instruments[i].kind);
      g_assert_cmpstr (tonic_instrument_get_loinc (instrument), ==, expected_instruments[i].loinc);
      g_assert_cmpfloat (tonic_instrument_get_min_total (instrument), ==,
                         expected_instruments[i].min_total);
      g_assert_cmpfloat (tonic_instrument_get_max_total (instrument), ==,
                         expected_instruments[i].max_total);
      g_assert_cmpuint (tonic_instrument_get_digits (instrument), ==, expected_instruments[i].digits);

      g_assert_cmpuint (n_items, ==, expected_instruments[i].n_items);
      for (guint j = 0; j < n_items; j++)
        {
          const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, j);
          g_autofree char *id = g_strdup_printf ("%s%u", expected_instruments[i].item_prefix, j + 1);

          g_assert_cmpstr (item->id, ==, id);
          g_assert_true (g_hash_table_add (item_ids, (gpointer) item->id));
          g_assert_cmpuint (strlen (item->text), >, 3);
          g_assert_cmpint (item->min, ==, 0);
          g_assert_cmpint (item->max, ==, expected_instruments[i].item_max);
          /* Numeric pain scales go unlabelled; every other value has a label. */
          g_assert_true ((item->anchors == NULL) ==
                         (instrument == PAIN || instrument == BPI_SEV || instrument == BPI_INT));
          for (int v = item->min; item->anchors != NULL && v <= item->max; v++)
            g_assert_cmpuint (strlen (item->anchors[v - item->min]), >, 1);
        }
    }

  g_assert_false (tonic_instrument_from_string ("PHQ-9", &parsed));
  g_assert_false (tonic_instrument_from_string ("phq9", &parsed));
  g_assert_false (tonic_instrument_from_string ("", &parsed));
  g_assert_false (tonic_instrument_from_string (NULL, &parsed));

  g_assert_cmpstr (tonic_instrument_get_item (CSSRS, 0)->anchors[1], ==, "Yes");
  g_assert_cmpstr (tonic_instrument_get_item (MOAAS, 0)->anchors[5], ==,
                   "Responds at once to the name said normally");
  g_assert_cmpstr (tonic_instrument_get_item (MOAAS, 0)->anchors[0], ==,
                   "No response to a painful squeeze");
}

/* --- scoring, instrument by instrument ------------------------------------------- */

static void
test_phq9 (void)
{
  assert_score (SCORE (PHQ9, 3, 3, 2, 2, 3, 2, 2, 2, 2), 21, "Severe", TONIC_SAFETY_PHQ9_ITEM9);
  assert_score (SCORE (PHQ9, 1, 2, 1, 2, 1, 1, 1, 0, 0), 9, "Mild", TONIC_SAFETY_NONE);
  assert_score (SCORE (PHQ9, 0, 0, 0, 0, 0, 0, 0, 0, 1), 1, "None–minimal", TONIC_SAFETY_PHQ9_ITEM9);
  assert_score (SCORE (PHQ9, 2, 2, 2, 2, 2, 2, 2, 2, 0), 16, "Moderately severe", TONIC_SAFETY_NONE);
  assert_score (SCORE (PHQ9, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0, "None–minimal", TONIC_SAFETY_NONE);
  assert_score (SCORE (PHQ9, 3, 3, 3, 3, 3, 3, 3, 3, 3), 27, "Severe", TONIC_SAFETY_PHQ9_ITEM9);
}

static void
test_gad7 (void)
{
  assert_score (SCORE (GAD7, 2, 1, 2, 1, 1, 0, 1), 8, "Mild", TONIC_SAFETY_NONE);
  assert_score (SCORE (GAD7, 3, 3, 3, 2, 2, 2, 1), 16, "Severe", TONIC_SAFETY_NONE);
  assert_score (SCORE (GAD7, 2, 2, 2, 1, 1, 1, 2), 11, "Moderate", TONIC_SAFETY_NONE);
  assert_score (SCORE (GAD7, 0, 0, 0, 0, 0, 0, 0), 0, "Minimal", TONIC_SAFETY_NONE);
  assert_score (SCORE (GAD7, 3, 3, 3, 3, 3, 3, 3), 21, "Severe", TONIC_SAFETY_NONE);
}

static void
test_pcl5 (void)
{
  assert_score (SCORE (PCL5, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2),
                40, "Probable PTSD", TONIC_SAFETY_NONE);
  assert_score (SCORE (PCL5, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                30, "Below threshold", TONIC_SAFETY_NONE);
  assert_score (SCORE (PCL5, 4, 3, 2, 1, 0, 4, 3, 2, 1, 0, 4, 3, 2, 1, 0, 1, 0, 0, 0, 0),
                31, "Probable PTSD", TONIC_SAFETY_NONE);
  assert_score (SCORE (PCL5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4),
                80, "Probable PTSD", TONIC_SAFETY_NONE);
}

static void
test_madrs (void)
{
  assert_score (SCORE (MADRS, 4, 4, 3, 4, 2, 3, 3, 4, 3, 2), 32, "Moderate", TONIC_SAFETY_NONE);
  assert_score (SCORE (MADRS, 1, 1, 1, 0, 0, 1, 1, 1, 0, 0), 6, "Normal", TONIC_SAFETY_NONE);
  assert_score (SCORE (MADRS, 5, 5, 4, 4, 3, 4, 4, 5, 4, 2), 40, "Severe", TONIC_SAFETY_NONE);
  /* Suicidal thoughts scored high are not one of Tonic's safety flags. */
  assert_score (SCORE (MADRS, 1, 1, 1, 1, 1, 1, 1, 1, 1, 6), 15, "Mild", TONIC_SAFETY_NONE);
  assert_score (SCORE (MADRS, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6), 60, "Severe", TONIC_SAFETY_NONE);
}

static void
test_qids (void)
{
  /* Sleep 1, 3, 0, 2 → 3; sad mood 2; appetite/weight 0, 2, 1, 0 → 2;
   * concentration 1; self-view 2; suicidal ideation 0; interest 1; energy 2;
   * psychomotor 1, 0 → 1. The nine domains make 14 (the items add up to 18). */
  assert_score (SCORE (QIDS, 1, 3, 0, 2, 2, 0, 2, 1, 0, 1, 2, 0, 1, 2, 1, 0),
                14, "Moderate", TONIC_SAFETY_NONE);
  /* Every sleep item at 3 still counts 3. */
  assert_score (SCORE (QIDS, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                3, "None", TONIC_SAFETY_NONE);
  /* Each group counts its highest item wherever it stands. */
  assert_score (SCORE (QIDS, 0, 0, 0, 1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 3),
                6, "Mild", TONIC_SAFETY_NONE);
  /* The ungrouped items count one by one. */
  assert_score (SCORE (QIDS, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0),
                6, "Mild", TONIC_SAFETY_NONE);
  /* Item 12 (thoughts of death) is not a Tonic safety flag. */
  assert_score (SCORE (QIDS, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3),
                27, "Very severe", TONIC_SAFETY_NONE);
  assert_score (SCORE (QIDS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                0, "None", TONIC_SAFETY_NONE);
}

static void
test_cssrs (void)
{
  assert_score (SCORE (CSSRS, NO, NO, SKIPPED, SKIPPED, SKIPPED, NO, NO),
                0, "None", TONIC_SAFETY_NONE);
  assert_score (SCORE (CSSRS, NO, NO, NO, NO, NO, NO, NO), 0, "None", TONIC_SAFETY_NONE);
  /* Low: items 1–2. */
  assert_score (SCORE (CSSRS, YES, NO, SKIPPED, SKIPPED, SKIPPED, NO, NO),
                1, "Low", TONIC_SAFETY_NONE);
  assert_score (SCORE (CSSRS, YES, YES, NO, NO, NO, NO, NO), 1, "Low", TONIC_SAFETY_NONE);
  /* Moderate: items 3 and 6. */
  assert_score (SCORE (CSSRS, YES, YES, YES, NO, NO, NO, NO), 2, "Moderate", TONIC_SAFETY_NONE);
  assert_score (SCORE (CSSRS, NO, NO, SKIPPED, SKIPPED, SKIPPED, YES, NO),
                2, "Moderate", TONIC_SAFETY_NONE);
  /* High: items 4, 5 and 7; the highest wins. */
  assert_score (SCORE (CSSRS, YES, YES, YES, YES, NO, NO, NO), 3, "High", TONIC_SAFETY_CSSRS_HIGH);
  assert_score (SCORE (CSSRS, YES, YES, NO, NO, YES, YES, NO), 3, "High", TONIC_SAFETY_CSSRS_HIGH);
  assert_score (SCORE (CSSRS, NO, NO, SKIPPED, SKIPPED, SKIPPED, YES, YES),
                3, "High", TONIC_SAFETY_CSSRS_HIGH);
  assert_score (SCORE (CSSRS, YES, YES, YES, YES, YES, YES, YES), 3, "High", TONIC_SAFETY_CSSRS_HIGH);
  /* Items 3–5 may still be answered after "no" to item 2. */
  assert_score (SCORE (CSSRS, YES, NO, NO, YES, SKIPPED, NO, NO), 3, "High", TONIC_SAFETY_CSSRS_HIGH);

  /* Skips only for items 3–5, only after "no" to item 2. */
  REFUSED (CSSRS, "Item 3 cannot be skipped", YES, YES, SKIPPED, NO, NO, NO, NO);
  REFUSED (CSSRS, "Item 5 cannot be skipped", YES, YES, NO, NO, SKIPPED, NO, NO);
  REFUSED (CSSRS, "Item 1 cannot be skipped", SKIPPED, NO, SKIPPED, SKIPPED, SKIPPED, NO, NO);
  REFUSED (CSSRS, "Item 2 cannot be skipped", NO, SKIPPED, SKIPPED, SKIPPED, SKIPPED, NO, NO);
  REFUSED (CSSRS, "Item 6 cannot be skipped", NO, NO, SKIPPED, SKIPPED, SKIPPED, SKIPPED, NO);
  REFUSED (CSSRS, "Item 7 cannot be skipped", NO, NO, SKIPPED, SKIPPED, SKIPPED, NO, SKIPPED);
  REFUSED (CSSRS, "Item 2 is not answered", NO, MISSING, SKIPPED, SKIPPED, SKIPPED, NO, NO);
  REFUSED (CSSRS, "Item 4 is not answered", NO, NO, SKIPPED, MISSING, SKIPPED, NO, NO);
  REFUSED (CSSRS, "Item 6 must be between 0 and 1", NO, NO, SKIPPED, SKIPPED, SKIPPED, 2, NO);
}

static void
test_cadss (void)
{
  assert_score (SCORE (CADSS, 2, 3, 1, 0, 2, 1, 0, 0, 1, 0, 1, 2, 0, 0, 3, 1, 0, 2, 0, 0, 1, 0, 0),
                20, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (CADSS, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                0, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (CADSS, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4),
                92, NULL, TONIC_SAFETY_NONE);
  g_assert_cmpuint (tonic_instrument_get_n_bands (CADSS), ==, 0);
}

static void
test_single_answer (void)
{
  for (int v = 0; v <= 5; v++)
    assert_score (score_ok (MOAAS, &v, 1), v, NULL, TONIC_SAFETY_NONE);
  for (int v = 0; v <= 10; v++)
    assert_score (score_ok (PAIN, &v, 1), v, NULL, TONIC_SAFETY_NONE);

  REFUSED (MOAAS, "Item 1 must be between 0 and 5", 6);
  REFUSED (PAIN, "Item 1 must be between 0 and 10", 11);
  REFUSED (PAIN, "Item 1 is not answered", MISSING);
  REFUSED (PAIN, "Pain NRS has 1 item, not 2", 3, 4);
}

static void
test_bpi (void)
{
  /* 21 / 4 = 5.25, rounded half up. */
  assert_score (SCORE (BPI_SEV, 7, 3, 5, 6), 5.3, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_SEV, 8, 2, 5, 5), 5.0, NULL, TONIC_SAFETY_NONE);
  /* 1 / 4 = 0.25 → 0.3; 3 / 4 = 0.75 → 0.8. */
  assert_score (SCORE (BPI_SEV, 1, 0, 0, 0), 0.3, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_SEV, 1, 1, 1, 0), 0.8, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_SEV, 10, 10, 10, 10), 10, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_SEV, 0, 0, 0, 0), 0, NULL, TONIC_SAFETY_NONE);
  /* 32 / 7 = 4.571 → 4.6; 1 / 7 = 0.143 → 0.1; 6 / 7 = 0.857 → 0.9. */
  assert_score (SCORE (BPI_INT, 4, 5, 3, 6, 2, 7, 5), 4.6, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_INT, 1, 0, 0, 0, 0, 0, 0), 0.1, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_INT, 1, 1, 1, 1, 1, 1, 0), 0.9, NULL, TONIC_SAFETY_NONE);
  assert_score (SCORE (BPI_INT, 10, 10, 10, 10, 10, 10, 10), 10, NULL, TONIC_SAFETY_NONE);
}

static void
test_format_total (void)
{
  g_autofree char *phq = tonic_instrument_format_total (PHQ9, 21);
  g_autofree char *bpi = tonic_instrument_format_total (BPI_SEV, 5.3);
  g_autofree char *bpi_whole = tonic_instrument_format_total (BPI_INT, 5);
  g_autofree char *moaas = tonic_instrument_format_total (MOAAS, 0);

  g_assert_cmpstr (phq, ==, "21");
  g_assert_cmpstr (bpi, ==, "5.3");
  g_assert_cmpstr (bpi_whole, ==, "5.0");
  g_assert_cmpstr (moaas, ==, "0");
}

/* --- bands ------------------------------------------------------------------------ */

static const struct
{
  TonicInstrument  instrument;
  guint            n_bands;
  int              from[5];
  const char      *labels[5];
} expected_bands[] = {
  { PHQ9, 5, { 0, 5, 10, 15, 20 },
    { "None–minimal", "Mild", "Moderate", "Moderately severe", "Severe" } },
  { GAD7, 4, { 0, 5, 10, 15 }, { "Minimal", "Mild", "Moderate", "Severe" } },
  { PCL5, 2, { 0, 31 }, { "Below threshold", "Probable PTSD" } },
  { MADRS, 4, { 0, 7, 20, 35 }, { "Normal", "Mild", "Moderate", "Severe" } },
  { QIDS, 5, { 0, 6, 11, 16, 21 }, { "None", "Mild", "Moderate", "Severe", "Very severe" } },
  { CSSRS, 4, { 0, 1, 2, 3 }, { "None", "Low", "Moderate", "High" } },
  { CADSS, 0, { 0 }, { NULL } },
  { MOAAS, 0, { 0 }, { NULL } },
  { PAIN, 0, { 0 }, { NULL } },
  { BPI_SEV, 0, { 0 }, { NULL } },
  { BPI_INT, 0, { 0 }, { NULL } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (expected_bands) == TONIC_N_INSTRUMENTS);

/* Scores answers making @total and checks its band. */
static void
assert_scored_band (TonicInstrument instrument,
                    int             total,
                    guint           band)
{
  int answers[MAX_ITEMS];
  TonicScore score;

  if (instrument == QIDS)
    fill_qids (total, answers);
  else
    fill_sum (instrument, total, answers);

  score = score_ok (instrument, answers, tonic_instrument_get_n_items (instrument));
  g_assert_cmpfloat (score.total, ==, total);
  g_assert_cmpuint (score.band, ==, band);
}

static void
test_bands (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (expected_bands); i++)
    {
      TonicInstrument instrument = expected_bands[i].instrument;
      guint n = expected_bands[i].n_bands;

      g_assert_cmpint (instrument, ==, i);
      g_assert_cmpuint (tonic_instrument_get_n_bands (instrument), ==, n);

      if (n == 0)
        {
          for (double t = -1; t <= 100; t += 0.5)
            g_assert_cmpuint (tonic_instrument_find_band (instrument, t), ==, 0);
          continue;
        }

      g_assert_cmpfloat (tonic_instrument_get_band (instrument, 0)->from, ==,
                         tonic_instrument_get_min_total (instrument));
      g_assert_cmpuint (tonic_instrument_find_band (instrument,
                                                    tonic_instrument_get_max_total (instrument)),
                        ==, n - 1);

      for (guint b = 0; b < n; b++)
        {
          const TonicInstrumentBand *band = tonic_instrument_get_band (instrument, b);
          int from = expected_bands[i].from[b];

          g_assert_cmpfloat (band->from, ==, from);
          g_assert_cmpstr (band->label, ==, expected_bands[i].labels[b]);
          g_assert_cmpuint (tonic_instrument_find_band (instrument, from), ==, b);
          if (b > 0)
            g_assert_cmpuint (tonic_instrument_find_band (instrument, from - 1), ==, b - 1);

          /* From item answers too, for the scales that add them up. */
          if (instrument == CSSRS)
            continue;
          assert_scored_band (instrument, from, b);
          if (b > 0)
            assert_scored_band (instrument, from - 1, b - 1);
        }
    }
}

/* --- refusals ------------------------------------------------------------------------ */

static void
test_refused (void)
{
  for (TonicInstrument instrument = 0; instrument < TONIC_N_INSTRUMENTS; instrument++)
    {
      guint n = tonic_instrument_get_n_items (instrument);
      int answers[MAX_ITEMS + 1] = { 0 };

      for (guint i = 0; i < n; i++)
        {
          const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, i);
          int saved = answers[i];
          g_autofree char *missing = g_strdup_printf ("Item %u is not answered", i + 1);
          g_autofree char *range = g_strdup_printf ("Item %u must be between %d and %d",
                                                    i + 1, item->min, item->max);
          g_autofree char *skip = g_strdup_printf ("Item %u cannot be skipped", i + 1);
          gboolean skippable = instrument == CSSRS && i >= 2 && i <= 4;

          answers[i] = MISSING;
          assert_refused (instrument, answers, n, missing);
          answers[i] = item->max + 1;
          assert_refused (instrument, answers, n, range);
          /* Below every minimum (0): -1 and -2 are the missing and skipped marks. */
          answers[i] = -3;
          assert_refused (instrument, answers, n, range);
          answers[i] = G_MAXINT;
          assert_refused (instrument, answers, n, range);
          answers[i] = SKIPPED;
          if (skippable)
            score_ok (instrument, answers, n);
          else
            assert_refused (instrument, answers, n, skip);
          answers[i] = saved;
        }

      /* The first item at fault is named. */
      if (n > 1)
        {
          g_autofree char *first = g_strdup_printf ("Item 1 must be between 0 and %d",
                                                    tonic_instrument_get_item (instrument, 0)->max);

          answers[n - 1] = MISSING;
          answers[0] = 99;
          assert_refused (instrument, answers, n, first);
        }
    }
}

static void
test_refused_first_fault (void)
{
  REFUSED (PHQ9, "Item 4 is not answered", 1, 2, 1, MISSING, 1, 9, MISSING, 1, 1);
  REFUSED (PHQ9, "Item 2 must be between 0 and 3", 1, 4, 1, MISSING, 1, 1, 1, 1, 1);
  REFUSED (GAD7, "Item 7 must be between 0 and 3", 1, 1, 1, 1, 1, 1, -5);
  REFUSED (PCL5, "Item 20 is not answered",
           1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, MISSING);
  REFUSED (MADRS, "Item 10 must be between 0 and 6", 0, 0, 0, 0, 0, 0, 0, 0, 0, 7);
  REFUSED (BPI_SEV, "Item 3 cannot be skipped", 1, 2, SKIPPED, 4);
}

static void
test_refused_count (void)
{
  static const int answers[MAX_ITEMS + 1] = { 0 };

  REFUSED (PHQ9, "PHQ-9 has 9 items, not 8", 1, 1, 1, 1, 1, 1, 1, 1);
  REFUSED (GAD7, "GAD-7 has 7 items, not 9", 1, 1, 1, 1, 1, 1, 1, 1, 1);
  assert_refused (MOAAS, NULL, 0, "MOAA/S has 1 item, not 0");
  assert_refused (BPI_INT, answers, 0, "BPI interference has 7 items, not 0");

  for (TonicInstrument instrument = 0; instrument < TONIC_N_INSTRUMENTS; instrument++)
    {
      guint n = tonic_instrument_get_n_items (instrument);
      const char *label = tonic_instrument_get_label (instrument);
      g_autofree char *fewer = g_strdup_printf ("%s has %u item%s, not %u", label, n,
                                                n == 1 ? "" : "s", n - 1);
      g_autofree char *more = g_strdup_printf ("%s has %u item%s, not %u", label, n,
                                               n == 1 ? "" : "s", n + 1);

      assert_refused (instrument, answers, n - 1, fewer);
      assert_refused (instrument, answers, n + 1, more);
      score_ok (instrument, answers, n);
    }
}

/* --- stored answers ------------------------------------------------------------------- */

static void
assert_parse_refused (const char *text)
{
  guint n = 99;
  g_autofree int *answers = tonic_instrument_parse_answers (text, &n);

  g_assert_null (answers);
  g_assert_cmpuint (n, ==, 0);
}

static void
test_answers_text (void)
{
  static const int answers[] = { 0, 1, 3, MISSING, SKIPPED, 10, MISSING };
  g_autofree char *text = tonic_instrument_format_answers (answers, G_N_ELEMENTS (answers));
  g_autofree int *parsed = NULL;
  g_autofree int *none = NULL;
  g_autofree int *blanks = NULL;
  g_autofree char *empty = tonic_instrument_format_answers (NULL, 0);
  guint n;

  g_assert_cmpstr (text, ==, "0,1,3,,s,10,");
  parsed = tonic_instrument_parse_answers (text, &n);
  g_assert_nonnull (parsed);
  g_assert_cmpmem (parsed, n * sizeof (int), answers, sizeof answers);

  g_assert_cmpstr (empty, ==, "");
  none = tonic_instrument_parse_answers ("", &n);
  g_assert_nonnull (none);
  g_assert_cmpuint (n, ==, 0);

  blanks = tonic_instrument_parse_answers (",", &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (blanks[0], ==, MISSING);
  g_assert_cmpint (blanks[1], ==, MISSING);

  /* Every instrument's answers come back as they went. */
  for (TonicInstrument instrument = 0; instrument < TONIC_N_INSTRUMENTS; instrument++)
    {
      guint n_items = tonic_instrument_get_n_items (instrument);
      int max_answers[MAX_ITEMS];
      g_autofree char *max_text = NULL;
      g_autofree int *max_parsed = NULL;
      TonicScore score;
      g_autofree char *message = NULL;

      for (guint i = 0; i < n_items; i++)
        max_answers[i] = tonic_instrument_get_item (instrument, i)->max;
      max_text = tonic_instrument_format_answers (max_answers, n_items);
      max_parsed = tonic_instrument_parse_answers (max_text, &n);
      g_assert_cmpmem (max_parsed, n * sizeof (int), max_answers, n_items * sizeof (int));
      message = tonic_instrument_score (instrument, max_parsed, n, &score);
      g_assert_null (message);
      g_assert_cmpfloat (score.total, ==, tonic_instrument_get_max_total (instrument));
    }

  assert_parse_refused (NULL);
  assert_parse_refused ("a");
  assert_parse_refused ("1,,x");
  assert_parse_refused ("-1");
  assert_parse_refused ("1,-2");
  assert_parse_refused ("+1");
  assert_parse_refused (" 1");
  assert_parse_refused ("1 ");
  assert_parse_refused ("1.5");
  assert_parse_refused ("0x1");
  assert_parse_refused ("1;2");
  assert_parse_refused ("S");
  assert_parse_refused ("ss");
  assert_parse_refused ("99999999999999999999");
  assert_parse_refused ("3,3,2,2,3,2,2,2,2\n");
}

/* --- sets ----------------------------------------------------------------------------- */

static void
assert_set_text (TonicInstrumentSet  set,
                 const char         *text,
                 const char         *labels)
{
  g_autofree char *formatted = tonic_instrument_format_set (set);
  g_autofree char *formatted_labels = tonic_instrument_format_set_labels (set);
  TonicInstrumentSet parsed = 0xdead;

  g_assert_cmpstr (formatted, ==, text);
  g_assert_cmpstr (formatted_labels, ==, labels);
  g_assert_true (tonic_instrument_parse_set (formatted, &parsed));
  g_assert_cmphex (parsed, ==, set);
}

static void
test_sets (void)
{
  TonicInstrumentSet all = 0;
  TonicInstrumentSet set;

  assert_set_text (0, "", "");
  assert_set_text (BIT (PHQ9) | BIT (MADRS), "phq-9,madrs", "PHQ-9, MADRS");
  assert_set_text (BIT (BPI_INT) | BIT (CSSRS) | BIT (PAIN), "c-ssrs,pain-nrs,bpi-interference",
                   "C-SSRS, Pain NRS, BPI interference");

  for (TonicInstrument instrument = 0; instrument < TONIC_N_INSTRUMENTS; instrument++)
    {
      assert_set_text (BIT (instrument), tonic_instrument_to_string (instrument),
                       tonic_instrument_get_label (instrument));
      all |= BIT (instrument);
    }
  assert_set_text (all, "phq-9,gad-7,pcl-5,madrs,qids-sr16,c-ssrs,cadss,moaas,pain-nrs,"
                   "bpi-severity,bpi-interference",
                   "PHQ-9, GAD-7, PCL-5, MADRS, QIDS-SR16, C-SSRS, CADSS, MOAA/S, Pain NRS, "
                   "BPI severity, BPI interference");

  /* Order, spaces, repeats and empty items do not matter. */
  g_assert_true (tonic_instrument_parse_set (" madrs , phq-9,,madrs,", &set));
  g_assert_cmphex (set, ==, BIT (PHQ9) | BIT (MADRS));
  g_assert_true (tonic_instrument_parse_set (NULL, &set));
  g_assert_cmphex (set, ==, 0);
  g_assert_true (tonic_instrument_parse_set ("", &set));
  g_assert_cmphex (set, ==, 0);

  /* Unknown ids: FALSE, the known ones kept. */
  g_assert_false (tonic_instrument_parse_set ("phq-9,hamd-17,gad-7", &set));
  g_assert_cmphex (set, ==, BIT (PHQ9) | BIT (GAD7));
  g_assert_false (tonic_instrument_parse_set ("PHQ-9", &set));
  g_assert_cmphex (set, ==, 0);
}

static void
test_indications (void)
{
  const TonicInstrumentSet depression = BIT (PHQ9) | BIT (MADRS) | BIT (QIDS) | BIT (CSSRS);
  const TonicInstrumentSet pain = BIT (PAIN) | BIT (BPI_SEV) | BIT (BPI_INT);
  static const struct
  {
    TonicIndication    indications;
    TonicInstrumentSet measures;
  } cases[] = {
    { TONIC_INDICATION_NONE, 0 },
    { TONIC_INDICATION_ANXIETY, BIT (GAD7) },
    { TONIC_INDICATION_PTSD, BIT (PCL5) },
    { TONIC_INDICATION_SUICIDAL_IDEATION, BIT (CSSRS) | BIT (PHQ9) },
    { TONIC_INDICATION_OCD, 0 },
    { TONIC_INDICATION_SUBSTANCE_USE, 0 },
    { TONIC_INDICATION_OTHER, 0 },
    { TONIC_INDICATION_ANXIETY | TONIC_INDICATION_PTSD, BIT (GAD7) | BIT (PCL5) },
    { TONIC_INDICATION_PTSD | TONIC_INDICATION_SUICIDAL_IDEATION,
      BIT (PCL5) | BIT (CSSRS) | BIT (PHQ9) },
    { TONIC_INDICATION_OCD | TONIC_INDICATION_ANXIETY, BIT (GAD7) },
  };

  /* Depression of any kind adds C-SSRS through the suicide screen. */
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION),
                   ==, depression);
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER),
                   ==, depression);
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_BIPOLAR_DEPRESSION),
                   ==, depression);
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_CHRONIC_PAIN), ==, pain);
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_CHRONIC_PAIN |
                                                         TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER),
                   ==, pain | depression);
  g_assert_cmphex (tonic_instrument_set_for_indications (TONIC_INDICATION_ALL), ==,
                   depression | pain | BIT (GAD7) | BIT (PCL5));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmphex (tonic_instrument_set_for_indications (cases[i].indications), ==,
                     cases[i].measures);

  /* Post-dose observations never start a plan. */
  for (guint i = 0; i < TONIC_N_INDICATIONS; i++)
    {
      TonicInstrumentSet set = tonic_instrument_set_for_indications (tonic_indication_nth (i));

      g_assert_cmphex (set & (BIT (CADSS) | BIT (MOAAS)), ==, 0);
      g_assert_true (((set & BIT (CSSRS)) != 0) ==
                     tonic_indication_needs_suicide_screen (tonic_indication_nth (i)));
    }
}

static void
test_primary (void)
{
  static const TonicInstrument order[] = {
    PHQ9, MADRS, QIDS, GAD7, PCL5, PAIN, BPI_SEV, BPI_INT,
  };
  TonicInstrumentSet set = 0;

  for (TonicInstrument instrument = 0; instrument < TONIC_N_INSTRUMENTS; instrument++)
    set |= BIT (instrument);

  /* Taking the primary away each time walks the order. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      g_assert_cmpint (tonic_instrument_set_get_primary (set), ==, order[i]);
      set &= ~BIT (order[i]);
    }
  g_assert_cmphex (set, ==, BIT (CSSRS) | BIT (CADSS) | BIT (MOAAS));
  g_assert_cmpint (tonic_instrument_set_get_primary (set), ==, -1);
  g_assert_cmpint (tonic_instrument_set_get_primary (0), ==, -1);
  g_assert_cmpint (tonic_instrument_set_get_primary (BIT (CSSRS)), ==, -1);

  g_assert_cmpint (tonic_instrument_set_get_primary (BIT (GAD7) | BIT (MADRS)), ==, MADRS);
  g_assert_cmpint (tonic_instrument_set_get_primary (BIT (PCL5) | BIT (GAD7)), ==, GAD7);
  g_assert_cmpint (tonic_instrument_set_get_primary (BIT (BPI_INT) | BIT (BPI_SEV)), ==, BPI_SEV);
  g_assert_cmpint (tonic_instrument_set_get_primary (BIT (BPI_INT) | BIT (CSSRS)), ==, BPI_INT);
  g_assert_cmpint (tonic_instrument_set_get_primary (
                     tonic_instrument_set_for_indications (TONIC_INDICATION_SUICIDAL_IDEATION)),
                   ==, PHQ9);
  g_assert_cmpint (tonic_instrument_set_get_primary (
                     tonic_instrument_set_for_indications (TONIC_INDICATION_CHRONIC_PAIN)),
                   ==, PAIN);
}

/* --- outcome rules ---------------------------------------------------------------------- */

static TonicOutcomeRules
rules_of (TonicInstrument instrument)
{
  TonicOutcomeRules rules;

  tonic_instrument_get_default_rules (instrument, &rules);
  return rules;
}

static void
test_default_rules (void)
{
  static const struct
  {
    TonicInstrument    instrument;
    TonicOutcomeRules  rules;
  } expected[] = {
    { PHQ9, { TONIC_RESPONSE_RULE_PERCENT_FALL, 50, TONIC_REMISSION_RULE_BELOW, 5 } },
    { GAD7, { TONIC_RESPONSE_RULE_PERCENT_FALL, 50, TONIC_REMISSION_RULE_BELOW, 5 } },
    { PCL5, { TONIC_RESPONSE_RULE_POINTS_FALL, 10, TONIC_REMISSION_RULE_BELOW, 31 } },
    { MADRS, { TONIC_RESPONSE_RULE_PERCENT_FALL, 50, TONIC_REMISSION_RULE_AT_MOST, 10 } },
    { QIDS, { TONIC_RESPONSE_RULE_PERCENT_FALL, 50, TONIC_REMISSION_RULE_AT_MOST, 5 } },
    { CSSRS, { TONIC_RESPONSE_RULE_NONE, 0, TONIC_REMISSION_RULE_NONE, 0 } },
    { CADSS, { TONIC_RESPONSE_RULE_NONE, 0, TONIC_REMISSION_RULE_NONE, 0 } },
    { MOAAS, { TONIC_RESPONSE_RULE_NONE, 0, TONIC_REMISSION_RULE_NONE, 0 } },
    { PAIN, { TONIC_RESPONSE_RULE_PERCENT_FALL, 30, TONIC_REMISSION_RULE_NONE, 0 } },
    { BPI_SEV, { TONIC_RESPONSE_RULE_PERCENT_FALL, 30, TONIC_REMISSION_RULE_NONE, 0 } },
    { BPI_INT, { TONIC_RESPONSE_RULE_PERCENT_FALL, 30, TONIC_REMISSION_RULE_NONE, 0 } },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_INSTRUMENTS);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      TonicOutcomeRules rules = rules_of (expected[i].instrument);

      g_assert_cmpint (rules.response_rule, ==, expected[i].rules.response_rule);
      g_assert_cmpfloat (rules.response, ==, expected[i].rules.response);
      g_assert_cmpint (rules.remission_rule, ==, expected[i].rules.remission_rule);
      g_assert_cmpfloat (rules.remission, ==, expected[i].rules.remission);
    }
}

static void
test_response (void)
{
  TonicOutcomeRules phq9 = rules_of (PHQ9);
  TonicOutcomeRules pcl5 = rules_of (PCL5);
  TonicOutcomeRules pain = rules_of (PAIN);
  TonicOutcomeRules bpi = rules_of (BPI_SEV);
  TonicOutcomeRules cadss = rules_of (CADSS);

  /* ≥ 50 %: 20 → 10 is exactly half. */
  g_assert_true (tonic_outcome_is_response (&phq9, 20, 10));
  g_assert_false (tonic_outcome_is_response (&phq9, 20, 11));
  g_assert_true (tonic_outcome_is_response (&phq9, 21, 10));
  g_assert_false (tonic_outcome_is_response (&phq9, 21, 11));
  g_assert_true (tonic_outcome_is_response (&phq9, 21, 0));
  g_assert_false (tonic_outcome_is_response (&phq9, 10, 20));
  /* No percent of nothing. */
  g_assert_false (tonic_outcome_is_response (&phq9, 0, 0));

  /* ≥ 10 points. */
  g_assert_true (tonic_outcome_is_response (&pcl5, 50, 40));
  g_assert_false (tonic_outcome_is_response (&pcl5, 50, 41));
  g_assert_true (tonic_outcome_is_response (&pcl5, 12, 0));
  g_assert_false (tonic_outcome_is_response (&pcl5, 9, 0));

  /* Pain: ≥ 30 % moderate, ≥ 50 % substantial. */
  g_assert_true (tonic_outcome_is_response (&pain, 10, 7));
  g_assert_false (tonic_outcome_is_response (&pain, 10, 8));
  g_assert_false (tonic_outcome_is_response (&pain, 0, 0));
  g_assert_true (tonic_instrument_is_substantial_pain_relief (10, 5));
  g_assert_false (tonic_instrument_is_substantial_pain_relief (10, 6));
  g_assert_true (tonic_instrument_is_substantial_pain_relief (7, 3));
  g_assert_false (tonic_instrument_is_substantial_pain_relief (0, 0));

  /* BPI means in tenths: 5.0 → 3.5 is exactly 30 %. */
  g_assert_true (tonic_outcome_is_response (&bpi, 5.0, 3.5));
  g_assert_false (tonic_outcome_is_response (&bpi, 5.0, 3.6));
  g_assert_true (tonic_outcome_is_response (&bpi, 6.5, 4.5));

  /* No rule, no response. */
  for (double s = 0; s <= 92; s++)
    g_assert_false (tonic_outcome_is_response (&cadss, 92, s));
}

static void
test_remission (void)
{
  static const struct
  {
    TonicInstrument instrument;
    double          in;
    double          out;
  } cases[] = {
    { PHQ9, 4, 5 },
    { GAD7, 4, 5 },
    { PCL5, 30, 31 },
    { MADRS, 10, 11 },
    { QIDS, 5, 6 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicOutcomeRules rules = rules_of (cases[i].instrument);

      g_assert_true (tonic_outcome_is_remission (&rules, 0));
      g_assert_true (tonic_outcome_is_remission (&rules, cases[i].in));
      g_assert_false (tonic_outcome_is_remission (&rules, cases[i].out));
    }

  for (TonicInstrument instrument = CSSRS; instrument < TONIC_N_INSTRUMENTS; instrument++)
    {
      TonicOutcomeRules rules = rules_of (instrument);

      g_assert_false (tonic_outcome_is_remission (&rules, 0));
    }
}

static void
test_percent_change (void)
{
  g_assert_cmpfloat_with_epsilon (tonic_outcome_percent_change (20, 5), -75, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_outcome_percent_change (10, 12), 20, 1e-9);
  g_assert_cmpfloat_with_epsilon (tonic_outcome_percent_change (21, 6), -71.428571, 1e-5);
  g_assert_cmpfloat_with_epsilon (tonic_outcome_percent_change (21, 21), 0, 1e-9);
  g_assert_cmpfloat (tonic_outcome_percent_change (0, 0), ==, 0);
  g_assert_cmpfloat (tonic_outcome_percent_change (0, 7), ==, 0);
}

/* --- status of a course ------------------------------------------------------------------- */

#define STATUS(rules, ...) \
  tonic_outcome_get_status (rules, (const double[]) { __VA_ARGS__ }, \
                            G_N_ELEMENTS (((const double[]) { __VA_ARGS__ })))

static void
test_status (void)
{
  TonicOutcomeRules phq9 = rules_of (PHQ9);
  TonicOutcomeRules pcl5 = rules_of (PCL5);
  TonicOutcomeRules cadss = rules_of (CADSS);
  TonicOutcomeRules pain = rules_of (PAIN);

  g_assert_cmpint (tonic_outcome_get_status (&phq9, NULL, 0), ==, TONIC_OUTCOME_NO_BASELINE);
  g_assert_cmpint (STATUS (&phq9, 21), ==, TONIC_OUTCOME_BASELINE);
  g_assert_cmpint (STATUS (&phq9, 3), ==, TONIC_OUTCOME_BASELINE);

  /* Percent rules: within ±5 % of the baseline is unchanged. */
  g_assert_cmpint (STATUS (&phq9, 20, 21), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&phq9, 20, 19), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&phq9, 20, 20), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&phq9, 20, 22), ==, TONIC_OUTCOME_WORSE);
  g_assert_cmpint (STATUS (&phq9, 20, 18), ==, TONIC_OUTCOME_IMPROVING);
  g_assert_cmpint (STATUS (&phq9, 21, 24), ==, TONIC_OUTCOME_WORSE);
  g_assert_cmpint (STATUS (&phq9, 21, 15), ==, TONIC_OUTCOME_IMPROVING);
  g_assert_cmpint (STATUS (&phq9, 21, 15, 11), ==, TONIC_OUTCOME_IMPROVING);

  /* Response, then sustained (two consecutive), remission over both. */
  g_assert_cmpint (STATUS (&phq9, 21, 10), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_cmpint (STATUS (&phq9, 21, 15, 10), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 15, 9), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9, 8), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 4), ==, TONIC_OUTCOME_REMISSION);
  g_assert_cmpint (STATUS (&phq9, 21, 4), ==, TONIC_OUTCOME_REMISSION);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9, 4), ==, TONIC_OUTCOME_REMISSION);
  g_assert_cmpint (STATUS (&phq9, 21, 4, 5), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);

  /* Response, then relapse. */
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9, 22), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9, 23), ==, TONIC_OUTCOME_WORSE);
  g_assert_cmpint (STATUS (&phq9, 21, 10, 9, 16), ==, TONIC_OUTCOME_IMPROVING);
  g_assert_cmpint (STATUS (&phq9, 21, 4, 12), ==, TONIC_OUTCOME_IMPROVING);

  /* A baseline of 0 gives no percent fall; its only zone is itself. */
  g_assert_cmpint (STATUS (&phq9, 0, 0), ==, TONIC_OUTCOME_REMISSION);
  g_assert_cmpint (STATUS (&phq9, 0, 6), ==, TONIC_OUTCOME_WORSE);

  /* Points rules: within ±2 points is unchanged. */
  g_assert_cmpint (STATUS (&pcl5, 50, 48), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&pcl5, 50, 52), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&pcl5, 50, 47), ==, TONIC_OUTCOME_IMPROVING);
  g_assert_cmpint (STATUS (&pcl5, 50, 53), ==, TONIC_OUTCOME_WORSE);
  g_assert_cmpint (STATUS (&pcl5, 50, 40), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_cmpint (STATUS (&pcl5, 50, 40, 38), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);
  g_assert_cmpint (STATUS (&pcl5, 50, 40, 30), ==, TONIC_OUTCOME_REMISSION);
  g_assert_cmpint (STATUS (&pcl5, 50, 40, 45), ==, TONIC_OUTCOME_IMPROVING);

  /* Pain: response at 30 %, no remission rule. */
  g_assert_cmpint (STATUS (&pain, 8, 5), ==, TONIC_OUTCOME_RESPONSE);
  g_assert_cmpint (STATUS (&pain, 8, 5, 0), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);
  g_assert_cmpint (STATUS (&pain, 8, 6), ==, TONIC_OUTCOME_IMPROVING);

  /* No rules: only baseline, improving, worse and unchanged. */
  g_assert_cmpint (STATUS (&cadss, 20), ==, TONIC_OUTCOME_BASELINE);
  g_assert_cmpint (STATUS (&cadss, 20, 20), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&cadss, 20, 21), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&cadss, 20, 2, 0), ==, TONIC_OUTCOME_IMPROVING);
  g_assert_cmpint (STATUS (&cadss, 20, 30), ==, TONIC_OUTCOME_WORSE);
  g_assert_cmpint (STATUS (&cadss, 0, 0), ==, TONIC_OUTCOME_UNCHANGED);
  g_assert_cmpint (STATUS (&cadss, 0, 1), ==, TONIC_OUTCOME_WORSE);
}

static void
test_labels (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  TonicSafetyFlag flag;

  for (TonicOutcomeStatus status = TONIC_OUTCOME_NO_BASELINE; status <= TONIC_OUTCOME_REMISSION;
       status++)
    {
      const char *label = tonic_outcome_status_get_label (status);

      g_assert_nonnull (label);
      g_assert_true (g_hash_table_add (seen, (gpointer) label));
    }
  g_assert_cmpstr (tonic_outcome_status_get_label (TONIC_OUTCOME_SUSTAINED_RESPONSE), ==,
                   "Sustained response");

  g_assert_null (tonic_safety_flag_get_message (TONIC_SAFETY_NONE));
  g_assert_cmpstr (tonic_safety_flag_get_message (TONIC_SAFETY_PHQ9_ITEM9), ==,
                   "PHQ-9 item 9: thoughts of self-harm reported");
  g_assert_nonnull (tonic_safety_flag_get_message (TONIC_SAFETY_CSSRS_HIGH));

  g_assert_cmpstr (tonic_safety_flag_to_string (TONIC_SAFETY_NONE), ==, "none");
  g_assert_cmpstr (tonic_safety_flag_to_string (TONIC_SAFETY_PHQ9_ITEM9), ==, "phq9-item9");
  g_assert_cmpstr (tonic_safety_flag_to_string (TONIC_SAFETY_CSSRS_HIGH), ==, "cssrs-high");
  for (TonicSafetyFlag f = TONIC_SAFETY_NONE; f <= TONIC_SAFETY_CSSRS_HIGH; f++)
    {
      g_assert_true (tonic_safety_flag_from_string (tonic_safety_flag_to_string (f), &flag));
      g_assert_cmpint (flag, ==, f);
    }
  g_assert_false (tonic_safety_flag_from_string ("high", &flag));
  g_assert_false (tonic_safety_flag_from_string (NULL, &flag));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/instrument/table", test_table);
  g_test_add_func ("/instrument/score/phq-9", test_phq9);
  g_test_add_func ("/instrument/score/gad-7", test_gad7);
  g_test_add_func ("/instrument/score/pcl-5", test_pcl5);
  g_test_add_func ("/instrument/score/madrs", test_madrs);
  g_test_add_func ("/instrument/score/qids-sr16", test_qids);
  g_test_add_func ("/instrument/score/c-ssrs", test_cssrs);
  g_test_add_func ("/instrument/score/cadss", test_cadss);
  g_test_add_func ("/instrument/score/single-answer", test_single_answer);
  g_test_add_func ("/instrument/score/bpi", test_bpi);
  g_test_add_func ("/instrument/format-total", test_format_total);
  g_test_add_func ("/instrument/bands", test_bands);
  g_test_add_func ("/instrument/refused/each-item", test_refused);
  g_test_add_func ("/instrument/refused/first-fault", test_refused_first_fault);
  g_test_add_func ("/instrument/refused/count", test_refused_count);
  g_test_add_func ("/instrument/answers-text", test_answers_text);
  g_test_add_func ("/instrument/sets", test_sets);
  g_test_add_func ("/instrument/indications", test_indications);
  g_test_add_func ("/instrument/primary", test_primary);
  g_test_add_func ("/outcome/default-rules", test_default_rules);
  g_test_add_func ("/outcome/response", test_response);
  g_test_add_func ("/outcome/remission", test_remission);
  g_test_add_func ("/outcome/percent-change", test_percent_change);
  g_test_add_func ("/outcome/status", test_status);
  g_test_add_func ("/outcome/labels", test_labels);

  return g_test_run ();
}
