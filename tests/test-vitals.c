/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-vitals"

#include "config.h"

#include <string.h>

#include "tonic-session.h"
#include "tonic-vitals.h"

#define PRE      TONIC_VITALS_PHASE_PRE
#define DURING   TONIC_VITALS_PHASE_DURING
#define RECOVERY TONIC_VITALS_PHASE_RECOVERY

#define NORMAL   TONIC_VITALS_LEVEL_NORMAL
#define WARNING  TONIC_VITALS_LEVEL_WARNING
#define ALARM    TONIC_VITALS_LEVEL_ALARM

/* --- names ---------------------------------------------------------------- */

static void
test_vitals (void)
{
  static const struct
  {
    TonicVital  vital;
    const char *id;
    const char *label;
    const char *unit;
    const char *loinc;
    int         min;
    int         max;
  } expected[] = {
    { TONIC_VITAL_SYSTOLIC, "systolic", "Systolic BP", "mmHg", "8480-6", 40, 300 },
    { TONIC_VITAL_DIASTOLIC, "diastolic", "Diastolic BP", "mmHg", "8462-4", 20, 200 },
    { TONIC_VITAL_HEART_RATE, "heart-rate", "Heart rate", "/min", "8867-4", 20, 250 },
    { TONIC_VITAL_SPO2, "spo2", "SpO₂", "%", "59408-5", 50, 100 },
    { TONIC_VITAL_RESPIRATORY_RATE, "respiratory-rate", "Respiratory rate", "/min", "9279-1", 2, 60 },
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (expected) == TONIC_N_VITALS);

  for (guint i = 0; i < TONIC_N_VITALS; i++)
    {
      int min = -1, max = -1;

      g_assert_cmpint (expected[i].vital, ==, i);
      g_assert_cmpstr (tonic_vital_to_string (i), ==, expected[i].id);
      g_assert_cmpstr (tonic_vital_get_label (i), ==, expected[i].label);
      g_assert_cmpstr (tonic_vital_get_unit (i), ==, expected[i].unit);
      g_assert_cmpstr (tonic_vital_get_loinc (i), ==, expected[i].loinc);
      tonic_vital_get_valid_range (i, &min, &max);
      g_assert_cmpint (min, ==, expected[i].min);
      g_assert_cmpint (max, ==, expected[i].max);
    }
}

