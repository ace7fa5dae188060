/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-outcome-series"

#include "config.h"

#include <string.h>

#include "tonic-outcome-series.h"

#define PHQ9   TONIC_INSTRUMENT_PHQ9
#define MADRS  TONIC_INSTRUMENT_MADRS
#define PCL5   TONIC_INSTRUMENT_PCL5
#define PAIN   TONIC_INSTRUMENT_PAIN_NRS
#define BPI    TONIC_INSTRUMENT_BPI_SEVERITY
#define CSSRS  TONIC_INSTRUMENT_CSSRS
#define CADSS  TONIC_INSTRUMENT_CADSS
#define PRE    TONIC_SCORE_TIMING_PRE
#define POST   TONIC_SCORE_TIMING_POST

/* A series from "DAY=SCORE[i][s] …": a score on DAY, with an infusion (i)
 * and a safety flag (s); "DAY=i" is an infusion with no score. Session
 * ids count from 1 in the order given. */
static TonicOutcomeSeries *
build_series (TonicInstrument          instrument,
              const TonicOutcomeRules *rules,
              const char              *spec)
{
  TonicOutcomeSeries *series = tonic_outcome_series_new (instrument, rules);
  g_auto(GStrv) entries = g_strsplit (spec, " ", -1);
  gint64 id = 0;

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      char *flags = NULL;
      double score;

      if (*entries[i] == '\0')
        continue;

      parts = g_strsplit (entries[i], "=", 2);
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      id++;

      if (strcmp (parts[1], "i") == 0)
        {
          tonic_outcome_series_add_infusion (series, id, parts[0]);
          continue;
        }

      score = g_ascii_strtod (parts[1], &flags);
      g_assert_true (flags != parts[1]);
      tonic_outcome_series_add_point (series, id, parts[0], score,
                                      strchr (flags, 'i') != NULL,
                                      strchr (flags, 's') != NULL);
    }

  return series;
}

static TonicOutcomeRules
make_rules (TonicResponseRule  response_rule,
            double             response,
            TonicRemissionRule remission_rule,
            double             remission)
{
  TonicOutcomeRules rules = { response_rule, response, remission_rule, remission };

  return rules;
}

static void
assert_rules (const TonicOutcomeRules *rules,
              const TonicOutcomeRules *expected)
{
  g_assert_cmpint (rules->response_rule, ==, expected->response_rule);
  g_assert_cmpfloat (rules->response, ==, expected->response);
  g_assert_cmpint (rules->remission_rule, ==, expected->remission_rule);
  g_assert_cmpfloat (rules->remission, ==, expected->remission);
}

/* -- Empty and one score ------------------------------------------------------------ */

static void
test_empty (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (PHQ9, NULL);
  g_autofree char *summary = tonic_outcome_series_get_summary (series);
  g_autoptr(GArray) gaps = tonic_outcome_series_get_booster_gaps (series, 0);
  TonicOutcomeRules defaults;
  double min = -1, max = -1, level = -1;

  g_assert_cmpint (tonic_outcome_series_get_instrument (series), ==, PHQ9);
  tonic_instrument_get_default_rules (PHQ9, &defaults);
  assert_rules (tonic_outcome_series_get_rules (series), &defaults);

  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 0);
  g_assert_null (tonic_outcome_series_get_scores (series));
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (series), ==, 0);
  g_assert_cmpint (tonic_outcome_series_get_status (series), ==, TONIC_OUTCOME_NO_BASELINE);
  g_assert_cmpstr (summary, ==, "No PHQ-9 scores in this course");
  g_assert_null (tonic_outcome_series_get_remission_since (series));
  g_assert_cmpint (tonic_outcome_series_find_first_response (series), ==, -1);
  g_assert_cmpint (tonic_outcome_series_find_first_remission (series), ==, -1);
  g_assert_cmpuint (gaps->len, ==, 0);

  g_assert_false (tonic_outcome_series_get_response_level (series, &level));
  g_assert_cmpfloat (level, ==, -1);
  g_assert_true (tonic_outcome_series_get_remission_level (series, &level));
  g_assert_cmpfloat (level, ==, 5);

  tonic_outcome_series_get_value_range (series, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 27);
}

