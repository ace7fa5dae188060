/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Vital signs during a session (CLINICAL.md, "Vitals during a session"),
 * the warning thresholds, the schedule of checks, and the modified Aldrete
 * score at discharge. Every threshold is a default a plan may change. */

typedef enum
{
  TONIC_VITAL_SYSTOLIC,
  TONIC_VITAL_DIASTOLIC,
  TONIC_VITAL_HEART_RATE,
  TONIC_VITAL_SPO2,
  TONIC_VITAL_RESPIRATORY_RATE,
} TonicVital;

#define TONIC_N_VITALS 5

/* "systolic", "diastolic", "heart-rate", "spo2", "respiratory-rate". */
const char  *tonic_vital_to_string      (TonicVital  vital);
/* "Systolic BP", …, and the unit ("mmHg", "/min", "%"), translated. */
const char  *tonic_vital_get_label      (TonicVital  vital);
const char  *tonic_vital_get_unit       (TonicVital  vital);
/* LOINC: 8480-6, 8462-4, 8867-4, 59408-5, 9279-1. */
const char  *tonic_vital_get_loinc      (TonicVital  vital);
/* The range a typed value must be in to be believed (systolic 40–300,
 * diastolic 20–200, heart rate 20–250, SpO2 50–100, respiratory rate
 * 2–60); outside it the form refuses the value. */
void         tonic_vital_get_valid_range (TonicVital  vital,
                                          int        *min,
                                          int        *max);

/* When a reading is taken. */
typedef enum
{
  TONIC_VITALS_PHASE_PRE,        /* before dosing (baseline) */
  TONIC_VITALS_PHASE_DURING,     /* during the infusion / observation */
  TONIC_VITALS_PHASE_RECOVERY,   /* after the end, until discharge */
} TonicVitalsPhase;

#define TONIC_N_VITALS_PHASES 3

/* "pre", "during", "recovery". */
const char  *tonic_vitals_phase_to_string   (TonicVitalsPhase  phase);
gboolean     tonic_vitals_phase_from_string (const char       *str,
                                             TonicVitalsPhase *phase);
const char  *tonic_vitals_phase_get_label   (TonicVitalsPhase  phase);

/* The warning thresholds (CLINICAL.md defaults in brackets). Blood
 * pressure has two levels during and after dosing: a warning and an alarm. */
typedef struct
{
  int pre_systolic_above;      /* 140: pre-dose BP > 140/90 → reassess */
  int pre_diastolic_above;     /* 90 */
  int warn_systolic_at;        /* 160: ≥ 160/100 → warning */
  int warn_diastolic_at;       /* 100 */
  int alarm_systolic_at;       /* 180: ≥ 180/110 → alarm */
  int alarm_diastolic_at;      /* 110 */
  int heart_rate_above;        /* 110 */
  int spo2_below;              /* 92 */
  int respiratory_rate_below;  /* 10 */
} TonicVitalsThresholds;

void         tonic_vitals_thresholds_init_default (TonicVitalsThresholds *thresholds);
/* NULL, or a translated message when the thresholds make no sense: a value
 * outside the valid range of its vital, a warning above its alarm (equal is
 * allowed: no warning band), or a diastolic threshold not below the
 * systolic one of the same kind. */
char        *tonic_vitals_thresholds_check        (const TonicVitalsThresholds *thresholds);
/* Stored form: "pre-systolic=140;pre-diastolic=90;warn-systolic=160;
 * warn-diastolic=100;alarm-systolic=180;alarm-diastolic=110;heart-rate=110;
 * spo2=92;respiratory-rate=10" (every key, in struct order). parse fills
 * missing keys with the defaults ("" gives the defaults) and returns FALSE
 * on an unknown or repeated key, an item without "=" or a value that is
 * not a whole number; then @thresholds holds the defaults. It does not
 * judge the values: tonic_vitals_thresholds_check() does. */
char        *tonic_vitals_thresholds_format       (const TonicVitalsThresholds *thresholds);
gboolean     tonic_vitals_thresholds_parse        (const char                  *text,
                                                   TonicVitalsThresholds       *thresholds);

/* One set of vitals. A value of 0 was not taken. */
typedef struct
{
  int systolic;
  int diastolic;
  int heart_rate;
  int spo2;
  int respiratory_rate;
} TonicVitalsReading;

/* NULL, or a translated message naming the first value outside its valid
 * range, or a diastolic not below its systolic, or nothing taken at all. */
char        *tonic_vitals_reading_check (const TonicVitalsReading *reading);