static void
test_phases_levels_actions (void)
{
  static const char *const phase_ids[] = { "pre", "during", "recovery" };
  static const char *const level_ids[] = { "normal", "warning", "alarm" };
  static const struct
  {
    TonicVitalsAction  action;
    const char        *id;
    const char        *label;
  } actions[] = {
    { TONIC_VITALS_ACTION_NONE, "none", "Not acknowledged" },
    { TONIC_VITALS_ACTION_CONTINUE, "continue", "Continue" },
    { TONIC_VITALS_ACTION_PAUSE, "pause", "Pause infusion" },
    { TONIC_VITALS_ACTION_SLOW, "slow", "Slow infusion" },
    { TONIC_VITALS_ACTION_STOP, "stop", "Stop infusion" },
  };
  TonicVitalsPhase phase = RECOVERY;
  TonicVitalsLevel level = ALARM;
  TonicVitalsAction action = TONIC_VITALS_ACTION_STOP;

  G_STATIC_ASSERT (G_N_ELEMENTS (phase_ids) == TONIC_N_VITALS_PHASES);
  G_STATIC_ASSERT (G_N_ELEMENTS (level_ids) == TONIC_N_VITALS_LEVELS);

  for (guint i = 0; i < G_N_ELEMENTS (phase_ids); i++)
    {
      TonicVitalsPhase parsed = 99;

      g_assert_cmpstr (tonic_vitals_phase_to_string (i), ==, phase_ids[i]);
      g_assert_true (tonic_vitals_phase_from_string (phase_ids[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpstr (tonic_vitals_phase_get_label (i), !=, "");
    }
  g_assert_false (tonic_vitals_phase_from_string ("post", &phase));
  g_assert_false (tonic_vitals_phase_from_string (NULL, &phase));
  g_assert_cmpint (phase, ==, RECOVERY);

  for (guint i = 0; i < G_N_ELEMENTS (level_ids); i++)
    {
      TonicVitalsLevel parsed = 99;

      g_assert_cmpstr (tonic_vitals_level_to_string (i), ==, level_ids[i]);
      g_assert_true (tonic_vitals_level_from_string (level_ids[i], &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpstr (tonic_vitals_level_get_label (i), !=, "");
    }
  g_assert_false (tonic_vitals_level_from_string ("critical", &level));
  g_assert_cmpint (level, ==, ALARM);
  g_assert_cmpint (NORMAL, <, WARNING);
  g_assert_cmpint (WARNING, <, ALARM);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      TonicVitalsAction parsed = 99;

      g_assert_cmpint (actions[i].action, ==, i);
      g_assert_cmpstr (tonic_vitals_action_to_string (i), ==, actions[i].id);
      g_assert_true (tonic_vitals_action_from_string (actions[i].id, &parsed));
      g_assert_cmpint (parsed, ==, i);
      g_assert_cmpstr (tonic_vitals_action_get_label (i), ==, actions[i].label);
    }
  g_assert_false (tonic_vitals_action_from_string ("Stop", &action));
  g_assert_false (tonic_vitals_action_from_string (NULL, &action));
  g_assert_cmpint (action, ==, TONIC_VITALS_ACTION_STOP);
}

/* --- thresholds ----------------------------------------------------------- */

#define DEFAULT_THRESHOLDS \
  "pre-systolic=140;pre-diastolic=90;warn-systolic=160;warn-diastolic=100;" \
  "alarm-systolic=180;alarm-diastolic=110;heart-rate=110;spo2=92;respiratory-rate=10"

static void
assert_default_thresholds (const TonicVitalsThresholds *t)
{
  g_assert_cmpint (t->pre_systolic_above, ==, 140);
  g_assert_cmpint (t->pre_diastolic_above, ==, 90);
  g_assert_cmpint (t->warn_systolic_at, ==, 160);
  g_assert_cmpint (t->warn_diastolic_at, ==, 100);
  g_assert_cmpint (t->alarm_systolic_at, ==, 180);
  g_assert_cmpint (t->alarm_diastolic_at, ==, 110);
  g_assert_cmpint (t->heart_rate_above, ==, 110);
  g_assert_cmpint (t->spo2_below, ==, 92);
  g_assert_cmpint (t->respiratory_rate_below, ==, 10);
}

static void
test_thresholds_default (void)
{
  TonicVitalsThresholds t;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  memset (&t, 0, sizeof t);
  tonic_vitals_thresholds_init_default (&t);
  assert_default_thresholds (&t);

  message = tonic_vitals_thresholds_check (&t);
  g_assert_null (message);

  text = tonic_vitals_thresholds_format (&t);
  g_assert_cmpstr (text, ==, DEFAULT_THRESHOLDS);
}

static void
test_thresholds_round_trip (void)
{
  TonicVitalsThresholds t, parsed;
  g_autofree char *text = NULL;

  tonic_vitals_thresholds_init_default (&t);
  t.pre_systolic_above = 150;
  t.pre_diastolic_above = 95;
  t.warn_systolic_at = 165;
  t.warn_diastolic_at = 105;
  t.alarm_systolic_at = 190;
  t.alarm_diastolic_at = 115;
  t.heart_rate_above = 120;
  t.spo2_below = 90;
  t.respiratory_rate_below = 8;

  text = tonic_vitals_thresholds_format (&t);
  g_assert_cmpstr (text, ==,
                   "pre-systolic=150;pre-diastolic=95;warn-systolic=165;warn-diastolic=105;"
                   "alarm-systolic=190;alarm-diastolic=115;heart-rate=120;spo2=90;"
                   "respiratory-rate=8");

  memset (&parsed, 0, sizeof parsed);
  g_assert_true (tonic_vitals_thresholds_parse (text, &parsed));
  g_assert_cmpmem (&parsed, sizeof parsed, &t, sizeof t);

  /* Any order, and missing keys take the defaults. */
  g_assert_true (tonic_vitals_thresholds_parse ("spo2=90;heart-rate=120", &parsed));
  g_assert_cmpint (parsed.spo2_below, ==, 90);
  g_assert_cmpint (parsed.heart_rate_above, ==, 120);
  g_assert_cmpint (parsed.pre_systolic_above, ==, 140);
  g_assert_cmpint (parsed.respiratory_rate_below, ==, 10);

  /* Nothing at all: the defaults. */
  memset (&parsed, 0, sizeof parsed);
  g_assert_true (tonic_vitals_thresholds_parse ("", &parsed));
  assert_default_thresholds (&parsed);
  memset (&parsed, 0, sizeof parsed);
  g_assert_true (tonic_vitals_thresholds_parse (NULL, &parsed));
  assert_default_thresholds (&parsed);

  /* Parsing does not judge: check() does. */
  g_assert_true (tonic_vitals_thresholds_parse ("spo2=-5", &parsed));
  g_assert_cmpint (parsed.spo2_below, ==, -5);
}

static void
test_thresholds_parse_errors (void)
{
  static const char *const bad[] = {
    "pulse=110",                               /* unknown key */
    "heart-rate=110;pulse=110",
    "spo2=ninety",                             /* not a number */
    "spo2=",
    "spo2=92.5",
    "spo2= 92",
    "spo2=92x",
    "spo2=99999999999",                        /* beyond int */
    "spo2=92;spo2=90",                         /* repeated */
    "spo2",                                    /* no "=" */
    "=92",
    "spo2=92;",                                /* an empty item */
    ";spo2=92",
    "spo2=92;;heart-rate=110",
    "Spo2=92",                                 /* keys are exact */
    DEFAULT_THRESHOLDS ";extra=1",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      TonicVitalsThresholds t;

      g_test_message ("%s", bad[i]);
      memset (&t, 0, sizeof t);
      t.spo2_below = 1;
      g_assert_false (tonic_vitals_thresholds_parse (bad[i], &t));
      /* Refused text leaves the defaults, never half of it. */
      assert_default_thresholds (&t);
    }
}

static void
test_thresholds_check (void)
{
  static const struct
  {
    gsize       offset;
    int         value;
    const char *expected;
  } cases[] = {
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_systolic_above), 39,
      "Systolic before dosing: enter a value from 40 to 300 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_systolic_above), 301,
      "Systolic before dosing: enter a value from 40 to 300 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_diastolic_above), 19,
      "Diastolic before dosing: enter a value from 20 to 200 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_systolic_at), 0,
      "Systolic warning: enter a value from 40 to 300 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_diastolic_at), 201,
      "Diastolic warning: enter a value from 20 to 200 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, alarm_systolic_at), 301,
      "Systolic alarm: enter a value from 40 to 300 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, alarm_diastolic_at), 201,
      "Diastolic alarm: enter a value from 20 to 200 mmHg" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, heart_rate_above), 251,
      "Heart rate alarm: enter a value from 20 to 250 /min" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, spo2_below), 101,
      "SpO₂ alarm: enter a value from 50 to 100 %" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, spo2_below), 49,
      "SpO₂ alarm: enter a value from 50 to 100 %" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, respiratory_rate_below), 1,
      "Respiratory rate alarm: enter a value from 2 to 60 /min" },
    /* A warning above its alarm. */
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_systolic_at), 181,
      "The systolic warning must not be above the systolic alarm" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_diastolic_at), 111,
      "The diastolic warning must not be above the diastolic alarm" },
    /* Equal: no warning band, allowed. */
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_systolic_at), 180, NULL },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, warn_diastolic_at), 110, NULL },
    /* A diastolic threshold not below its systolic. */
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_diastolic_above), 140,
      "Each diastolic threshold must be below the systolic one" },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_diastolic_above), 139, NULL },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, pre_systolic_above), 90,
      "Each diastolic threshold must be below the systolic one" },
    /* The limits themselves are fine. */
    { G_STRUCT_OFFSET (TonicVitalsThresholds, spo2_below), 50, NULL },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, spo2_below), 100, NULL },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, respiratory_rate_below), 2, NULL },
    { G_STRUCT_OFFSET (TonicVitalsThresholds, heart_rate_above), 250, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicVitalsThresholds t;
      g_autofree char *message = NULL;

      tonic_vitals_thresholds_init_default (&t);
      G_STRUCT_MEMBER (int, &t, cases[i].offset) = cases[i].value;
      message = tonic_vitals_thresholds_check (&t);
      g_assert_cmpstr (message, ==, cases[i].expected);
    }

  /* Warning and alarm both above the old alarm: fine. */
  {
    TonicVitalsThresholds t;
    g_autofree char *message = NULL;

    tonic_vitals_thresholds_init_default (&t);
    t.warn_systolic_at = 185;
    t.alarm_systolic_at = 200;
    message = tonic_vitals_thresholds_check (&t);
    g_assert_null (message);
  }
}