static void
test_baseline_only (void)
{
  g_autoptr(TonicOutcomeSeries) series = build_series (PHQ9, NULL, "2026-03-03=21i");
  g_autoptr(TonicOutcomeSeries) remitted = build_series (PHQ9, NULL, "2026-03-03=3");
  g_autoptr(TonicOutcomeSeries) madrs = build_series (MADRS, NULL, "2025-11-28=30");
  g_autofree char *summary = tonic_outcome_series_get_summary (series);
  g_autofree char *remitted_summary = tonic_outcome_series_get_summary (remitted);
  g_autofree char *madrs_summary = tonic_outcome_series_get_summary (madrs);
  g_autofree char *point = tonic_outcome_series_describe_point (series, 0);
  const TonicOutcomePoint *baseline;
  double level = 0, min, max;

  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 1);
  baseline = tonic_outcome_series_get_point (series, 0);
  g_assert_cmpint (baseline->session_id, ==, 1);
  g_assert_cmpstr (baseline->day, ==, "2026-03-03");
  g_assert_cmpfloat (baseline->score, ==, 21);
  g_assert_true (baseline->infusion);
  g_assert_false (baseline->safety_flag);
  g_assert_cmpfloat (tonic_outcome_series_get_scores (series)[0], ==, 21);

  g_assert_cmpint (tonic_outcome_series_get_status (series), ==, TONIC_OUTCOME_BASELINE);
  g_assert_cmpstr (summary, ==, "PHQ-9: baseline 21 on 3 March, no later score");
  g_assert_cmpstr (point, ==, "PHQ-9 21 on 3 March 2026 (baseline)");
  g_assert_cmpfloat (tonic_outcome_series_get_percent_change (series, 0), ==, 0);
  g_assert_true (tonic_outcome_series_get_response_level (series, &level));
  g_assert_cmpfloat (level, ==, 10.5);
  g_assert_cmpint (tonic_outcome_series_find_first_response (series), ==, -1);
  g_assert_null (tonic_outcome_series_get_remission_since (series));
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 0, 0), ==, 1);

  /* A baseline already in remission. */
  g_assert_cmpint (tonic_outcome_series_get_status (remitted), ==, TONIC_OUTCOME_BASELINE);
  g_assert_cmpstr (remitted_summary, ==, "PHQ-9: baseline 3 on 3 March, no later score");
  g_assert_cmpstr (tonic_outcome_series_get_remission_since (remitted), ==, "2026-03-03");
  g_assert_cmpint (tonic_outcome_series_find_first_remission (remitted), ==, 0);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (remitted, 0, 0), ==, 0);

  g_assert_cmpstr (madrs_summary, ==, "MADRS: baseline 30 on 28 November, no later score");
  tonic_outcome_series_get_value_range (madrs, &min, &max);
  g_assert_cmpfloat (min, ==, 0);
  g_assert_cmpfloat (max, ==, 60);
}

/* -- Summaries ---------------------------------------------------------------------------- */

typedef struct
{
  TonicInstrument     instrument;
  const char         *spec;
  TonicOutcomeStatus  status;
  const char         *summary;
} SummaryCase;

