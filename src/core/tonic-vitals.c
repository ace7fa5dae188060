/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-vitals"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "tonic-vitals.h"

static const struct
{
  TonicVital  vital;
  const char *id;
  const char *label;
  const char *unit;
  const char *loinc;
  int         min;
  int         max;
} vitals[] = {
  { TONIC_VITAL_SYSTOLIC, "systolic", N_("Systolic BP"),
    /* Translators: the unit of blood pressure, millimetres of mercury. */
    N_("mmHg"), "8480-6", 40, 300 },
  { TONIC_VITAL_DIASTOLIC, "diastolic", N_("Diastolic BP"), N_("mmHg"), "8462-4", 20, 200 },
  { TONIC_VITAL_HEART_RATE, "heart-rate", N_("Heart rate"),
    /* Translators: the unit of heart rate and respiratory rate: beats or
     * breaths per minute. */
    N_("/min"), "8867-4", 20, 250 },
  /* Translators: oxygen saturation measured by a pulse oximeter. */
  { TONIC_VITAL_SPO2, "spo2", N_("SpO₂"),
    /* Translators: the unit of oxygen saturation, per cent. */
    N_("%"), "59408-5", 50, 100 },
  { TONIC_VITAL_RESPIRATORY_RATE, "respiratory-rate", N_("Respiratory rate"), N_("/min"), "9279-1",
    2, 60 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (vitals) == TONIC_N_VITALS);

static const struct
{
  TonicVitalsPhase  phase;
  const char       *id;
  const char       *label;
} phases[] = {
  { TONIC_VITALS_PHASE_PRE, "pre", N_("Before dosing") },
  { TONIC_VITALS_PHASE_DURING, "during", N_("During dosing") },
  { TONIC_VITALS_PHASE_RECOVERY, "recovery", N_("Recovery") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (phases) == TONIC_N_VITALS_PHASES);

static const struct
{
  TonicVitalsLevel  level;
  const char       *id;
  const char       *label;
} levels[] = {
  { TONIC_VITALS_LEVEL_NORMAL, "normal", N_("Normal") },
  { TONIC_VITALS_LEVEL_WARNING, "warning", N_("Warning") },
  { TONIC_VITALS_LEVEL_ALARM, "alarm", N_("Alarm") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (levels) == TONIC_N_VITALS_LEVELS);

static const struct
{
  TonicVitalsAction  action;
  const char        *id;
  const char        *label;
} actions[] = {
  { TONIC_VITALS_ACTION_NONE, "none", N_("Not acknowledged") },
  { TONIC_VITALS_ACTION_CONTINUE, "continue", N_("Continue") },
  { TONIC_VITALS_ACTION_PAUSE, "pause", N_("Pause infusion") },
  { TONIC_VITALS_ACTION_SLOW, "slow", N_("Slow infusion") },
  { TONIC_VITALS_ACTION_STOP, "stop", N_("Stop infusion") },
};

/* The thresholds in struct order: their stored key, the vital whose valid
 * range bounds them, their name in messages and their default. */
static const struct
{
  const char *key;
  gsize       offset;
  TonicVital  vital;
  const char *label;
  int         default_value;
} threshold_fields[] = {
  { "pre-systolic", G_STRUCT_OFFSET (TonicVitalsThresholds, pre_systolic_above),
    TONIC_VITAL_SYSTOLIC, N_("Systolic before dosing"), 140 },
  { "pre-diastolic", G_STRUCT_OFFSET (TonicVitalsThresholds, pre_diastolic_above),
    TONIC_VITAL_DIASTOLIC, N_("Diastolic before dosing"), 90 },
  { "warn-systolic", G_STRUCT_OFFSET (TonicVitalsThresholds, warn_systolic_at),
    TONIC_VITAL_SYSTOLIC, N_("Systolic warning"), 160 },
  { "warn-diastolic", G_STRUCT_OFFSET (TonicVitalsThresholds, warn_diastolic_at),
    TONIC_VITAL_DIASTOLIC, N_("Diastolic warning"), 100 },
  { "alarm-systolic", G_STRUCT_OFFSET (TonicVitalsThresholds, alarm_systolic_at),
    TONIC_VITAL_SYSTOLIC, N_("Systolic alarm"), 180 },
  { "alarm-diastolic", G_STRUCT_OFFSET (TonicVitalsThresholds, alarm_diastolic_at),
    TONIC_VITAL_DIASTOLIC, N_("Diastolic alarm"), 110 },
  { "heart-rate", G_STRUCT_OFFSET (TonicVitalsThresholds, heart_rate_above),
    TONIC_VITAL_HEART_RATE, N_("Heart rate alarm"), 110 },
  { "spo2", G_STRUCT_OFFSET (TonicVitalsThresholds, spo2_below),
    TONIC_VITAL_SPO2, N_("SpO₂ alarm"), 92 },
  { "respiratory-rate", G_STRUCT_OFFSET (TonicVitalsThresholds, respiratory_rate_below),
    TONIC_VITAL_RESPIRATORY_RATE, N_("Respiratory rate alarm"), 10 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (threshold_fields) * sizeof (int) == sizeof (TonicVitalsThresholds));

#define THRESHOLD(t, i) G_STRUCT_MEMBER (int, t, threshold_fields[i].offset)

/* The schedule's stored keys, in struct order. */
#define SCHEDULE_REMS              "rems"
#define SCHEDULE_DURING_EVERY      "during-every"
#define SCHEDULE_RECOVERY_EVERY    "recovery-every"
#define SCHEDULE_REMS_CHECK_MINUTE "rems-check-minute"

static const struct
{
  TonicAldreteItem  item;
  const char       *id;
  const char       *label;
  const char       *anchors[3];   /* for scores 0, 1, 2 */
} aldrete_items[] = {
  { TONIC_ALDRETE_ACTIVITY, "activity", N_("Activity"),
    { N_("Moves no limbs, on request or on their own"),
      N_("Moves two limbs, on request or on their own"),
      N_("Moves all four limbs, on request or on their own") } },
  { TONIC_ALDRETE_RESPIRATION, "respiration", N_("Respiration"),
    { N_("Not breathing (apnoeic)"),
      N_("Short of breath, or breathing shallow or limited"),
      N_("Breathes deeply and coughs freely") } },
  { TONIC_ALDRETE_CIRCULATION, "circulation", N_("Circulation"),
    /* xgettext:no-c-format */
    { N_("Blood pressure 50 % or more away from the pre-dose value"),
      /* xgettext:no-c-format */
      N_("Blood pressure 20 to 49 % away from the pre-dose value"),
      /* xgettext:no-c-format */
      N_("Blood pressure within 20 % of the pre-dose value") } },
  { TONIC_ALDRETE_CONSCIOUSNESS, "consciousness", N_("Consciousness"),
    { N_("Not responding"),
      N_("Wakes when called by name"),
      N_("Fully awake") } },
  { TONIC_ALDRETE_SPO2, "spo2", N_("Oxygen saturation"),
    /* xgettext:no-c-format */
    { N_("Below 90 % even with oxygen"),
      /* xgettext:no-c-format */
      N_("Needs oxygen to stay above 90 %"),
      /* xgettext:no-c-format */
      N_("Above 92 % breathing room air") } },
};

G_STATIC_ASSERT (G_N_ELEMENTS (aldrete_items) == TONIC_N_ALDRETE_ITEMS);

static int
reading_get_value (const TonicVitalsReading *reading,
                   TonicVital                vital)
{
  switch (vital)
    {
    case TONIC_VITAL_SYSTOLIC:
      return reading->systolic;
    case TONIC_VITAL_DIASTOLIC:
      return reading->diastolic;
    case TONIC_VITAL_HEART_RATE:
      return reading->heart_rate;
    case TONIC_VITAL_SPO2:
      return reading->spo2;
    case TONIC_VITAL_RESPIRATORY_RATE:
      return reading->respiratory_rate;
    default:
      break;
    }

  g_return_val_if_reached (0);
}

/* "key=value;key=value" as a table of key → value. FALSE on an item
 * without "=" or a key given twice. "" gives an empty table. */
static gboolean
split_settings (const char  *text,
                GHashTable **out)
{
  g_autoptr(GHashTable) settings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) items = NULL;

  if (text == NULL || *text == '\0')
    {
      *out = g_steal_pointer (&settings);
      return TRUE;
    }

  items = g_strsplit (text, ";", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      const char *equals = strchr (items[i], '=');
      char *key;

      if (equals == NULL || equals == items[i])
        return FALSE;

      key = g_strndup (items[i], equals - items[i]);
      if (!g_hash_table_insert (settings, key, g_strdup (equals + 1)))
        return FALSE;
    }

  *out = g_steal_pointer (&settings);
  return TRUE;
}

/* The whole number under @key in @settings (removed from it), or
 * @default_value when absent. FALSE when it is not a number from @min to
 * @max. */
static gboolean
take_int (GHashTable *settings,
          const char *key,
          int         min,
          int         max,
          int         default_value,
          int        *value)
{
  const char *text = g_hash_table_lookup (settings, key);
  gint64 number;

  if (text == NULL)
    {
      *value = default_value;
      return TRUE;
    }

  if (!g_ascii_string_to_signed (text, 10, min, max, &number, NULL))
    return FALSE;

  *value = (int) number;
  g_hash_table_remove (settings, key);
  return TRUE;
}

static void
add_alert (GPtrArray        *alerts,
           TonicVital        vital,
           TonicVitalsLevel  level,
           char             *message)
{
  TonicVitalsAlert *alert = g_new0 (TonicVitalsAlert, 1);

  alert->vital = vital;
  alert->level = level;
  alert->message = message;
  g_ptr_array_add (alerts, alert);
}

/* Blood pressure before dosing: above the limit is a warning. */
static void
judge_pre_dose_pressure (GPtrArray  *alerts,
                         TonicVital  vital,
                         int         value,
                         int         above)
{
  if (value == 0 || value <= above)
    return;

  if (vital == TONIC_VITAL_SYSTOLIC)
    add_alert (alerts, vital, TONIC_VITALS_LEVEL_WARNING,
               /* Translators: a vitals alert before dosing; the reading and
                * the threshold in mmHg. */
               g_strdup_printf (_("Systolic %d mmHg is above %d; reassess before dosing"),
                                value, above));
  else
    add_alert (alerts, vital, TONIC_VITALS_LEVEL_WARNING,
               /* Translators: a vitals alert before dosing; the reading and
                * the threshold in mmHg. */
               g_strdup_printf (_("Diastolic %d mmHg is above %d; reassess before dosing"),
                                value, above));
}

/* Blood pressure during and after dosing: a warning at or above @warn_at,
 * an alarm at or above @alarm_at. */
static void
judge_pressure (GPtrArray  *alerts,
                TonicVital  vital,
                int         value,
                int         warn_at,
                int         alarm_at)
{
  TonicVitalsLevel level;
  int threshold;

  if (value == 0)
    return;

  if (value >= alarm_at)
    {
      level = TONIC_VITALS_LEVEL_ALARM;
      threshold = alarm_at;
    }
  else if (value >= warn_at)
    {
      level = TONIC_VITALS_LEVEL_WARNING;
      threshold = warn_at;
    }
  else
    return;

  if (vital == TONIC_VITAL_SYSTOLIC)
    add_alert (alerts, vital, level,
               /* Translators: a vitals alert; the reading and the threshold
                * in mmHg, as in "Systolic 184 mmHg is at or above 180". */
               g_strdup_printf (_("Systolic %d mmHg is at or above %d"), value, threshold));
  else
    add_alert (alerts, vital, level,
               /* Translators: a vitals alert; the reading and the threshold
                * in mmHg, as in "Diastolic 112 mmHg is at or above 110". */
               g_strdup_printf (_("Diastolic %d mmHg is at or above %d"), value, threshold));
}

/* The first scheduled point base + k × step (k ≥ 1) that a reading at
 * @latest (when @has_latest) does not do for. */
static gint64
first_point_not_done (gint64   base,
                      gint64   step,
                      gboolean has_latest,
                      gint64   latest)
{
  gint64 reach = latest + TONIC_VITALS_DUE_WINDOW_MINUTES;

  g_assert (step > 0);

  if (!has_latest || reach < base + step)
    return base + step;

  return base + ((reach - base) / step + 1) * step;
}

static gboolean
point_is_done (gint64   point,
               gboolean has_latest,
               gint64   latest)
{
  return has_latest && latest >= point - TONIC_VITALS_DUE_WINDOW_MINUTES;
}

static int
due_at (gint64            minute,
        TonicVitalsPhase  due_phase,
        TonicVitalsPhase *phase)
{
  if (phase != NULL)
    *phase = due_phase;

  return minute >= G_MAXINT ? G_MAXINT : (int) minute;
}

const char *
tonic_vital_to_string (TonicVital vital)
{
  g_return_val_if_fail ((guint) vital < TONIC_N_VITALS, NULL);

  return vitals[vital].id;
}

const char *
tonic_vital_get_label (TonicVital vital)
{
  g_return_val_if_fail ((guint) vital < TONIC_N_VITALS, NULL);

  return _(vitals[vital].label);
}

const char *
tonic_vital_get_unit (TonicVital vital)
{
  g_return_val_if_fail ((guint) vital < TONIC_N_VITALS, NULL);

  return _(vitals[vital].unit);
}

const char *
tonic_vital_get_loinc (TonicVital vital)
{
  g_return_val_if_fail ((guint) vital < TONIC_N_VITALS, NULL);

  return vitals[vital].loinc;
}

void
tonic_vital_get_valid_range (TonicVital  vital,
                             int        *min,
                             int        *max)
{
  g_return_if_fail ((guint) vital < TONIC_N_VITALS);

  if (min != NULL)
    *min = vitals[vital].min;
  if (max != NULL)
    *max = vitals[vital].max;
}

const char *
tonic_vitals_phase_to_string (TonicVitalsPhase phase)
{
  g_return_val_if_fail ((guint) phase < TONIC_N_VITALS_PHASES, NULL);

  return phases[phase].id;
}

gboolean
tonic_vitals_phase_from_string (const char       *str,
                                TonicVitalsPhase *phase)
{
  g_return_val_if_fail (phase != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (phases); i++)
    {
      if (g_str_equal (str, phases[i].id))
        {
          *phase = phases[i].phase;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_vitals_phase_get_label (TonicVitalsPhase phase)
{
  g_return_val_if_fail ((guint) phase < TONIC_N_VITALS_PHASES, NULL);

  return _(phases[phase].label);
}

void
tonic_vitals_thresholds_init_default (TonicVitalsThresholds *thresholds)
{
  g_return_if_fail (thresholds != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threshold_fields); i++)
    THRESHOLD (thresholds, i) = threshold_fields[i].default_value;
}

char *
tonic_vitals_thresholds_check (const TonicVitalsThresholds *thresholds)
{
  g_return_val_if_fail (thresholds != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (threshold_fields); i++)
    {
      TonicVital vital = threshold_fields[i].vital;
      int value = THRESHOLD (thresholds, i);

      if (value < vitals[vital].min || value > vitals[vital].max)
        /* Translators: a threshold out of range: its name ("Systolic
         * warning"), the lowest and highest values and the unit, as in
         * "Systolic warning: enter a value from 40 to 300 mmHg". */
        return g_strdup_printf (_("%1$s: enter a value from %2$d to %3$d %4$s"),
                                _(threshold_fields[i].label), vitals[vital].min,
                                vitals[vital].max, _(vitals[vital].unit));
    }

  if (thresholds->warn_systolic_at > thresholds->alarm_systolic_at)
    return g_strdup (_("The systolic warning must not be above the systolic alarm"));

  if (thresholds->warn_diastolic_at > thresholds->alarm_diastolic_at)
    return g_strdup (_("The diastolic warning must not be above the diastolic alarm"));

  if (thresholds->pre_diastolic_above >= thresholds->pre_systolic_above ||
      thresholds->warn_diastolic_at >= thresholds->warn_systolic_at ||
      thresholds->alarm_diastolic_at >= thresholds->alarm_systolic_at)
    return g_strdup (_("Each diastolic threshold must be below the systolic one"));

  return NULL;
}

char *
tonic_vitals_thresholds_format (const TonicVitalsThresholds *thresholds)
{
  GString *text;

  g_return_val_if_fail (thresholds != NULL, NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threshold_fields); i++)
    g_string_append_printf (text, "%s%s=%d", i > 0 ? ";" : "", threshold_fields[i].key,
                            THRESHOLD (thresholds, i));

  return g_string_free (text, FALSE);
}

gboolean
tonic_vitals_thresholds_parse (const char            *text,
                               TonicVitalsThresholds *thresholds)
{
  g_autoptr(GHashTable) settings = NULL;
  TonicVitalsThresholds parsed;

  g_return_val_if_fail (thresholds != NULL, FALSE);

  tonic_vitals_thresholds_init_default (thresholds);

  if (!split_settings (text, &settings))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (threshold_fields); i++)
    if (!take_int (settings, threshold_fields[i].key, G_MININT, G_MAXINT,
                   threshold_fields[i].default_value, &THRESHOLD (&parsed, i)))
      return FALSE;

  /* Anything left is a key we do not know. */
  if (g_hash_table_size (settings) > 0)
    return FALSE;

  *thresholds = parsed;
  return TRUE;
}

char *
tonic_vitals_reading_check (const TonicVitalsReading *reading)
{
  gboolean taken = FALSE;

  g_return_val_if_fail (reading != NULL, NULL);

  for (guint i = 0; i < TONIC_N_VITALS; i++)
    {
      int value = reading_get_value (reading, i);

      if (value == 0)
        continue;

      taken = TRUE;
      if (value < vitals[i].min || value > vitals[i].max)
        /* Translators: a vital sign out of the believable range: its name
         * ("Systolic BP"), the lowest and highest values and the unit, as
         * in "Systolic BP: enter a value from 40 to 300 mmHg". */
        return g_strdup_printf (_("%1$s: enter a value from %2$d to %3$d %4$s"),
                                _(vitals[i].label), vitals[i].min, vitals[i].max,
                                _(vitals[i].unit));
    }

  if (!taken)
    return g_strdup (_("Enter at least one value"));

  if (reading->systolic != 0 && reading->diastolic != 0 &&
      reading->diastolic >= reading->systolic)
    return g_strdup (_("The diastolic pressure must be below the systolic"));

  return NULL;
}

const char *
tonic_vitals_level_to_string (TonicVitalsLevel level)
{
  g_return_val_if_fail ((guint) level < TONIC_N_VITALS_LEVELS, NULL);

  return levels[level].id;
}

gboolean
tonic_vitals_level_from_string (const char       *str,
                                TonicVitalsLevel *level)
{
  g_return_val_if_fail (level != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (levels); i++)
    {
      if (g_str_equal (str, levels[i].id))
        {
          *level = levels[i].level;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_vitals_level_get_label (TonicVitalsLevel level)
{
  g_return_val_if_fail ((guint) level < TONIC_N_VITALS_LEVELS, NULL);

  return _(levels[level].label);
}

void
tonic_vitals_alert_free (TonicVitalsAlert *alert)
{
  if (alert == NULL)
    return;

  g_free (alert->message);
  g_free (alert);
}

GPtrArray *
tonic_vitals_evaluate (const TonicVitalsThresholds *thresholds,
                       TonicVitalsPhase             phase,
                       const TonicVitalsReading    *reading)
{
  GPtrArray *alerts;

  g_return_val_if_fail (thresholds != NULL, NULL);
  g_return_val_if_fail ((guint) phase < TONIC_N_VITALS_PHASES, NULL);
  g_return_val_if_fail (reading != NULL, NULL);

  alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_vitals_alert_free);

  if (phase == TONIC_VITALS_PHASE_PRE)
    {
      judge_pre_dose_pressure (alerts, TONIC_VITAL_SYSTOLIC, reading->systolic,
                               thresholds->pre_systolic_above);
      judge_pre_dose_pressure (alerts, TONIC_VITAL_DIASTOLIC, reading->diastolic,
                               thresholds->pre_diastolic_above);
      return alerts;
    }

  judge_pressure (alerts, TONIC_VITAL_SYSTOLIC, reading->systolic,
                  thresholds->warn_systolic_at, thresholds->alarm_systolic_at);
  judge_pressure (alerts, TONIC_VITAL_DIASTOLIC, reading->diastolic,
                  thresholds->warn_diastolic_at, thresholds->alarm_diastolic_at);

  if (reading->heart_rate != 0 && reading->heart_rate > thresholds->heart_rate_above)
    add_alert (alerts, TONIC_VITAL_HEART_RATE, TONIC_VITALS_LEVEL_ALARM,
               /* Translators: a vitals alert; the heart rate and the
                * threshold in beats per minute. */
               g_strdup_printf (_("Heart rate %d/min is above %d"),
                                reading->heart_rate, thresholds->heart_rate_above));

  if (reading->spo2 != 0 && reading->spo2 < thresholds->spo2_below)
    add_alert (alerts, TONIC_VITAL_SPO2, TONIC_VITALS_LEVEL_ALARM,
               /* Translators: a vitals alert; the oxygen saturation and the
                * threshold in per cent, as in "SpO₂ 89 % is below 92 %". */
               g_strdup_printf (_("SpO₂ %d %% is below %d %%"),
                                reading->spo2, thresholds->spo2_below));

  if (reading->respiratory_rate != 0 &&
      reading->respiratory_rate < thresholds->respiratory_rate_below)
    add_alert (alerts, TONIC_VITAL_RESPIRATORY_RATE, TONIC_VITALS_LEVEL_ALARM,
               /* Translators: a vitals alert; the respiratory rate and the
                * threshold in breaths per minute. */
               g_strdup_printf (_("Respiratory rate %d/min is below %d"),
                                reading->respiratory_rate, thresholds->respiratory_rate_below));

  return alerts;
}

TonicVitalsLevel
tonic_vitals_alerts_get_level (GPtrArray *alerts)
{
  TonicVitalsLevel level = TONIC_VITALS_LEVEL_NORMAL;

  g_return_val_if_fail (alerts != NULL, TONIC_VITALS_LEVEL_NORMAL);

  for (guint i = 0; i < alerts->len; i++)
    {
      const TonicVitalsAlert *alert = g_ptr_array_index (alerts, i);

      level = MAX (level, alert->level);
    }

  return level;
}

const char *
tonic_vitals_action_to_string (TonicVitalsAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (actions), NULL);

  return actions[action].id;
}

gboolean
tonic_vitals_action_from_string (const char        *str,
                                 TonicVitalsAction *action)
{
  g_return_val_if_fail (action != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (actions); i++)
    {
      if (g_str_equal (str, actions[i].id))
        {
          *action = actions[i].action;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_vitals_action_get_label (TonicVitalsAction action)
{
  g_return_val_if_fail ((guint) action < G_N_ELEMENTS (actions), NULL);

  return _(actions[action].label);
}

void
tonic_vitals_schedule_init_default (TonicVitalsSchedule *schedule)
{
  g_return_if_fail (schedule != NULL);

  schedule->rems = FALSE;
  schedule->during_every = 15;
  schedule->recovery_every = 15;
  schedule->rems_check_minute = 40;
}

char *
tonic_vitals_schedule_format (const TonicVitalsSchedule *schedule)
{
  g_return_val_if_fail (schedule != NULL, NULL);

  return g_strdup_printf (SCHEDULE_REMS "=%s;"
                          SCHEDULE_DURING_EVERY "=%d;"
                          SCHEDULE_RECOVERY_EVERY "=%d;"
                          SCHEDULE_REMS_CHECK_MINUTE "=%d",
                          schedule->rems ? "true" : "false",
                          schedule->during_every,
                          schedule->recovery_every,
                          schedule->rems_check_minute);
}

gboolean
tonic_vitals_schedule_parse (const char          *text,
                             TonicVitalsSchedule *schedule)
{
  g_autoptr(GHashTable) settings = NULL;
  TonicVitalsSchedule parsed;
  const char *rems;

  g_return_val_if_fail (schedule != NULL, FALSE);

  tonic_vitals_schedule_init_default (schedule);
  parsed = *schedule;

  if (!split_settings (text, &settings))
    return FALSE;

  rems = g_hash_table_lookup (settings, SCHEDULE_REMS);
  if (rems != NULL)
    {
      if (g_str_equal (rems, "true"))
        parsed.rems = TRUE;
      else if (g_str_equal (rems, "false"))
        parsed.rems = FALSE;
      else
        return FALSE;
      g_hash_table_remove (settings, SCHEDULE_REMS);
    }

  if (!take_int (settings, SCHEDULE_DURING_EVERY, TONIC_VITALS_EVERY_MIN, TONIC_VITALS_EVERY_MAX,
                 schedule->during_every, &parsed.during_every) ||
      !take_int (settings, SCHEDULE_RECOVERY_EVERY, TONIC_VITALS_EVERY_MIN, TONIC_VITALS_EVERY_MAX,
                 schedule->recovery_every, &parsed.recovery_every) ||
      !take_int (settings, SCHEDULE_REMS_CHECK_MINUTE, TONIC_VITALS_REMS_MINUTE_MIN,
                 TONIC_VITALS_REMS_MINUTE_MAX, schedule->rems_check_minute,
                 &parsed.rems_check_minute))
    return FALSE;

  /* Anything left is a key we do not know. */
  if (g_hash_table_size (settings) > 0)
    return FALSE;

  *schedule = parsed;
  return TRUE;
}

int
tonic_vitals_next_due (const TonicVitalsSchedule *schedule,
                       int                        infusion_minutes,
                       gboolean                   started,
                       int                        ended_minute,
                       const int                 *taken_minutes,
                       guint                      n_taken,
                       TonicVitalsPhase          *phase)
{
  gboolean has_baseline = FALSE;
  gboolean has_latest = FALSE;
  gint64 latest = 0;
  gint64 end;
  gint64 point;

  g_return_val_if_fail (schedule != NULL, G_MAXINT);
  g_return_val_if_fail (taken_minutes != NULL || n_taken == 0, G_MAXINT);
  g_return_val_if_fail (schedule->rems ||
                        (schedule->during_every > 0 && schedule->recovery_every > 0),
                        G_MAXINT);

  /* Readings before the start are baselines; the latest one after it
   * tells which points are done. */
  for (guint i = 0; i < n_taken; i++)
    {
      if (!started || taken_minutes[i] <= 0)
        has_baseline = TRUE;
      else if (!has_latest || taken_minutes[i] > latest)
        {
          has_latest = TRUE;
          latest = taken_minutes[i];
        }
    }

  if (!has_baseline)
    return due_at (G_MININT, TONIC_VITALS_PHASE_PRE, phase);

  if (!started)
    return due_at (G_MAXINT, TONIC_VITALS_PHASE_PRE, phase);

  if (schedule->rems)
    {
      if (schedule->rems_check_minute < TONIC_VITALS_REMS_DISCHARGE_MINUTE &&
          !point_is_done (schedule->rems_check_minute, has_latest, latest))
        return due_at (schedule->rems_check_minute, TONIC_VITALS_PHASE_DURING, phase);

      if (!point_is_done (TONIC_VITALS_REMS_DISCHARGE_MINUTE, has_latest, latest))
        return due_at (TONIC_VITALS_REMS_DISCHARGE_MINUTE, TONIC_VITALS_PHASE_RECOVERY, phase);

      return due_at (G_MAXINT, TONIC_VITALS_PHASE_RECOVERY, phase);
    }

  point = first_point_not_done (0, schedule->during_every, has_latest, latest);

  /* IM, nasal: the observation after the dose, with no end to check. */
  if (infusion_minutes <= 0)
    return due_at (point, TONIC_VITALS_PHASE_DURING, phase);

  end = ended_minute >= 0 ? ended_minute : infusion_minutes;
  if (point < end)
    return due_at (point, TONIC_VITALS_PHASE_DURING, phase);

  if (!point_is_done (end, has_latest, latest))
    return due_at (end, TONIC_VITALS_PHASE_DURING, phase);

  point = first_point_not_done (end, schedule->recovery_every, has_latest, latest);
  return due_at (point, TONIC_VITALS_PHASE_RECOVERY, phase);
}

const char *
tonic_aldrete_item_to_string (TonicAldreteItem item)
{
  g_return_val_if_fail ((guint) item < TONIC_N_ALDRETE_ITEMS, NULL);

  return aldrete_items[item].id;
}

const char *
tonic_aldrete_item_get_label (TonicAldreteItem item)
{
  g_return_val_if_fail ((guint) item < TONIC_N_ALDRETE_ITEMS, NULL);

  return _(aldrete_items[item].label);
}

const char *
tonic_aldrete_item_get_anchor (TonicAldreteItem item,
                               int              value)
{
  g_return_val_if_fail ((guint) item < TONIC_N_ALDRETE_ITEMS, NULL);
  g_return_val_if_fail (value >= 0 && value <= 2, NULL);

  return _(aldrete_items[item].anchors[value]);
}

char *
tonic_aldrete_score (const int  scores[TONIC_N_ALDRETE_ITEMS],
                     int       *total,
                     gboolean  *ready)
{
  int sum = 0;

  if (total != NULL)
    *total = 0;
  if (ready != NULL)
    *ready = FALSE;

  g_return_val_if_fail (scores != NULL, NULL);

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    {
      if (scores[i] == -1)
        /* Translators: %s is an item of the discharge score, such as
         * "Activity". */
        return g_strdup_printf (_("%s: choose a score"), _(aldrete_items[i].label));

      if (scores[i] < 0 || scores[i] > 2)
        /* Translators: %s is an item of the discharge score, such as
         * "Activity". */
        return g_strdup_printf (_("%s: the score must be 0, 1 or 2"), _(aldrete_items[i].label));

      sum += scores[i];
    }

  if (total != NULL)
    *total = sum;
  if (ready != NULL)
    *ready = sum >= TONIC_ALDRETE_READY_AT;

  return NULL;
}