/* --- schedule ------------------------------------------------------------- */

static void
test_schedule (void)
{
  static const char *const bad[] = {
    "rems=yes",
    "rems=1",
    "rems=",
    "during-every=4",
    "during-every=61",
    "recovery-every=4",
    "recovery-every=61",
    "rems-check-minute=9",
    "rems-check-minute=121",
    "during-every=fifteen",
    "during-every=15;during-every=10",
    "every=15",
    "during-every",
    "rems=false;",
  };
  TonicVitalsSchedule schedule, parsed;
  g_autofree char *text = NULL;
  g_autofree char *rems_text = NULL;

  memset (&schedule, 0xff, sizeof schedule);
  tonic_vitals_schedule_init_default (&schedule);
  g_assert_false (schedule.rems);
  g_assert_cmpint (schedule.during_every, ==, 15);
  g_assert_cmpint (schedule.recovery_every, ==, 15);
  g_assert_cmpint (schedule.rems_check_minute, ==, 40);

  text = tonic_vitals_schedule_format (&schedule);
  g_assert_cmpstr (text, ==, "rems=false;during-every=15;recovery-every=15;rems-check-minute=40");
  memset (&parsed, 0, sizeof parsed);
  g_assert_true (tonic_vitals_schedule_parse (text, &parsed));
  g_assert_cmpmem (&parsed, sizeof parsed, &schedule, sizeof schedule);

  schedule.rems = TRUE;
  schedule.during_every = 10;
  schedule.recovery_every = 30;
  schedule.rems_check_minute = 45;
  rems_text = tonic_vitals_schedule_format (&schedule);
  g_assert_cmpstr (rems_text, ==, "rems=true;during-every=10;recovery-every=30;rems-check-minute=45");
  g_assert_true (tonic_vitals_schedule_parse (rems_text, &parsed));
  g_assert_cmpmem (&parsed, sizeof parsed, &schedule, sizeof schedule);

  /* The limits. */
  g_assert_true (tonic_vitals_schedule_parse ("during-every=5;recovery-every=60;"
                                              "rems-check-minute=10", &parsed));
  g_assert_cmpint (parsed.during_every, ==, TONIC_VITALS_EVERY_MIN);
  g_assert_cmpint (parsed.recovery_every, ==, TONIC_VITALS_EVERY_MAX);
  g_assert_cmpint (parsed.rems_check_minute, ==, TONIC_VITALS_REMS_MINUTE_MIN);
  g_assert_false (parsed.rems);
  g_assert_true (tonic_vitals_schedule_parse ("rems=true;rems-check-minute=120", &parsed));
  g_assert_true (parsed.rems);
  g_assert_cmpint (parsed.rems_check_minute, ==, TONIC_VITALS_REMS_MINUTE_MAX);
  g_assert_cmpint (parsed.during_every, ==, 15);

  /* Empty: the defaults. */
  g_assert_true (tonic_vitals_schedule_parse ("", &parsed));
  g_assert_false (parsed.rems);
  g_assert_cmpint (parsed.rems_check_minute, ==, 40);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_test_message ("%s", bad[i]);
      memset (&parsed, 0, sizeof parsed);
      parsed.rems = TRUE;
      g_assert_false (tonic_vitals_schedule_parse (bad[i], &parsed));
      g_assert_false (parsed.rems);
      g_assert_cmpint (parsed.during_every, ==, 15);
      g_assert_cmpint (parsed.recovery_every, ==, 15);
      g_assert_cmpint (parsed.rems_check_minute, ==, 40);
    }
}