static const SummaryCase summary_cases[] = {
  /* The example, with a latest score above remission. */
  { PHQ9, "2026-03-03=21i 2026-03-05=18i 2026-03-07=14i 2026-03-10=10i 2026-03-12=8i 2026-03-14=6i",
    TONIC_OUTCOME_SUSTAINED_RESPONSE,
    "PHQ-9 fell from 21 to 6 over 6 infusions (\u221271 %): sustained response" },
  { PHQ9, "2026-03-03=21i 2026-03-05=14i 2026-03-07=9i",
    TONIC_OUTCOME_RESPONSE,
    "PHQ-9 fell from 21 to 9 over 3 infusions (\u221257 %): response" },
  /* Exactly half: a response. */
  { PHQ9, "2026-03-03=20i 2026-03-05=10i",
    TONIC_OUTCOME_RESPONSE,
    "PHQ-9 fell from 20 to 10 over 2 infusions (\u221250 %): response" },
  { PHQ9, "2026-03-03=21i 2026-03-05=12i 2026-03-10=4i 2026-03-12=3i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 fell from 21 to 3 over 4 infusions (\u221286 %): response; remission since 10 March" },
  /* Remission without a response (MADRS ≤ 10). */
  { MADRS, "2026-03-03=14i 2026-03-05=10i",
    TONIC_OUTCOME_REMISSION,
    "MADRS fell from 14 to 10 over 2 infusions (\u221229 %): remission since 5 March" },
  /* Remission lost, then regained: since its return. */
  { PHQ9, "2026-03-03=21i 2026-03-05=4i 2026-03-07=8i 2026-03-10=3i 2026-03-12=2i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 fell from 21 to 2 over 5 infusions (\u221290 %): response; remission since 10 March" },
  { PHQ9, "2026-03-03=12i 2026-03-05=12i",
    TONIC_OUTCOME_UNCHANGED,
    "PHQ-9 stayed at 12 over 2 infusions: unchanged" },
  { PHQ9, "2026-03-03=3i 2026-03-05=3i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 stayed at 3 over 2 infusions: remission since 3 March" },
  { PHQ9, "2026-03-03=8i 2026-03-05=12i",
    TONIC_OUTCOME_WORSE,
    "PHQ-9 rose from 8 to 12 over 2 infusions (+50 %): worse" },
  /* From 0 no percent can be given. */
  { PHQ9, "2026-03-03=0i 2026-03-05=5i",
    TONIC_OUTCOME_WORSE,
    "PHQ-9 rose from 0 to 5 over 2 infusions: worse" },
  { PHQ9, "2026-03-03=0i 2026-03-05=0i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 stayed at 0 over 2 infusions: remission since 3 March" },
  { PHQ9, "2026-03-03=21i 2026-03-05=15i",
    TONIC_OUTCOME_IMPROVING,
    "PHQ-9 fell from 21 to 15 over 2 infusions (\u221229 %): improving" },
  /* Within ±5 % of the baseline. */
  { PHQ9, "2026-03-03=21i 2026-03-05=20i",
    TONIC_OUTCOME_UNCHANGED,
    "PHQ-9 fell from 21 to 20 over 2 infusions (\u22125 %): unchanged" },
  { PHQ9, "2026-03-03=21 2026-03-05=15i",
    TONIC_OUTCOME_IMPROVING,
    "PHQ-9 fell from 21 to 15 over 1 infusion (\u221229 %): improving" },
  { PHQ9, "2026-03-03=21 2026-03-05=15",
    TONIC_OUTCOME_IMPROVING,
    "PHQ-9 fell from 21 to 15 over 0 infusions (\u221229 %): improving" },
  { PHQ9, "2026-03-03=12 2026-03-05=12i",
    TONIC_OUTCOME_UNCHANGED,
    "PHQ-9 stayed at 12 over 1 infusion: unchanged" },
  { PHQ9, "2026-03-03=8 2026-03-05=12i",
    TONIC_OUTCOME_WORSE,
    "PHQ-9 rose from 8 to 12 over 1 infusion (+50 %): worse" },
  { PHQ9, "2026-03-03=0 2026-03-05=5i",
    TONIC_OUTCOME_WORSE,
    "PHQ-9 rose from 0 to 5 over 1 infusion: worse" },
  /* A course across the new year: the earlier year is named. */
  { PHQ9, "2025-12-20=21i 2025-12-30=4i 2026-01-10=3i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 fell from 21 to 3 over 3 infusions (\u221286 %): response; remission since 30 December 2025" },
  /* A score of 0. */
  { PHQ9, "2026-03-03=10i 2026-03-05=0i",
    TONIC_OUTCOME_REMISSION,
    "PHQ-9 fell from 10 to 0 over 2 infusions (\u2212100 %): response; remission since 5 March" },
  /* PCL-5: a 10-point fall. */
  { PCL5, "2026-03-03=50i 2026-03-05=41i",
    TONIC_OUTCOME_IMPROVING,
    "PCL-5 fell from 50 to 41 over 2 infusions (\u221218 %): improving" },
  { PCL5, "2026-03-03=50i 2026-03-05=40i",
    TONIC_OUTCOME_RESPONSE,
    "PCL-5 fell from 50 to 40 over 2 infusions (\u221220 %): response" },
  { PCL5, "2026-03-03=50i 2026-03-05=49i",
    TONIC_OUTCOME_UNCHANGED,
    "PCL-5 fell from 50 to 49 over 2 infusions (\u22122 %): unchanged" },
  { PCL5, "2026-03-03=50i 2026-03-05=30i",
    TONIC_OUTCOME_REMISSION,
    "PCL-5 fell from 50 to 30 over 2 infusions (\u221240 %): response; remission since 5 March" },
  /* Pain has no remission rule. */
  { PAIN, "2026-03-03=8i 2026-03-04=4i",
    TONIC_OUTCOME_RESPONSE,
    "Pain NRS fell from 8 to 4 over 2 infusions (\u221250 %): response" },
  { PAIN, "2026-03-03=8i 2026-03-04=0i 2026-03-05=0i",
    TONIC_OUTCOME_SUSTAINED_RESPONSE,
    "Pain NRS fell from 8 to 0 over 3 infusions (\u2212100 %): sustained response" },
  /* Tenths. */
  { BPI, "2026-03-03=6.5i 2026-03-04=3.2i",
    TONIC_OUTCOME_RESPONSE,
    "BPI severity fell from 6.5 to 3.2 over 2 infusions (\u221251 %): response" },
  { BPI, "2026-03-03=6.5i 2026-03-04=6.5i",
    TONIC_OUTCOME_UNCHANGED,
    "BPI severity stayed at 6.5 over 2 infusions: unchanged" },
  /* Infusions in sessions without this score count; those after the
   * latest score do not. */
  { PHQ9, "2026-03-03=21i 2026-03-05=i 2026-03-07=i 2026-03-10=9i 2026-03-20=i",
    TONIC_OUTCOME_RESPONSE,
    "PHQ-9 fell from 21 to 9 over 4 infusions (\u221257 %): response" },
  /* Scores of sessions without a dose (a follow-up visit). */
  { PHQ9, "2026-03-03=21i 2026-03-05=12i 2026-04-20=16",
    TONIC_OUTCOME_IMPROVING,
    "PHQ-9 fell from 21 to 16 over 2 infusions (\u221224 %): improving" },
  /* Safety flags do not change the summary. */
  { PHQ9, "2026-03-03=21is 2026-03-05=22is",
    TONIC_OUTCOME_UNCHANGED,
    "PHQ-9 rose from 21 to 22 over 2 infusions (+5 %): unchanged" },
};

static void
test_summaries (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (summary_cases); i++)
    {
      const SummaryCase *c = &summary_cases[i];
      g_autoptr(TonicOutcomeSeries) series = build_series (c->instrument, NULL, c->spec);
      g_autofree char *summary = tonic_outcome_series_get_summary (series);

      g_test_message ("case %u: %s", i, c->spec);
      g_assert_cmpint (tonic_outcome_series_get_status (series), ==, c->status);
      g_assert_cmpstr (summary, ==, c->summary);
    }
}