typedef enum
{
  TONIC_VITALS_LEVEL_NORMAL,
  TONIC_VITALS_LEVEL_WARNING,   /* reassess, acknowledge */
  TONIC_VITALS_LEVEL_ALARM,     /* act now, acknowledge */
} TonicVitalsLevel;

#define TONIC_N_VITALS_LEVELS 3

/* "normal", "warning", "alarm"; "Normal", "Warning", "Alarm" translated. */
const char  *tonic_vitals_level_to_string   (TonicVitalsLevel  level);
gboolean     tonic_vitals_level_from_string (const char       *str,
                                             TonicVitalsLevel *level);
const char  *tonic_vitals_level_get_label   (TonicVitalsLevel  level);

typedef struct
{
  TonicVital        vital;
  TonicVitalsLevel  level;
  /* Translated: "Systolic 184 mmHg is at or above 180" (g_free() via
   * tonic_vitals_alert_free). */
  char             *message;
} TonicVitalsAlert;

void         tonic_vitals_alert_free    (TonicVitalsAlert *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicVitalsAlert, tonic_vitals_alert_free)

/* The alerts of @reading in @phase against @thresholds, vital by vital in
 * enum order, at most one per vital (a GPtrArray of TonicVitalsAlert, empty
 * when all is well). Pre-dose: BP above 140/90 is a warning (systolic and
 * diastolic judged apart); heart rate, SpO2 and respiratory rate are not
 * judged before dosing (CLINICAL.md gives them for during dosing only).
 * During and in recovery: BP at or above the warning level is a warning,
 * at or above the alarm level an alarm; heart rate above, SpO2 below and
 * respiratory rate below their thresholds are alarms. Values of 0 are not
 * judged. */
GPtrArray   *tonic_vitals_evaluate      (const TonicVitalsThresholds *thresholds,
                                         TonicVitalsPhase             phase,
                                         const TonicVitalsReading    *reading);
/* The highest level among @alerts. */
TonicVitalsLevel tonic_vitals_alerts_get_level (GPtrArray *alerts);

/* What was done about an alert; the acknowledgement is part of the
 * record. "none", "continue", "pause", "slow", "stop"; labels "Not
 * acknowledged", "Continue", "Pause infusion", "Slow infusion", "Stop
 * infusion". */
typedef enum
{
  TONIC_VITALS_ACTION_NONE,     /* not acknowledged yet */
  TONIC_VITALS_ACTION_CONTINUE,
  TONIC_VITALS_ACTION_PAUSE,
  TONIC_VITALS_ACTION_SLOW,
  TONIC_VITALS_ACTION_STOP,
} TonicVitalsAction;

const char  *tonic_vitals_action_to_string   (TonicVitalsAction  action);
gboolean     tonic_vitals_action_from_string (const char        *str,
                                              TonicVitalsAction *action);
const char  *tonic_vitals_action_get_label   (TonicVitalsAction  action);

/* -- The schedule of checks ------------------------------------------------------ */

/* When vitals are due (CLINICAL.md): a baseline before dosing; every
 * @during_every minutes during the infusion (10–15); at its end; every
 * @recovery_every minutes in recovery (15) until discharge. Esketamine
 * (REMS): before dosing, at @rems_check_minute (40) and before discharge:
 * set @rems to TRUE and the intervals are not used. */
typedef struct
{
  gboolean rems;
  int      during_every;       /* 15 */
  int      recovery_every;     /* 15 */
  int      rems_check_minute;  /* 40 */
} TonicVitalsSchedule;

/* The values a schedule may take, in minutes. */
#define TONIC_VITALS_EVERY_MIN           5
#define TONIC_VITALS_EVERY_MAX          60
#define TONIC_VITALS_REMS_MINUTE_MIN    10
#define TONIC_VITALS_REMS_MINUTE_MAX   120
/* REMS: the check before discharge, at the end of the observation
 * (TONIC_REMS_OBSERVATION_MINUTES in tonic-session.h, the same 2 h). */
#define TONIC_VITALS_REMS_DISCHARGE_MINUTE 120
/* A reading this many minutes before a scheduled check (or later) does for
 * it. */
#define TONIC_VITALS_DUE_WINDOW_MINUTES  5

/* Stored form: "rems=false;during-every=15;recovery-every=15;
 * rems-check-minute=40" (every key, in struct order; rems is "true" or
 * "false"). parse fills missing keys with the defaults and returns FALSE
 * on an unknown or repeated key, an item without "=", or a value that is
 * not one of those words or a whole number in its range (intervals
 * TONIC_VITALS_EVERY_MIN–MAX, the REMS minute TONIC_VITALS_REMS_MINUTE_MIN–
 * MAX); then @schedule holds the defaults. */