/* --- readings ------------------------------------------------------------- */

static void
test_reading_check (void)
{
  static const struct
  {
    TonicVitalsReading  reading;
    const char         *expected;
  } cases[] = {
    { { 120, 80, 72, 98, 14 }, NULL },
    { { 0, 0, 0, 0, 0 }, "Enter at least one value" },
    /* Any one value is a reading. */
    { { 120, 0, 0, 0, 0 }, NULL },
    { { 0, 80, 0, 0, 0 }, NULL },
    { { 0, 0, 0, 97, 0 }, NULL },
    /* The believable ranges, at and beyond their ends. */
    { { 40, 20, 20, 50, 2 }, NULL },
    { { 300, 200, 250, 100, 60 }, NULL },
    { { 39, 0, 0, 0, 0 }, "Systolic BP: enter a value from 40 to 300 mmHg" },
    { { 301, 0, 0, 0, 0 }, "Systolic BP: enter a value from 40 to 300 mmHg" },
    { { 0, 19, 0, 0, 0 }, "Diastolic BP: enter a value from 20 to 200 mmHg" },
    { { 0, 201, 0, 0, 0 }, "Diastolic BP: enter a value from 20 to 200 mmHg" },
    { { 0, 0, 19, 0, 0 }, "Heart rate: enter a value from 20 to 250 /min" },
    { { 0, 0, 251, 0, 0 }, "Heart rate: enter a value from 20 to 250 /min" },
    { { 0, 0, 0, 49, 0 }, "SpO₂: enter a value from 50 to 100 %" },
    { { 0, 0, 0, 101, 0 }, "SpO₂: enter a value from 50 to 100 %" },
    { { 0, 0, 0, 0, 1 }, "Respiratory rate: enter a value from 2 to 60 /min" },
    { { 0, 0, 0, 0, 61 }, "Respiratory rate: enter a value from 2 to 60 /min" },
    { { -120, 0, 0, 0, 0 }, "Systolic BP: enter a value from 40 to 300 mmHg" },
    /* The first value out of range is named. */
    { { 120, 80, 300, 20, 0 }, "Heart rate: enter a value from 20 to 250 /min" },
    /* Diastolic below systolic. */
    { { 120, 120, 0, 0, 0 }, "The diastolic pressure must be below the systolic" },
    { { 80, 120, 0, 0, 0 }, "The diastolic pressure must be below the systolic" },
    { { 121, 120, 0, 0, 0 }, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = tonic_vitals_reading_check (&cases[i].reading);

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].expected);
    }
}

/* --- evaluation ----------------------------------------------------------- */

/* The alerts of @reading in @phase against the defaults, as
 * "vital:level:message" lines. */
static char *
evaluate (TonicVitalsPhase          phase,
          const TonicVitalsReading *reading,
          TonicVitalsLevel         *level)
{
  TonicVitalsThresholds thresholds;
  g_autoptr(GPtrArray) alerts = NULL;
  GString *text = g_string_new (NULL);

  tonic_vitals_thresholds_init_default (&thresholds);
  alerts = tonic_vitals_evaluate (&thresholds, phase, reading);

  for (guint i = 0; i < alerts->len; i++)
    {
      const TonicVitalsAlert *alert = g_ptr_array_index (alerts, i);

      g_string_append_printf (text, "%s%s:%s:%s", i > 0 ? "\n" : "",
                              tonic_vital_to_string (alert->vital),
                              tonic_vitals_level_to_string (alert->level), alert->message);
    }

  *level = tonic_vitals_alerts_get_level (alerts);
  return g_string_free (text, FALSE);
}