/* The practice's rules, not the defaults, decide. */
static void
test_summary_rules (void)
{
  TonicOutcomeRules forty = make_rules (TONIC_RESPONSE_RULE_PERCENT_FALL, 40,
                                        TONIC_REMISSION_RULE_AT_MOST, 5);
  TonicOutcomeRules none = make_rules (TONIC_RESPONSE_RULE_NONE, 0, TONIC_REMISSION_RULE_NONE, 0);
  g_autoptr(TonicOutcomeSeries) defaults = build_series (PHQ9, NULL, "2026-03-03=21i 2026-03-05=12i");
  g_autoptr(TonicOutcomeSeries) custom = build_series (PHQ9, &forty, "2026-03-03=21i 2026-03-05=12i");
  g_autoptr(TonicOutcomeSeries) at_five = build_series (PHQ9, &forty, "2026-03-03=21i 2026-03-05=5i");
  g_autoptr(TonicOutcomeSeries) ruleless = build_series (PHQ9, &none, "2026-03-03=21i 2026-03-05=2i");
  g_autofree char *defaults_summary = tonic_outcome_series_get_summary (defaults);
  g_autofree char *custom_summary = tonic_outcome_series_get_summary (custom);
  g_autofree char *at_five_summary = tonic_outcome_series_get_summary (at_five);
  g_autofree char *ruleless_summary = tonic_outcome_series_get_summary (ruleless);
  double level;

  g_assert_cmpstr (defaults_summary, ==,
                   "PHQ-9 fell from 21 to 12 over 2 infusions (\u221243 %): improving");
  g_assert_cmpstr (custom_summary, ==,
                   "PHQ-9 fell from 21 to 12 over 2 infusions (\u221243 %): response");
  assert_rules (tonic_outcome_series_get_rules (custom), &forty);
  g_assert_true (tonic_outcome_series_get_response_level (custom, &level));
  g_assert_cmpfloat_with_epsilon (level, 12.6, 1e-9);
  /* ≤ 5 rather than < 5. */
  g_assert_cmpstr (at_five_summary, ==,
                   "PHQ-9 fell from 21 to 5 over 2 infusions (\u221276 %): response; remission since 5 March");
  g_assert_cmpstr (ruleless_summary, ==,
                   "PHQ-9 fell from 21 to 2 over 2 infusions (\u221290 %): improving");
  g_assert_false (tonic_outcome_series_get_response_level (ruleless, NULL));
  g_assert_false (tonic_outcome_series_get_remission_level (ruleless, NULL));
}

/* -- Rules along the course ------------------------------------------------------------- */

typedef struct
{
  const char *spec;
  int         first_response;
  int         first_remission;
  const char *remission_since;
} RemissionCase;

static const RemissionCase remission_cases[] = {
  { "2026-03-03=21i 2026-03-05=18i 2026-03-07=9i 2026-03-10=6i 2026-03-12=4i 2026-03-14=3i",
    2, 4, "2026-03-12" },
  /* Lost at the latest. */
  { "2026-03-03=21i 2026-03-05=4i 2026-03-07=3i 2026-03-10=6i", 1, 1, NULL },
  /* Lost and regained. */
  { "2026-03-03=21i 2026-03-05=4i 2026-03-07=8i 2026-03-10=3i 2026-03-12=2i", 1, 1, "2026-03-10" },
  /* Only the latest. */
  { "2026-03-03=21i 2026-03-05=15i 2026-03-07=4i", 2, 2, "2026-03-07" },
  /* Since the baseline. */
  { "2026-03-03=4i 2026-03-05=3i 2026-03-07=1i", 2, 0, "2026-03-03" },
  /* Never. */
  { "2026-03-03=21i 2026-03-05=15i 2026-03-07=11i", -1, -1, NULL },
  /* 5 is not below 5. */
  { "2026-03-03=21i 2026-03-05=5i", 1, -1, NULL },
};

static void
test_remission_since (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (remission_cases); i++)
    {
      const RemissionCase *c = &remission_cases[i];
      g_autoptr(TonicOutcomeSeries) series = build_series (PHQ9, NULL, c->spec);

      g_test_message ("case %u: %s", i, c->spec);
      g_assert_cmpint (tonic_outcome_series_find_first_response (series), ==, c->first_response);
      g_assert_cmpint (tonic_outcome_series_find_first_remission (series), ==, c->first_remission);
      g_assert_cmpstr (tonic_outcome_series_get_remission_since (series), ==, c->remission_since);
    }
}