void         tonic_vitals_schedule_init_default (TonicVitalsSchedule *schedule);
char        *tonic_vitals_schedule_format       (const TonicVitalsSchedule *schedule);
gboolean     tonic_vitals_schedule_parse        (const char                *text,
                                                 TonicVitalsSchedule       *schedule);

/**
 * tonic_vitals_next_due:
 * @schedule: the plan's schedule
 * @infusion_minutes: the planned length of dosing (IV infusion; 0 for IM
 *   and nasal, where "during" is the observation)
 * @started: whether dosing has started (minutes count from its start)
 * @ended_minute: the minute dosing ended, or -1 while it goes on
 * @taken_minutes: the minutes from dose start of the readings so far
 *   (negative for readings before the start), in any order
 * @n_taken: how many
 * @phase: (out): the phase of the due check
 *
 * The minute from dose start at which the next check is due: the baseline
 * (returns G_MININT, phase PRE) until one reading before the start exists;
 * then the first point of the schedule with no reading within 5 minutes
 * before it. During: @during_every, 2 × @during_every, … up to the end;
 * the end itself; recovery: end + @recovery_every, …. Returns G_MAXINT when
 * nothing more is due before dosing starts (the baseline exists).
 *
 * In detail:
 * - A baseline is any reading while dosing has not started, and a reading
 *   at minute ≤ 0 once it has. Only readings after the start (minute > 0)
 *   do for the scheduled points.
 * - A point P is done once a reading was taken at or after
 *   P − TONIC_VITALS_DUE_WINDOW_MINUTES: up to 5 minutes early, or late. A
 *   late reading also does for the points it passed, so a missed check is
 *   due (overdue) until the next reading rather than for ever.
 * - IV (@infusion_minutes > 0): the end is @ended_minute when known, else
 *   the planned @infusion_minutes. Points: k × @during_every before the
 *   end (phase DURING), the end (DURING: the last check of dosing), then
 *   end + k × @recovery_every (RECOVERY) without limit, until discharge.
 *   An infusion 40 min long checked every 15 min: 15, 30, 40, 55, 70, ….
 * - IM and nasal without REMS (@infusion_minutes 0): there is no infusion
 *   to end; points are k × @during_every (DURING) until discharge, and
 *   @ended_minute is not used.
 * - REMS (@schedule->rems): @rems_check_minute (DURING), then
 *   TONIC_VITALS_REMS_DISCHARGE_MINUTE, before discharge (RECOVERY); after
 *   that G_MAXINT (nothing more is due; @phase RECOVERY). The intervals and
 *   @infusion_minutes are not used.
 * @phase may be NULL.
 */
int          tonic_vitals_next_due      (const TonicVitalsSchedule *schedule,
                                         int                        infusion_minutes,
                                         gboolean                   started,
                                         int                        ended_minute,
                                         const int                 *taken_minutes,
                                         guint                      n_taken,
                                         TonicVitalsPhase          *phase);

/* Blood pressure usually peaks 30–40 minutes after the start: the chart
 * shades this window. */
#define TONIC_VITALS_PEAK_FROM_MINUTE 30
#define TONIC_VITALS_PEAK_TO_MINUTE   40

/* -- Modified Aldrete score at discharge --------------------------------------------- */

typedef enum
{
  TONIC_ALDRETE_ACTIVITY,
  TONIC_ALDRETE_RESPIRATION,
  TONIC_ALDRETE_CIRCULATION,
  TONIC_ALDRETE_CONSCIOUSNESS,
  TONIC_ALDRETE_SPO2,
} TonicAldreteItem;

#define TONIC_N_ALDRETE_ITEMS 5
#define TONIC_ALDRETE_READY_AT 9

/* "activity", … ; the translated name, and the anchor text of each score
 * 0–2 ("Moves all four limbs", …). */
const char  *tonic_aldrete_item_to_string (TonicAldreteItem item);
const char  *tonic_aldrete_item_get_label (TonicAldreteItem item);
const char  *tonic_aldrete_item_get_anchor (TonicAldreteItem item,
                                            int              value);

/* The total of five item scores (each 0–2). Returns NULL and sets @total
 * and @ready (total ≥ 9), or a translated message naming the first item
 * that is missing (-1) or out of range, with @total 0 and @ready FALSE.
 * @total and @ready may be NULL. */
char        *tonic_aldrete_score        (const int  scores[TONIC_N_ALDRETE_ITEMS],
                                         int       *total,
                                         gboolean  *ready);

G_END_DECLS