static void
test_evaluate (void)
{
  static const struct
  {
    TonicVitalsPhase    phase;
    TonicVitalsReading  reading;
    TonicVitalsLevel    level;
    const char         *alerts;
  } cases[] = {
    /* Before dosing: BP above 140/90 is a warning. */
    { PRE, { 140, 90, 72, 98, 14 }, NORMAL, "" },
    { PRE, { 141, 90, 0, 0, 0 }, WARNING,
      "systolic:warning:Systolic 141 mmHg is above 140; reassess before dosing" },
    { PRE, { 140, 91, 0, 0, 0 }, WARNING,
      "diastolic:warning:Diastolic 91 mmHg is above 90; reassess before dosing" },
    { PRE, { 185, 115, 0, 0, 0 }, WARNING,
      "systolic:warning:Systolic 185 mmHg is above 140; reassess before dosing\n"
      "diastolic:warning:Diastolic 115 mmHg is above 90; reassess before dosing" },
    /* … and nothing else is judged before dosing. */
    { PRE, { 120, 80, 150, 85, 6 }, NORMAL, "" },
    /* The same pre-dose BP during dosing is normal. */
    { DURING, { 150, 95, 0, 0, 0 }, NORMAL, "" },
    /* Systolic: warning at 160, alarm at 180. */
    { DURING, { 159, 0, 0, 0, 0 }, NORMAL, "" },
    { DURING, { 160, 0, 0, 0, 0 }, WARNING, "systolic:warning:Systolic 160 mmHg is at or above 160" },
    { DURING, { 179, 0, 0, 0, 0 }, WARNING, "systolic:warning:Systolic 179 mmHg is at or above 160" },
    { DURING, { 180, 0, 0, 0, 0 }, ALARM, "systolic:alarm:Systolic 180 mmHg is at or above 180" },
    { DURING, { 184, 0, 0, 0, 0 }, ALARM, "systolic:alarm:Systolic 184 mmHg is at or above 180" },
    /* Diastolic: warning at 100, alarm at 110. */
    { DURING, { 0, 99, 0, 0, 0 }, NORMAL, "" },
    { DURING, { 0, 100, 0, 0, 0 }, WARNING, "diastolic:warning:Diastolic 100 mmHg is at or above 100" },
    { DURING, { 0, 109, 0, 0, 0 }, WARNING, "diastolic:warning:Diastolic 109 mmHg is at or above 100" },
    { DURING, { 0, 110, 0, 0, 0 }, ALARM, "diastolic:alarm:Diastolic 110 mmHg is at or above 110" },
    /* Systolic and diastolic are judged apart. */
    { DURING, { 165, 112, 0, 0, 0 }, ALARM,
      "systolic:warning:Systolic 165 mmHg is at or above 160\n"
      "diastolic:alarm:Diastolic 112 mmHg is at or above 110" },
    /* Heart rate above 110. */
    { DURING, { 0, 0, 110, 0, 0 }, NORMAL, "" },
    { DURING, { 0, 0, 111, 0, 0 }, ALARM, "heart-rate:alarm:Heart rate 111/min is above 110" },
    /* SpO2 below 92. */
    { DURING, { 0, 0, 0, 92, 0 }, NORMAL, "" },
    { DURING, { 0, 0, 0, 91, 0 }, ALARM, "spo2:alarm:SpO₂ 91 % is below 92 %" },
    /* Respiratory rate below 10. */
    { DURING, { 0, 0, 0, 0, 10 }, NORMAL, "" },
    { DURING, { 0, 0, 0, 0, 9 }, ALARM, "respiratory-rate:alarm:Respiratory rate 9/min is below 10" },
    /* Values not taken are not judged (0 would be "below" SpO2 and RR). */
    { DURING, { 0, 0, 0, 0, 0 }, NORMAL, "" },
    { RECOVERY, { 0, 0, 0, 0, 0 }, NORMAL, "" },
    { PRE, { 0, 0, 0, 0, 0 }, NORMAL, "" },
    /* Everything at once, in the order of the vitals, one alert each. */
    { RECOVERY, { 182, 104, 130, 88, 8 }, ALARM,
      "systolic:alarm:Systolic 182 mmHg is at or above 180\n"
      "diastolic:warning:Diastolic 104 mmHg is at or above 100\n"
      "heart-rate:alarm:Heart rate 130/min is above 110\n"
      "spo2:alarm:SpO₂ 88 % is below 92 %\n"
      "respiratory-rate:alarm:Respiratory rate 8/min is below 10" },
    /* Recovery is judged as during. */
    { RECOVERY, { 160, 0, 0, 0, 0 }, WARNING, "systolic:warning:Systolic 160 mmHg is at or above 160" },
    { RECOVERY, { 120, 80, 72, 97, 14 }, NORMAL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      TonicVitalsLevel level = 99;
      g_autofree char *alerts = evaluate (cases[i].phase, &cases[i].reading, &level);

      g_test_message ("case %u", i);
      g_assert_cmpstr (alerts, ==, cases[i].alerts);
      g_assert_cmpint (level, ==, cases[i].level);
    }
}

static void
test_evaluate_custom (void)
{
  TonicVitalsThresholds t;
  TonicVitalsReading reading = { 170, 0, 105, 94, 12 };
  g_autoptr(GPtrArray) alerts = NULL;
  g_autoptr(GPtrArray) relaxed = NULL;
  const TonicVitalsAlert *alert;

  /* A plan with stricter limits. */
  tonic_vitals_thresholds_init_default (&t);
  t.alarm_systolic_at = 170;
  t.heart_rate_above = 100;
  t.spo2_below = 95;
  t.respiratory_rate_below = 12;

  alerts = tonic_vitals_evaluate (&t, DURING, &reading);
  g_assert_cmpuint (alerts->len, ==, 3);
  alert = g_ptr_array_index (alerts, 0);
  g_assert_cmpint (alert->vital, ==, TONIC_VITAL_SYSTOLIC);
  g_assert_cmpint (alert->level, ==, ALARM);
  g_assert_cmpstr (alert->message, ==, "Systolic 170 mmHg is at or above 170");
  alert = g_ptr_array_index (alerts, 1);
  g_assert_cmpint (alert->vital, ==, TONIC_VITAL_HEART_RATE);
  g_assert_cmpstr (alert->message, ==, "Heart rate 105/min is above 100");
  alert = g_ptr_array_index (alerts, 2);
  g_assert_cmpint (alert->vital, ==, TONIC_VITAL_SPO2);
  g_assert_cmpstr (alert->message, ==, "SpO₂ 94 % is below 95 %");
  g_assert_cmpint (tonic_vitals_alerts_get_level (alerts), ==, ALARM);

  /* And the defaults for the same reading: a systolic warning only. */
  tonic_vitals_thresholds_init_default (&t);
  relaxed = tonic_vitals_evaluate (&t, DURING, &reading);
  g_assert_cmpuint (relaxed->len, ==, 1);
  g_assert_cmpint (tonic_vitals_alerts_get_level (relaxed), ==, WARNING);

  /* An empty list is normal; alerts free with the array (and alone). */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(TonicVitalsAlert) single = g_new0 (TonicVitalsAlert, 1);

    g_assert_cmpint (tonic_vitals_alerts_get_level (none), ==, NORMAL);
    single->message = g_strdup ("freed by the autoptr");
    tonic_vitals_alert_free (NULL);
  }
}