static void
test_levels (void)
{
  g_autoptr(TonicOutcomeSeries) phq9 = build_series (PHQ9, NULL, "2026-03-03=21 2026-03-05=3");
  g_autoptr(TonicOutcomeSeries) zero = build_series (PHQ9, NULL, "2026-03-03=0 2026-03-05=3");
  g_autoptr(TonicOutcomeSeries) pcl5 = build_series (PCL5, NULL, "2026-03-03=50");
  g_autoptr(TonicOutcomeSeries) pcl5_low = build_series (PCL5, NULL, "2026-03-03=6");
  g_autoptr(TonicOutcomeSeries) madrs = build_series (MADRS, NULL, "2026-03-03=33");
  g_autoptr(TonicOutcomeSeries) pain = build_series (PAIN, NULL, "2026-03-03=7");
  g_autoptr(TonicOutcomeSeries) cadss = build_series (CADSS, NULL, "2026-03-03=20");
  double level = -1;

  g_assert_true (tonic_outcome_series_get_response_level (phq9, &level));
  g_assert_cmpfloat (level, ==, 10.5);
  g_assert_true (tonic_outcome_series_get_remission_level (phq9, &level));
  g_assert_cmpfloat (level, ==, 5);
  g_assert_cmpfloat_with_epsilon (tonic_outcome_series_get_percent_change (phq9, 1),
                                  -600.0 / 7, 1e-9);

  /* Half of nothing is no line. */
  level = -1;
  g_assert_false (tonic_outcome_series_get_response_level (zero, &level));
  g_assert_cmpfloat (level, ==, -1);
  g_assert_cmpfloat (tonic_outcome_series_get_percent_change (zero, 1), ==, 0);

  g_assert_true (tonic_outcome_series_get_response_level (pcl5, &level));
  g_assert_cmpfloat (level, ==, 40);
  g_assert_true (tonic_outcome_series_get_remission_level (pcl5, &level));
  g_assert_cmpfloat (level, ==, 31);
  /* Below the scale: the line is off the chart, still given. */
  g_assert_true (tonic_outcome_series_get_response_level (pcl5_low, &level));
  g_assert_cmpfloat (level, ==, -4);

  g_assert_true (tonic_outcome_series_get_response_level (madrs, &level));
  g_assert_cmpfloat (level, ==, 16.5);
  g_assert_true (tonic_outcome_series_get_remission_level (madrs, &level));
  g_assert_cmpfloat (level, ==, 10);

  g_assert_true (tonic_outcome_series_get_response_level (pain, &level));
  g_assert_cmpfloat_with_epsilon (level, 4.9, 1e-9);
  g_assert_false (tonic_outcome_series_get_remission_level (pain, NULL));

  g_assert_false (tonic_outcome_series_get_response_level (cadss, NULL));
  g_assert_false (tonic_outcome_series_get_remission_level (cadss, NULL));
}

/* -- Infusions ------------------------------------------------------------------------------ */

static void
assert_gap (GArray     *gaps,
            guint       index,
            const char *from_day,
            const char *to_day,
            guint       days)
{
  const TonicOutcomeGap *gap = &g_array_index (gaps, TonicOutcomeGap, index);

  g_assert_cmpstr (gap->from_day, ==, from_day);
  g_assert_cmpstr (gap->to_day, ==, to_day);
  g_assert_cmpuint (gap->days, ==, days);
}

static void
test_booster_gaps (void)
{
  /* Six induction infusions over 12 days, an unscored one among them,
   * then boosters after 21 and 35 days, and a scored follow-up with no
   * dose in between. */
  g_autoptr(TonicOutcomeSeries) series =
    build_series (PHQ9, NULL,
                  "2026-03-01=21i 2026-03-03=18i 2026-03-05=i 2026-03-08=12i 2026-03-10=9i "
                  "2026-03-12=7i 2026-03-20=8 2026-04-02=10i 2026-05-07=9i");
  g_autoptr(GArray) two_weeks = tonic_outcome_series_get_booster_gaps (series, 14);
  g_autoptr(GArray) three_weeks = tonic_outcome_series_get_booster_gaps (series, 21);
  g_autoptr(GArray) exactly = tonic_outcome_series_get_booster_gaps (series, 35);
  g_autoptr(GArray) every = tonic_outcome_series_get_booster_gaps (series, 0);
  g_autoptr(GArray) two_days = tonic_outcome_series_get_booster_gaps (series, 2);
  g_autoptr(TonicOutcomeSeries) single = build_series (PHQ9, NULL, "2026-03-01=21i 2026-06-01=5");
  g_autoptr(GArray) none = tonic_outcome_series_get_booster_gaps (single, 0);
  g_autoptr(TonicOutcomeSeries) same_day = build_series (PHQ9, NULL, "2026-03-01=21i 2026-03-01=i");
  g_autoptr(GArray) same_day_gaps = tonic_outcome_series_get_booster_gaps (same_day, 0);

  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (series), ==, 8);

  g_assert_cmpuint (two_weeks->len, ==, 2);
  assert_gap (two_weeks, 0, "2026-03-12", "2026-04-02", 21);
  assert_gap (two_weeks, 1, "2026-04-02", "2026-05-07", 35);

  /* "Further apart than": 21 days is not more than 21. */
  g_assert_cmpuint (three_weeks->len, ==, 1);
  assert_gap (three_weeks, 0, "2026-04-02", "2026-05-07", 35);
  g_assert_cmpuint (exactly->len, ==, 0);

  g_assert_cmpuint (every->len, ==, 7);
  assert_gap (every, 0, "2026-03-01", "2026-03-03", 2);
  assert_gap (every, 1, "2026-03-03", "2026-03-05", 2);
  assert_gap (every, 2, "2026-03-05", "2026-03-08", 3);

  /* The unscored infusion on 5 March closes what would look like a gap. */
  g_assert_cmpuint (two_days->len, ==, 3);
  assert_gap (two_days, 0, "2026-03-05", "2026-03-08", 3);
  assert_gap (two_days, 1, "2026-03-12", "2026-04-02", 21);

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (same_day_gaps->len, ==, 0);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (same_day), ==, 2);
}

static void
test_count_infusions (void)
{
  g_autoptr(TonicOutcomeSeries) series =
    build_series (PHQ9, NULL,
                  "2026-02-27=i 2026-03-01=21i 2026-03-03=18 2026-03-05=i 2026-03-08=12i "
                  "2026-03-10=9i 2026-03-20=i");

  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 4);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (series), ==, 6);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 0, 3), ==, 4);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 0, 0), ==, 1);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 1, 1), ==, 0);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 1, 2), ==, 2);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 2, 3), ==, 2);
}