/* --- the schedule of checks ----------------------------------------------- */

/* The next due minute and its phase for readings at @taken. */
static int
next_due (const TonicVitalsSchedule *schedule,
          int                        infusion_minutes,
          gboolean                   started,
          int                        ended_minute,
          const int                 *taken,
          guint                      n_taken,
          TonicVitalsPhase          *phase)
{
  *phase = 99;
  return tonic_vitals_next_due (schedule, infusion_minutes, started, ended_minute,
                                taken, n_taken, phase);
}

#define NEXT(schedule, infusion, started, ended, ...) \
  G_STMT_START { \
    static const int taken_[] = { __VA_ARGS__ }; \
    due = next_due (schedule, infusion, started, ended, taken_ + 1, \
                    G_N_ELEMENTS (taken_) - 1, &phase); \
  } G_STMT_END

static void
test_next_due_iv (void)
{
  TonicVitalsSchedule schedule;
  TonicVitalsPhase phase;
  int due;

  tonic_vitals_schedule_init_default (&schedule);

  /* Before anything: the baseline. The first element of each list is a
   * placeholder, so that an empty list can be written. */
  NEXT (&schedule, 40, FALSE, -1, 0);
  g_assert_cmpint (due, ==, G_MININT);
  g_assert_cmpint (phase, ==, PRE);

  /* With a baseline, nothing more is due until dosing starts; a baseline
   * recorded before a start exists may be at minute 0 or later. */
  NEXT (&schedule, 40, FALSE, -1, 0, -10);
  g_assert_cmpint (due, ==, G_MAXINT);
  g_assert_cmpint (phase, ==, PRE);
  NEXT (&schedule, 40, FALSE, -1, 0, 0);
  g_assert_cmpint (due, ==, G_MAXINT);

  /* Started without a baseline: the baseline is still due. */
  NEXT (&schedule, 40, TRUE, -1, 0);
  g_assert_cmpint (due, ==, G_MININT);
  g_assert_cmpint (phase, ==, PRE);
  NEXT (&schedule, 40, TRUE, -1, 0, 3, 14);
  g_assert_cmpint (due, ==, G_MININT);
  g_assert_cmpint (phase, ==, PRE);
  /* A reading at the start itself is a baseline. */
  NEXT (&schedule, 40, TRUE, -1, 0, 0);
  g_assert_cmpint (due, ==, 15);
  g_assert_cmpint (phase, ==, DURING);

  /* A 40 min infusion checked every 15 min: 15, 30, the end at 40, then
   * recovery every 15 min: 55, 70, 85, …. */
  NEXT (&schedule, 40, TRUE, -1, 0, -10);
  g_assert_cmpint (due, ==, 15);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 15);
  g_assert_cmpint (due, ==, 30);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 15, 30);
  g_assert_cmpint (due, ==, 40);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 15, 30, 40);
  g_assert_cmpint (due, ==, 55);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 15, 30, 40, 55);
  g_assert_cmpint (due, ==, 70);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 15, 30, 40, 55, 70);
  g_assert_cmpint (due, ==, 85);
  g_assert_cmpint (phase, ==, RECOVERY);
  /* The planned end stands for the end until it is recorded. */
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 15, 30, 40);
  g_assert_cmpint (due, ==, 55);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* A reading up to 5 minutes before a point does for it; 6 does not. */
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 10);
  g_assert_cmpint (due, ==, 30);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 9);
  g_assert_cmpint (due, ==, 15);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 13, 25);
  g_assert_cmpint (due, ==, 40);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 13, 24);
  g_assert_cmpint (due, ==, 30);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 13, 28, 35);
  g_assert_cmpint (due, ==, 55);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 13, 28, 34);
  g_assert_cmpint (due, ==, 40);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, 40, 0, -10, 15, 30, 40, 50);
  g_assert_cmpint (due, ==, 70);

  /* A late reading does for the points it passed; a missed one stays due. */
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 18);
  g_assert_cmpint (due, ==, 30);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 36);
  g_assert_cmpint (due, ==, 55);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 40, TRUE, -1, 0, -10, 15);
  g_assert_cmpint (due, ==, 30);   /* at minute 38, overdue */

  /* In any order; several baselines. */
  NEXT (&schedule, 40, TRUE, 40, 0, 30, -10, 55, 15, -3, 40);
  g_assert_cmpint (due, ==, 70);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* Stopped early at 25: the end is then; recovery counts from it. */
  NEXT (&schedule, 40, TRUE, 25, 0, -10, 15);
  g_assert_cmpint (due, ==, 25);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, 25, 0, -10, 15, 25);
  g_assert_cmpint (due, ==, 40);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* Ran to 50: a point at 45 comes before the end (the planned end at 40
   * is no point then). */
  NEXT (&schedule, 40, TRUE, 50, 0, -10, 15, 30);
  g_assert_cmpint (due, ==, 45);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, 50, 0, -10, 15, 30, 44);
  g_assert_cmpint (due, ==, 50);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, 50, 0, -10, 15, 30, 44, 50);
  g_assert_cmpint (due, ==, 65);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* Every 10 min: a point on the end is the end, not twice. */
  schedule.during_every = 10;
  schedule.recovery_every = 30;
  NEXT (&schedule, 40, TRUE, -1, 0, -5, 10, 20);
  g_assert_cmpint (due, ==, 30);
  NEXT (&schedule, 40, TRUE, -1, 0, -5, 10, 20, 30);
  g_assert_cmpint (due, ==, 40);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 40, TRUE, -1, 0, -5, 10, 20, 30, 40);
  g_assert_cmpint (due, ==, 70);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* The phase may be left out. */
  {
    static const int taken[] = { -10 };

    g_assert_cmpint (tonic_vitals_next_due (&schedule, 40, TRUE, -1, taken, 1, NULL), ==, 10);
    g_assert_cmpint (tonic_vitals_next_due (&schedule, 40, FALSE, -1, NULL, 0, NULL), ==, G_MININT);
  }
}