/* -- Points -------------------------------------------------------------------------------- */

static void
test_describe_point (void)
{
  g_autoptr(TonicOutcomeSeries) phq9 =
    build_series (PHQ9, NULL, "2026-03-03=21i 2026-03-12=6i 2026-03-14=24i 2026-03-16=21i");
  g_autoptr(TonicOutcomeSeries) zero = build_series (PHQ9, NULL, "2026-03-03=0 2026-03-12=3 2026-03-14=0");
  g_autoptr(TonicOutcomeSeries) bpi = build_series (BPI, NULL, "2025-12-31=0 2026-01-02=2.5 2026-01-03=6");
  const char *expected[][2] = {
    { "PHQ-9 21 on 3 March 2026 (baseline)", NULL },
    { "PHQ-9 6 on 12 March 2026 (\u221271 % from baseline)", NULL },
    { "PHQ-9 24 on 14 March 2026 (+14 % from baseline)", NULL },
    { "PHQ-9 21 on 16 March 2026 (0 % from baseline)", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *text = tonic_outcome_series_describe_point (phq9, i);

      g_assert_cmpstr (text, ==, expected[i][0]);
    }

  /* A baseline of 0: the change in points. */
  {
    g_autofree char *baseline = tonic_outcome_series_describe_point (zero, 0);
    g_autofree char *up = tonic_outcome_series_describe_point (zero, 1);
    g_autofree char *same = tonic_outcome_series_describe_point (zero, 2);
    g_autofree char *bpi_baseline = tonic_outcome_series_describe_point (bpi, 0);
    g_autofree char *bpi_up = tonic_outcome_series_describe_point (bpi, 1);
    g_autofree char *bpi_more = tonic_outcome_series_describe_point (bpi, 2);

    g_assert_cmpstr (baseline, ==, "PHQ-9 0 on 3 March 2026 (baseline)");
    g_assert_cmpstr (up, ==, "PHQ-9 3 on 12 March 2026 (+3 from baseline)");
    g_assert_cmpstr (same, ==, "PHQ-9 0 on 14 March 2026 (0 from baseline)");
    g_assert_cmpstr (bpi_baseline, ==, "BPI severity 0.0 on 31 December 2025 (baseline)");
    g_assert_cmpstr (bpi_up, ==, "BPI severity 2.5 on 2 January 2026 (+2.5 from baseline)");
    g_assert_cmpstr (bpi_more, ==, "BPI severity 6.0 on 3 January 2026 (+6.0 from baseline)");
  }
}

static void
test_percent_text (void)
{
  const struct
  {
    double      percent;
    const char *text;
  } cases[] = {
    { -71.43, "\u221271 %" },
    { -71.5, "\u221272 %" },
    { 14.2, "+14 %" },
    { 0, "0 %" },
    { -0.4, "0 %" },
    { 0.4, "0 %" },
    { -0.5, "\u22121 %" },
    { 0.5, "+1 %" },
    { -100, "\u2212100 %" },
    { 250, "+250 %" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = tonic_outcome_format_percent_change (cases[i].percent);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* Points keep day order however they are added; those of one day keep the
 * order they came in. */
static void
test_order (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (PHQ9, NULL);
  const gint64 expected_ids[] = { 5, 1, 2, 4, 3 };
  const double expected_scores[] = { 22, 21, 18, 15, 12 };
  const double *scores;

  tonic_outcome_series_add_point (series, 1, "2026-03-03", 21, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 2, "2026-03-03", 18, FALSE, TRUE);
  tonic_outcome_series_add_point (series, 3, "2026-03-20", 12, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 4, "2026-03-10", 15, TRUE, FALSE);
  tonic_outcome_series_add_point (series, 5, "2026-02-27", 22, FALSE, FALSE);
  tonic_outcome_series_add_infusion (series, 6, "2026-03-01");

  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 5);
  scores = tonic_outcome_series_get_scores (series);
  for (guint i = 0; i < G_N_ELEMENTS (expected_ids); i++)
    {
      const TonicOutcomePoint *point = tonic_outcome_series_get_point (series, i);

      g_assert_cmpint (point->session_id, ==, expected_ids[i]);
      g_assert_cmpfloat (point->score, ==, expected_scores[i]);
      g_assert_cmpfloat (scores[i], ==, expected_scores[i]);
    }
  g_assert_true (tonic_outcome_series_get_point (series, 2)->safety_flag);
  g_assert_false (tonic_outcome_series_get_point (series, 2)->infusion);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (series), ==, 4);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (series, 0, 4), ==, 4);
}

static void
test_many_points (void)
{
  g_autoptr(TonicOutcomeSeries) series = tonic_outcome_series_new (PHQ9, NULL);
  g_autofree char *summary = NULL;
  g_autoptr(GArray) gaps = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 2025);
  for (guint i = 0; i < 300; i++)
    {
      char day[11];

      g_date_strftime (day, sizeof day, "%Y-%m-%d", &date);
      /* 24 falling to 4, 6 in the middle. */
      tonic_outcome_series_add_point (series, i + 1, day, i < 150 ? 24 - (double) i / 10 : 4 + (i % 3),
                                      i % 7 != 6, FALSE);
      g_date_add_days (&date, 2);
    }

  g_assert_cmpuint (tonic_outcome_series_get_n_points (series), ==, 300);
  g_assert_cmpstr (tonic_outcome_series_get_point (series, 299)->day, ==, "2026-08-22");
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (series), ==, 258);
  g_assert_cmpint (tonic_outcome_series_get_status (series), ==, TONIC_OUTCOME_SUSTAINED_RESPONSE);
  summary = tonic_outcome_series_get_summary (series);
  g_assert_cmpstr (summary, ==, "PHQ-9 fell from 24 to 6 over 258 infusions (\u221275 %): sustained response");
  g_assert_cmpint (tonic_outcome_series_find_first_response (series), ==, 120);
  /* Every 7th session has no dose: 4 days between infusions there. */
  gaps = tonic_outcome_series_get_booster_gaps (series, 3);
  g_assert_cmpuint (gaps->len, ==, 42);
  assert_gap (gaps, 0, "2025-01-11", "2025-01-15", 4);
}

static void
test_ref (void)
{
  TonicOutcomeSeries *series = build_series (PHQ9, NULL, "2026-03-03=21i");
  TonicOutcomeSeries *copy;

  g_assert_true (G_TYPE_IS_BOXED (TONIC_TYPE_OUTCOME_SERIES));
  copy = g_boxed_copy (TONIC_TYPE_OUTCOME_SERIES, series);
  g_assert_true (copy == series);
  g_assert_true (tonic_outcome_series_ref (series) == series);

  tonic_outcome_series_unref (series);
  g_boxed_free (TONIC_TYPE_OUTCOME_SERIES, copy);
  g_assert_cmpstr (tonic_outcome_series_get_point (series, 0)->day, ==, "2026-03-03");
  tonic_outcome_series_unref (series);
}

/* -- From sessions --------------------------------------------------------------------------- */

static TonicSession *
make_session (gint64      id,
              gint64      course_id,
              int         number,
              const char *checked_in_at,
              double      given_mg)
{
  TonicSession *session = tonic_session_new ();

  session->id = id;
  session->patient_id = 7;
  session->course_id = course_id;
  session->number = number;
  session->checked_in_at = g_strdup (checked_in_at);
  session->created_at = g_strdup ("2020-01-01T00:00:00Z");
  session->given_mg = given_mg;
  session->status = TONIC_SESSION_STATUS_SIGNED;
  return session;
}

static void
add_score (TonicSession     *session,
           TonicInstrument   instrument,
           TonicScoreTiming  timing,
           double            total,
           TonicSafetyFlag   safety)
{
  TonicSessionScore *score = g_new0 (TonicSessionScore, 1);

  score->session_id = session->id;
  score->instrument = instrument;
  score->timing = timing;
  score->score.instrument = instrument;
  score->score.total = total;
  score->score.band = tonic_instrument_find_band (instrument, total);
  score->score.safety = safety;
  g_ptr_array_add (session->scores, score);
}