static void
test_next_due_im (void)
{
  TonicVitalsSchedule schedule;
  TonicVitalsPhase phase;
  int due;

  tonic_vitals_schedule_init_default (&schedule);

  NEXT (&schedule, 0, FALSE, -1, 0);
  g_assert_cmpint (due, ==, G_MININT);
  g_assert_cmpint (phase, ==, PRE);
  NEXT (&schedule, 0, FALSE, -1, 0, -5);
  g_assert_cmpint (due, ==, G_MAXINT);

  /* No infusion to end: every 15 min, all of it the observation. */
  NEXT (&schedule, 0, TRUE, -1, 0, -5);
  g_assert_cmpint (due, ==, 15);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 0, TRUE, -1, 0, -5, 15);
  g_assert_cmpint (due, ==, 30);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 0, TRUE, -1, 0, -5, 15, 30, 45);
  g_assert_cmpint (due, ==, 60);
  g_assert_cmpint (phase, ==, DURING);
  NEXT (&schedule, 0, TRUE, -1, 0, -5, 15, 30, 45, 60, 75, 90);
  g_assert_cmpint (due, ==, 105);
  /* The end of the injection changes nothing. */
  NEXT (&schedule, 0, TRUE, 1, 0, -5, 15);
  g_assert_cmpint (due, ==, 30);
  g_assert_cmpint (phase, ==, DURING);
  /* Up to 5 min early does. */
  NEXT (&schedule, 0, TRUE, 1, 0, -5, 10, 26);
  g_assert_cmpint (due, ==, 45);
}

static void
test_next_due_rems (void)
{
  TonicVitalsSchedule schedule;
  TonicVitalsPhase phase;
  int due;

  tonic_vitals_schedule_init_default (&schedule);
  schedule.rems = TRUE;

  /* The REMS discharge check is at the end of the 2 h observation. */
  g_assert_cmpint (TONIC_VITALS_REMS_DISCHARGE_MINUTE, ==, TONIC_REMS_OBSERVATION_MINUTES);

  /* Before dosing. */
  NEXT (&schedule, 0, FALSE, -1, 0);
  g_assert_cmpint (due, ==, G_MININT);
  g_assert_cmpint (phase, ==, PRE);
  NEXT (&schedule, 0, FALSE, -1, 0, -5);
  g_assert_cmpint (due, ==, G_MAXINT);
  g_assert_cmpint (phase, ==, PRE);
  NEXT (&schedule, 0, TRUE, 10, 0);
  g_assert_cmpint (due, ==, G_MININT);

  /* About 40 min after. */
  NEXT (&schedule, 0, TRUE, 10, 0, -5);
  g_assert_cmpint (due, ==, 40);
  g_assert_cmpint (phase, ==, DURING);
  /* The 15 min intervals are not used. */
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 15, 30);
  g_assert_cmpint (due, ==, 40);
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 34);
  g_assert_cmpint (due, ==, 40);

  /* Before discharge. */
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 35);
  g_assert_cmpint (due, ==, 120);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 41, 114);
  g_assert_cmpint (due, ==, 120);
  g_assert_cmpint (phase, ==, RECOVERY);

  /* Then nothing more. */
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 41, 115);
  g_assert_cmpint (due, ==, G_MAXINT);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 41, 130);
  g_assert_cmpint (due, ==, G_MAXINT);
  /* A reading late for the 40 min check that is already near discharge
   * does for both. */
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 118);
  g_assert_cmpint (due, ==, G_MAXINT);

  /* Another check minute; at 120 it is the discharge check itself. */
  schedule.rems_check_minute = 60;
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 40);
  g_assert_cmpint (due, ==, 60);
  schedule.rems_check_minute = 120;
  NEXT (&schedule, 0, TRUE, 10, 0, -5);
  g_assert_cmpint (due, ==, 120);
  g_assert_cmpint (phase, ==, RECOVERY);
  NEXT (&schedule, 0, TRUE, 10, 0, -5, 120);
  g_assert_cmpint (due, ==, G_MAXINT);
}