static void
test_for_course (void)
{
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_free);
  g_autoptr(TonicOutcomeSeries) phq9 = NULL;
  g_autoptr(TonicOutcomeSeries) madrs = NULL;
  g_autoptr(TonicOutcomeSeries) cadss = NULL;
  g_autoptr(TonicOutcomeSeries) gad7 = NULL;
  g_autoptr(TonicOutcomeSeries) other = NULL;
  g_autoptr(TonicOutcomeSeries) nothing = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *gad7_summary = NULL;
  TonicOutcomeRules forty = make_rules (TONIC_RESPONSE_RULE_PERCENT_FALL, 40,
                                        TONIC_REMISSION_RULE_BELOW, 5);
  TonicSession *s;

  /* Newest first, as the store lists them, with another course mixed in.
   * The zone is UTC+1: 23:30 UTC is the next day. */
  s = make_session (16, 2, 6, "2026-03-16T09:00:00Z", 40);
  add_score (s, PHQ9, POST, 2, TONIC_SAFETY_NONE);
  add_score (s, PHQ9, PRE, 6, TONIC_SAFETY_NONE);
  add_score (s, PHQ9, POST, 1, TONIC_SAFETY_NONE);
  g_ptr_array_add (sessions, s);

  /* Scored twice before dosing: the latest counts. */
  s = make_session (15, 2, 5, "2026-03-13T09:00:00Z", 40);
  add_score (s, PHQ9, PRE, 11, TONIC_SAFETY_NONE);
  add_score (s, PHQ9, PRE, 8, TONIC_SAFETY_NONE);
  add_score (s, CADSS, POST, 12, TONIC_SAFETY_NONE);
  g_ptr_array_add (sessions, s);

  /* No PHQ-9, but a dose. */
  s = make_session (14, 2, 4, "2026-03-10T09:00:00Z", 40);
  add_score (s, MADRS, PRE, 20, TONIC_SAFETY_NONE);
  g_ptr_array_add (sessions, s);

  /* Only after dosing; a C-SSRS high risk in the same session. */
  s = make_session (13, 2, 3, "2026-03-07T23:30:00Z", 40);
  add_score (s, PHQ9, POST, 14, TONIC_SAFETY_NONE);
  add_score (s, CSSRS, PRE, 3, TONIC_SAFETY_CSSRS_HIGH);
  g_ptr_array_add (sessions, s);

  /* Two sessions on one day: by their numbers. No check-in time: the
   * start. */
  s = make_session (12, 2, 2, NULL, 0);
  s->started_at = g_strdup ("2026-03-05T15:00:00Z");
  add_score (s, PHQ9, PRE, 18, TONIC_SAFETY_PHQ9_ITEM9);
  g_ptr_array_add (sessions, s);

  /* Neither check-in nor start: the creation. A draft counts. */
  s = make_session (11, 2, 1, NULL, 40);
  g_free (s->created_at);
  s->created_at = g_strdup ("2026-03-05T08:00:00Z");
  s->status = TONIC_SESSION_STATUS_DRAFT;
  add_score (s, PHQ9, PRE, 21, TONIC_SAFETY_NONE);
  add_score (s, MADRS, PRE, 34, TONIC_SAFETY_NONE);
  g_ptr_array_add (sessions, s);

  /* The previous course. */
  s = make_session (5, 1, 1, "2025-06-01T09:00:00Z", 40);
  add_score (s, PHQ9, PRE, 25, TONIC_SAFETY_NONE);
  g_ptr_array_add (sessions, s);

  phq9 = tonic_outcome_series_new_for_course (sessions, 2, PHQ9, NULL);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (phq9), ==, 5);
  {
    const struct
    {
      gint64      session_id;
      const char *day;
      double      score;
      gboolean    infusion;
      gboolean    safety_flag;
    } expected[] = {
      { 11, "2026-03-05", 21, TRUE, FALSE },
      { 12, "2026-03-05", 18, FALSE, TRUE },
      { 13, "2026-03-08", 14, TRUE, TRUE },
      { 15, "2026-03-13", 8, TRUE, FALSE },
      { 16, "2026-03-16", 6, TRUE, FALSE },
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        const TonicOutcomePoint *point = tonic_outcome_series_get_point (phq9, i);

        g_test_message ("point %u", i);
        g_assert_cmpint (point->session_id, ==, expected[i].session_id);
        g_assert_cmpstr (point->day, ==, expected[i].day);
        g_assert_cmpfloat (point->score, ==, expected[i].score);
        g_assert_cmpint (point->infusion, ==, expected[i].infusion);
        g_assert_cmpint (point->safety_flag, ==, expected[i].safety_flag);
      }
  }
  /* Five sessions with a dose, one of them without a PHQ-9. */
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (phq9), ==, 5);
  summary = tonic_outcome_series_get_summary (phq9);
  g_assert_cmpstr (summary, ==, "PHQ-9 fell from 21 to 6 over 5 infusions (\u221271 %): sustained response");

  madrs = tonic_outcome_series_new_for_course (sessions, 2, MADRS, NULL);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (madrs), ==, 2);
  g_assert_cmpint (tonic_outcome_series_get_point (madrs, 1)->session_id, ==, 14);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (madrs), ==, 5);
  g_assert_cmpuint (tonic_outcome_series_count_infusions (madrs, 0, 1), ==, 3);

  cadss = tonic_outcome_series_new_for_course (sessions, 2, CADSS, NULL);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (cadss), ==, 1);
  g_assert_cmpfloat (tonic_outcome_series_get_point (cadss, 0)->score, ==, 12);

  gad7 = tonic_outcome_series_new_for_course (sessions, 2, TONIC_INSTRUMENT_GAD7, &forty);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (gad7), ==, 0);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (gad7), ==, 5);
  assert_rules (tonic_outcome_series_get_rules (gad7), &forty);
  gad7_summary = tonic_outcome_series_get_summary (gad7);
  g_assert_cmpstr (gad7_summary, ==, "No GAD-7 scores in this course");

  other = tonic_outcome_series_new_for_course (sessions, 1, PHQ9, NULL);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (other), ==, 1);
  g_assert_cmpstr (tonic_outcome_series_get_point (other, 0)->day, ==, "2025-06-01");

  nothing = tonic_outcome_series_new_for_course (sessions, 99, PHQ9, NULL);
  g_assert_cmpuint (tonic_outcome_series_get_n_points (nothing), ==, 0);
  g_assert_cmpuint (tonic_outcome_series_get_n_infusions (nothing), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Session days are local: a fixed zone one hour east of UTC, no DST. */
  g_setenv ("TZ", "TST-1", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/outcome-series/empty", test_empty);
  g_test_add_func ("/outcome-series/baseline-only", test_baseline_only);
  g_test_add_func ("/outcome-series/summary/cases", test_summaries);
  g_test_add_func ("/outcome-series/summary/rules", test_summary_rules);
  g_test_add_func ("/outcome-series/remission-since", test_remission_since);
  g_test_add_func ("/outcome-series/levels", test_levels);
  g_test_add_func ("/outcome-series/booster-gaps", test_booster_gaps);
  g_test_add_func ("/outcome-series/count-infusions", test_count_infusions);
  g_test_add_func ("/outcome-series/describe-point", test_describe_point);
  g_test_add_func ("/outcome-series/percent-text", test_percent_text);
  g_test_add_func ("/outcome-series/order", test_order);
  g_test_add_func ("/outcome-series/many-points", test_many_points);
  g_test_add_func ("/outcome-series/ref", test_ref);
  g_test_add_func ("/outcome-series/for-course", test_for_course);

  return g_test_run ();
}