/* --- Aldrete -------------------------------------------------------------- */

static void
test_aldrete_items (void)
{
  static const char *const ids[] = {
    "activity", "respiration", "circulation", "consciousness", "spo2",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == TONIC_N_ALDRETE_ITEMS);

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      g_assert_cmpstr (tonic_aldrete_item_to_string (i), ==, ids[i]);
      g_assert_cmpstr (tonic_aldrete_item_get_label (i), !=, "");

      for (int value = 0; value <= 2; value++)
        {
          const char *anchor = tonic_aldrete_item_get_anchor (i, value);

          g_assert_nonnull (anchor);
          g_assert_cmpstr (anchor, !=, "");
          for (int other = 0; other < value; other++)
            g_assert_cmpstr (anchor, !=, tonic_aldrete_item_get_anchor (i, other));
        }
    }

  g_assert_cmpstr (tonic_aldrete_item_get_label (TONIC_ALDRETE_ACTIVITY), ==, "Activity");
  g_assert_cmpstr (tonic_aldrete_item_get_anchor (TONIC_ALDRETE_ACTIVITY, 2), ==,
                   "Moves all four limbs, on request or on their own");
  g_assert_cmpstr (tonic_aldrete_item_get_anchor (TONIC_ALDRETE_CONSCIOUSNESS, 0), ==,
                   "Not responding");
}

static void
test_aldrete_score (void)
{
  static const struct
  {
    int         scores[TONIC_N_ALDRETE_ITEMS];
    int         total;
    gboolean    ready;
    const char *message;
  } cases[] = {
    { { 2, 2, 2, 2, 2 }, 10, TRUE, NULL },
    { { 2, 2, 1, 2, 2 }, 9, TRUE, NULL },
    { { 1, 2, 2, 2, 2 }, 9, TRUE, NULL },
    { { 2, 1, 2, 1, 2 }, 8, FALSE, NULL },
    { { 0, 0, 0, 0, 0 }, 0, FALSE, NULL },
    { { 1, 1, 1, 1, 1 }, 5, FALSE, NULL },
    /* Missing items: the first is named. */
    { { -1, 2, 2, 2, 2 }, 0, FALSE, "Activity: choose a score" },
    { { 2, 2, -1, 2, -1 }, 0, FALSE, "Circulation: choose a score" },
    { { 2, 2, 2, 2, -1 }, 0, FALSE, "Oxygen saturation: choose a score" },
    /* Out of range. */
    { { 2, 3, 2, 2, 2 }, 0, FALSE, "Respiration: the score must be 0, 1 or 2" },
    { { 2, 2, 2, -2, 2 }, 0, FALSE, "Consciousness: the score must be 0, 1 or 2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int total = 99;
      gboolean ready = !cases[i].ready;
      g_autofree char *message = tonic_aldrete_score (cases[i].scores, &total, &ready);

      g_test_message ("case %u", i);
      g_assert_cmpstr (message, ==, cases[i].message);
      g_assert_cmpint (total, ==, cases[i].total);
      g_assert_cmpint (ready, ==, cases[i].ready);
    }

  /* The outputs may be left out. */
  {
    static const int scores[] = { 2, 2, 2, 2, 1 };
    g_autofree char *message = tonic_aldrete_score (scores, NULL, NULL);

    g_assert_null (message);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vitals/vitals", test_vitals);
  g_test_add_func ("/vitals/phases-levels-actions", test_phases_levels_actions);
  g_test_add_func ("/vitals/thresholds/default", test_thresholds_default);
  g_test_add_func ("/vitals/thresholds/round-trip", test_thresholds_round_trip);
  g_test_add_func ("/vitals/thresholds/parse-errors", test_thresholds_parse_errors);
  g_test_add_func ("/vitals/thresholds/check", test_thresholds_check);
  g_test_add_func ("/vitals/schedule", test_schedule);
  g_test_add_func ("/vitals/reading-check", test_reading_check);
  g_test_add_func ("/vitals/evaluate", test_evaluate);
  g_test_add_func ("/vitals/evaluate-custom", test_evaluate_custom);
  g_test_add_func ("/vitals/next-due/iv", test_next_due_iv);
  g_test_add_func ("/vitals/next-due/im", test_next_due_im);
  g_test_add_func ("/vitals/next-due/rems", test_next_due_rems);
  g_test_add_func ("/vitals/aldrete/items", test_aldrete_items);
  g_test_add_func ("/vitals/aldrete/score", test_aldrete_score);

  return g_test_run ();
}
