/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-sample"

#include "config.h"

#include <math.h>
#include <string.h>

#include "tonic-sample-private.h"
#include "tonic-time.h"

/* The clinical side of the sample practice: one patient's course of
 * treatment (CLINICAL.md) as the store takes it — the plan versions, and
 * the sessions with their weights, doses, lots, vitals, scores,
 * acknowledgements and amendments.
 *
 * Scores follow a trajectory: the primary measure starts at a baseline and
 * moves towards the trajectory's end level over about five sessions, with
 * a point or two of noise; each questionnaire's items are answered so that
 * they add up to the day's total. Blood pressure rises towards its peak at
 * 30–40 minutes and falls back in recovery; now and then it crosses the
 * warning line and the nurse's acknowledgement is recorded. Everything is
 * drawn from the GRand given, in a fixed order. */

#define DEPRESSION_INDICATIONS (TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION | \
                                TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER | \
                                TONIC_INDICATION_BIPOLAR_DEPRESSION)
#define UNPLANNED_INDICATIONS  (TONIC_INDICATION_OCD | TONIC_INDICATION_SUBSTANCE_USE | \
                                TONIC_INDICATION_OTHER)

/* Per mille of signed sessions with a blood pressure warning, and with an
 * amendment. */
#define WARNING_PER_MILLE   70
#define AMENDMENT_PER_MILLE 60

typedef struct
{
  SampleCourseKind      kind;
  TonicProtocol         protocol;
  TonicAppointmentType  type;
  guint                 induction;
  int                   treatment_minutes;   /* dosing and observation in the chair */
  int                   visit_minutes;       /* the appointment */
} KindInfo;

static const KindInfo kinds[] = {
  { SAMPLE_COURSE_NONE, TONIC_PROTOCOL_IV_DEPRESSION, TONIC_APPOINTMENT_TYPE_CONSULTATION,
    0, 45, 45 },
  { SAMPLE_COURSE_IV_DEPRESSION, TONIC_PROTOCOL_IV_DEPRESSION, TONIC_APPOINTMENT_TYPE_IV_INFUSION,
    6, 40, 100 },
  { SAMPLE_COURSE_IV_PAIN, TONIC_PROTOCOL_IV_PAIN, TONIC_APPOINTMENT_TYPE_IV_INFUSION, 5, 240, 300 },
  { SAMPLE_COURSE_ESKETAMINE, TONIC_PROTOCOL_ESKETAMINE, TONIC_APPOINTMENT_TYPE_ESKETAMINE, 8, 120,
    135 },
  { SAMPLE_COURSE_IM, TONIC_PROTOCOL_IM, TONIC_APPOINTMENT_TYPE_IM_INJECTION, 6, 30, 90 },
};

static const char *const depression_goals[] = {
  "PHQ-9 below 5 by the end of induction, or at least half of the baseline.",
  "Back to work part-time within two months; sleeping through most nights.",
  "A 50 % fall in PHQ-9 and MADRS after six infusions; then boosters as needed.",
  "Fewer days in bed; walking the dog again; PHQ-9 under 10.",
  NULL
};

static const char *const esketamine_goals[] = {
  "Response by week 4 (PHQ-9 half of baseline); keep the oral antidepressant unchanged.",
  "Remission by week 8, then sessions every two weeks.",
  NULL
};

static const char *const pain_goals[] = {
  "Pain NRS 4 or less on most days; walking 30 minutes without stopping.",
  "Halve the breakthrough opioid doses; sleep at least 6 hours.",
  NULL
};

static const char *const session_notes[] = {
  "Tolerated well.", "Music and eye mask throughout.", "Calm; dozed in recovery.",
  "Cannula in the left forearm at the second attempt.", "Talkative in recovery; oriented.",
  "Asked for the lights dimmed.", "Felt “floaty” at 20 minutes; settled without help.",
  NULL
};

static const char *const amendment_texts[] = {
  "Addendum: the patient phoned the next morning — mild headache overnight, settled with "
  "paracetamol.",
  "Correction: nausea at 20 minutes settled without medication; it was left out of the side "
  "effects.",
  "Correction: the patient was discharged about 10 minutes later than recorded; vitals stable "
  "throughout.",
  "Addendum: the driver confirmed the patient was home safely that afternoon.",
  NULL
};

/* -- The kinds of course ----------------------------------------------------- */

static const KindInfo *
get_kind (SampleCourseKind kind)
{
  g_assert ((guint) kind < G_N_ELEMENTS (kinds) && kinds[kind].kind == kind);
  return &kinds[kind];
}

guint
_tonic_sample_course_induction (SampleCourseKind kind)
{
  return get_kind (kind)->induction;
}

int
_tonic_sample_course_gap (SampleCourseKind kind,
                          guint            index,
                          int              booster_days)
{
  guint induction = get_kind (kind)->induction;

  /* Twice a week (Monday and Thursday: 3 days, then 4); pain on
   * consecutive days. */
  if (index + 1 < induction)
    return kind == SAMPLE_COURSE_IV_PAIN ? 1 : index % 2 == 0 ? 3 : 4;
  /* Esketamine: weekly in weeks 5–8, then every two weeks. */
  if (kind == SAMPLE_COURSE_ESKETAMINE)
    return index + 1 < induction + 4 ? 7 : 14;

  return booster_days;
}

int
_tonic_sample_course_treatment_minutes (SampleCourseKind kind)
{
  return get_kind (kind)->treatment_minutes;
}

int
_tonic_sample_course_visit_minutes (SampleCourseKind kind)
{
  return get_kind (kind)->visit_minutes;
}

TonicAppointmentType
_tonic_sample_course_appointment_type (SampleCourseKind kind)
{
  return get_kind (kind)->type;
}

TonicIndication
_tonic_sample_course_fit_indications (SampleCourseKind kind,
                                      TonicIndication  indications)
{
  switch (kind)
    {
    case SAMPLE_COURSE_NONE:
      return indications;
    case SAMPLE_COURSE_IV_PAIN:
      return (indications & ~UNPLANNED_INDICATIONS) | TONIC_INDICATION_CHRONIC_PAIN;
    case SAMPLE_COURSE_ESKETAMINE:
      /* Esketamine is for treatment-resistant depression. */
      return (indications & ~(UNPLANNED_INDICATIONS | DEPRESSION_INDICATIONS |
                              TONIC_INDICATION_CHRONIC_PAIN)) |
             TONIC_INDICATION_TREATMENT_RESISTANT_DEPRESSION;
    case SAMPLE_COURSE_IV_DEPRESSION:
    case SAMPLE_COURSE_IM:
    default:
      indications &= ~(UNPLANNED_INDICATIONS | TONIC_INDICATION_CHRONIC_PAIN);
      if ((indications & DEPRESSION_INDICATIONS) == 0)
        indications |= TONIC_INDICATION_MAJOR_DEPRESSIVE_DISORDER;
      return indications;
    }
}

/* -- Small helpers ------------------------------------------------------------ */

/* A whole number from @from to @to. */
static int
between (GRand *rand,
         int    from,
         int    to)
{
  g_assert (from <= to);
  return from + (int) pick (rand, (guint) (to - from + 1));
}

static char *
format_utc (GDateTime *time)
{
  return tonic_time_format_utc (time);
}

static char *
format_date (const GDate *date)
{
  return tonic_date_format_iso (date);
}

/* -- Scores -------------------------------------------------------------------- */

typedef struct
{
  TonicInstrument instrument;
  double          baseline;      /* the first session's total */
  double          end_level;     /* the trajectory's end, as a fraction of it */
  int             noise;         /* ± points from one session to the next */
} Measure;

/* How far the course is along its trajectory after @k sessions: 0 at the
 * first, 1 from the sixth on. */
static double
progress (guint k)
{
  return MIN (1.0, (1.0 - exp (-(double) k / 1.8)) / (1.0 - exp (-5.0 / 1.8)));
}

static void
end_level_range (TonicSampleTrajectory  trajectory,
                 int                   *from,
                 int                   *to)
{
  /* In percent of the baseline. */
  switch (trajectory)
    {
    case TONIC_SAMPLE_TRAJECTORY_REMISSION:
      *from = 10, *to = 18;
      break;
    case TONIC_SAMPLE_TRAJECTORY_RESPONSE:
      *from = 30, *to = 45;
      break;
    case TONIC_SAMPLE_TRAJECTORY_PARTIAL:
      *from = 56, *to = 70;
      break;
    case TONIC_SAMPLE_TRAJECTORY_NONE:
    default:
      *from = 82, *to = 98;
      break;
    }
}

/* The total of @measure at session @k, held within the trajectory's band
 * once it has got there. */
static int
target_total (GRand                 *rand,
              const Measure         *measure,
              TonicSampleTrajectory  trajectory,
              guint                  k)
{
  double base = measure->baseline;
  double level = 1.0 - (1.0 - measure->end_level) * progress (k);
  int total = (int) lround (base * level);
  int max = (int) tonic_instrument_get_max_total (measure->instrument);

  if (k > 0 && measure->noise > 0)
    total += between (rand, -measure->noise, measure->noise);

  if (k >= 5)
    {
      switch (trajectory)
        {
        case TONIC_SAMPLE_TRAJECTORY_REMISSION:
          total = MIN (total, (int) floor (base * 0.2));
          break;
        case TONIC_SAMPLE_TRAJECTORY_RESPONSE:
          total = CLAMP (total, (int) ceil (base * 0.25), (int) floor (base * 0.5));
          break;
        case TONIC_SAMPLE_TRAJECTORY_PARTIAL:
          total = CLAMP (total, (int) floor (base * 0.5) + 1, (int) floor (base * 0.75));
          break;
        case TONIC_SAMPLE_TRAJECTORY_NONE:
        default:
          total = MAX (total, (int) ceil (base * 0.76));
          break;
        }
    }
  else if (trajectory == TONIC_SAMPLE_TRAJECTORY_NONE)
    {
      total = MAX (total, (int) ceil (base * 0.76));
    }

  return CLAMP (total, 0, max);
}

/* Answers to @instrument's items adding up to @total: each point goes to
 * an item drawn at random among those not yet at their maximum. Items
 * with a value in @fixed (≥ 0) keep it. */
static int *
answers_for_total (GRand           *rand,
                   TonicInstrument  instrument,
                   int              total,
                   const int       *fixed)
{
  guint n = tonic_instrument_get_n_items (instrument);
  int *answers = g_new0 (int, n);
  int left = total;
  guint open = 0;

  for (guint i = 0; i < n; i++)
    {
      const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, i);

      answers[i] = item->min;
      if (fixed != NULL && fixed[i] >= 0)
        answers[i] = fixed[i];
      left -= answers[i];
      if (answers[i] < item->max && (fixed == NULL || fixed[i] < 0))
        open++;
    }

  while (left > 0 && open > 0)
    {
      guint which = pick (rand, open);

      for (guint i = 0; i < n; i++)
        {
          const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, i);

          if (answers[i] >= item->max || (fixed != NULL && fixed[i] >= 0))
            continue;
          if (which-- > 0)
            continue;

          answers[i]++;
          left--;
          if (answers[i] == item->max)
            open--;
          break;
        }
    }

  return answers;
}

static TonicSessionScore *
new_score (TonicInstrument   instrument,
           TonicScoreTiming  timing,
           int              *answers)
{
  TonicSessionScore *score = g_new0 (TonicSessionScore, 1);
  g_autofree char *message = NULL;

  score->instrument = instrument;
  score->timing = timing;
  score->answers = answers;
  score->n_answers = tonic_instrument_get_n_items (instrument);
  message = tonic_instrument_score (instrument, answers, score->n_answers, &score->score);
  if (message != NULL)
    g_error ("Sample %s answers do not score: %s", tonic_instrument_to_string (instrument),
             message);

  return score;
}

/* BPI severity (worst, least, average, now; 0–10) around a mean pain. */
static int *
bpi_answers (GRand *rand,
             int    pain)
{
  int *answers = g_new0 (int, 4);
  int worst = pain + between (rand, 1, 2);
  int least = pain - between (rand, 2, 3);
  int now = pain + between (rand, -1, 1);

  answers[0] = CLAMP (worst, 0, 10);
  answers[1] = CLAMP (least, 0, 10);
  answers[2] = CLAMP (pain, 0, 10);
  answers[3] = CLAMP (now, 0, 10);

  return answers;
}

/* C-SSRS screener: all "no" (items 3–5 skipped by the interview), or a
 * passive wish to be dead (item 1: low risk). */
static int *
cssrs_answers (gboolean wish_to_be_dead)
{
  static const int none[] = { 0, 0, TONIC_ANSWER_SKIPPED, TONIC_ANSWER_SKIPPED,
                              TONIC_ANSWER_SKIPPED, 0, 0 };
  int *answers = g_memdup2 (none, sizeof none);

  g_assert (tonic_instrument_get_n_items (TONIC_INSTRUMENT_CSSRS) == G_N_ELEMENTS (none));
  answers[0] = wish_to_be_dead ? 1 : 0;

  return answers;
}

/* -- Vitals ----------------------------------------------------------------------- */

/* A patient's vitals at rest, and how far they rise at the dose's peak. */
typedef struct
{
  TonicVitalsReading rest;
  TonicVitalsReading rise;
} VitalsBase;

/* How far blood pressure is towards its peak at @minute: 0 before the
 * dose, 1 at 35 minutes; an infusion falls back over 50 minutes after it
 * ends at @end (a long one settles below its early peak first); nasal and
 * IM doses act over the observation and fall back over the next hour and
 * more. */
static double
rise_at (SampleCourseKind kind,
         int              minute,
         int              end)
{
  double during;

  if (minute <= 0)
    return 0.0;

  if (kind == SAMPLE_COURSE_ESKETAMINE || kind == SAMPLE_COURSE_IM)
    return minute <= 40 ? MIN (1.0, minute / 35.0) : MAX (0.0, 1.0 - (minute - 40) / 80.0);

  during = MIN (1.0, minute / 35.0);
  if (kind == SAMPLE_COURSE_IV_PAIN && minute > 40)
    during = MAX (0.6, 1.0 - (minute - 40) / 200.0);
  if (minute <= end)
    return during;

  return MAX (0.0, rise_at (kind, end, end) * (1.0 - (minute - end) / 50.0));
}

static TonicVitalsReading
reading_at (GRand            *rand,
            const VitalsBase *base,
            SampleCourseKind  kind,
            int               minute,
            int               end)
{
  TonicVitalsReading reading;
  double rise = rise_at (kind, minute, end);

  reading.systolic = base->rest.systolic + (int) lround (base->rise.systolic * rise) +
                     between (rand, -3, 3);
  reading.diastolic = base->rest.diastolic + (int) lround (base->rise.diastolic * rise) +
                      between (rand, -2, 2);
  reading.heart_rate = base->rest.heart_rate + (int) lround (base->rise.heart_rate * rise) +
                       between (rand, -3, 3);
  reading.spo2 = base->rest.spo2 - (rise > 0.3 ? (int) pick (rand, 2) : 0);
  reading.respiratory_rate = base->rest.respiratory_rate + between (rand, -1, 1);

  /* Below every warning line: those are placed on purpose. */
  if (minute < 0)
    {
      reading.systolic = MIN (reading.systolic, 138);
      reading.diastolic = MIN (reading.diastolic, 88);
    }
  reading.systolic = MIN (reading.systolic, 154);
  reading.diastolic = MIN (reading.diastolic, 96);
  reading.heart_rate = MIN (reading.heart_rate, 104);

  return reading;
}

/* The minutes from the dose's start at which vitals are taken (CLINICAL.md,
 * "Vitals during a session"), as @plan schedules them; @end the minute
 * dosing ends. Recovery is checked twice before discharge. */
static GArray *
vitals_minutes (SampleCourseKind  kind,
                const TonicPlan  *plan,
                int               end)
{
  const TonicVitalsSchedule *schedule = &plan->vitals_schedule;
  GArray *minutes = g_array_new (FALSE, FALSE, sizeof (int));
  int minute;

  minute = -4;
  g_array_append_val (minutes, minute);

  switch (kind)
    {
    case SAMPLE_COURSE_ESKETAMINE:
      /* REMS: before dosing, at 40 minutes and before discharge. */
      minute = schedule->rems_check_minute;
      g_array_append_val (minutes, minute);
      minute = 112;
      g_array_append_val (minutes, minute);
      break;
    case SAMPLE_COURSE_IM:
      for (minute = 15; minute <= 60; minute += 15)
        g_array_append_val (minutes, minute);
      break;
    case SAMPLE_COURSE_NONE:
    case SAMPLE_COURSE_IV_DEPRESSION:
    case SAMPLE_COURSE_IV_PAIN:
    default:
      for (minute = schedule->during_every; minute < end; minute += schedule->during_every)
        g_array_append_val (minutes, minute);
      g_array_append_val (minutes, end);
      for (minute = end + schedule->recovery_every; minute <= end + 30;
           minute += schedule->recovery_every)
        g_array_append_val (minutes, minute);
      break;
    }

  return minutes;
}

static TonicVitalsPhase
phase_at (SampleCourseKind kind,
          int              minute,
          int              end)
{
  if (minute < 0)
    return TONIC_VITALS_PHASE_PRE;
  /* Nasal: "during" is the observation up to the REMS check at 40
   * minutes; IM: the first half hour. */
  if (kind == SAMPLE_COURSE_ESKETAMINE)
    return minute <= 60 ? TONIC_VITALS_PHASE_DURING : TONIC_VITALS_PHASE_RECOVERY;
  if (kind == SAMPLE_COURSE_IM)
    return minute <= 30 ? TONIC_VITALS_PHASE_DURING : TONIC_VITALS_PHASE_RECOVERY;

  return minute <= end ? TONIC_VITALS_PHASE_DURING : TONIC_VITALS_PHASE_RECOVERY;
}

/* -- The course ------------------------------------------------------------------ */

typedef struct
{
  GRand                  *rand;
  const SampleCourseSpec *spec;
  TonicIndication         indications;
  TonicInstrumentSet      measures;
  TonicProtocol           protocol;
  double                  weight;        /* usual, kg */
  VitalsBase              vitals;
  Measure                 outcome[TONIC_N_INSTRUMENTS];
  gboolean                has_outcome[TONIC_N_INSTRUMENTS];
  double                  previous_dose;   /* mg/kg or mg of the last session */
  int                     cadss_first;
} Course;

static void
answer_screening (GRand     *rand,
                  TonicPlan *plan,
                  guint      n_answered)
{
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS && i < n_answered; i++)
    {
      TonicScreenItem item = (TonicScreenItem) i;

      if (tonic_screen_item_is_requirement (item))
        plan->screening[i] = TONIC_SCREEN_ANSWER_YES;
      else if (item == TONIC_SCREEN_INTERACTING_DRUGS && chance (rand, 100))
        plan->screening[i] = TONIC_SCREEN_ANSWER_YES;   /* a warning: noted, not blocking */
      else
        plan->screening[i] = TONIC_SCREEN_ANSWER_NO;
    }
}

static TonicPlan *
make_plan (Course *c)
{
  const SampleCourseSpec *spec = c->spec;
  TonicPlan *plan = tonic_plan_new_from_protocol (c->protocol, c->indications);
  GDate consent = spec->first_day;
  const char *const *goals;

  /* The measures the clinic uses: the defaults without the longer
   * questionnaires. */
  plan->measures &= ~(TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_QIDS_SR16) |
                      TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_BPI_INTERFERENCE));

  if (spec->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN)
    {
      /* Half-way through the assessment: screening begun, no consent yet. */
      answer_screening (c->rand, plan, TONIC_N_SCREEN_ITEMS / 2);
      plan->goals = g_strdup (pick_string (c->rand, depression_goals));
      return plan;
    }

  answer_screening (c->rand, plan, TONIC_N_SCREEN_ITEMS);
  g_date_subtract_days (&consent, 2 + pick (c->rand, 8));
  /* A four-hour infusion: the clinician chose a check every half hour
   * (the template's 15 minutes would be sixteen checks). */
  if (spec->kind == SAMPLE_COURSE_IV_PAIN)
    plan->vitals_schedule.during_every = 30;
  plan->consent_date = format_date (&consent);

  switch (spec->kind)
    {
    case SAMPLE_COURSE_IV_PAIN:
      goals = pain_goals;
      break;
    case SAMPLE_COURSE_ESKETAMINE:
      goals = esketamine_goals;
      break;
    case SAMPLE_COURSE_NONE:
    case SAMPLE_COURSE_IV_DEPRESSION:
    case SAMPLE_COURSE_IM:
    default:
      goals = depression_goals;
      break;
    }
  plan->goals = g_strdup (pick_string (c->rand, goals));

  return plan;
}

static void
init_measures (Course *c)
{
  static const struct
  {
    TonicInstrument instrument;
    int             from;
    int             to;
    int             noise;
  } baselines[] = {
    { TONIC_INSTRUMENT_PHQ9, 15, 24, 1 },
    { TONIC_INSTRUMENT_MADRS, 26, 40, 2 },
    { TONIC_INSTRUMENT_GAD7, 10, 18, 1 },
    { TONIC_INSTRUMENT_PCL5, 38, 62, 3 },
    { TONIC_INSTRUMENT_PAIN_NRS, 6, 9, 1 },
  };
  int from, to;
  double end_level;

  end_level_range (c->spec->trajectory, &from, &to);
  end_level = between (c->rand, from, to) / 100.0;

  for (guint i = 0; i < G_N_ELEMENTS (baselines); i++)
    {
      TonicInstrument instrument = baselines[i].instrument;
      Measure *m = &c->outcome[instrument];

      m->instrument = instrument;
      m->baseline = between (c->rand, baselines[i].from, baselines[i].to);
      /* Secondary measures follow the primary one, more or less. */
      m->end_level = end_level + (i == 0 ? 0 : between (c->rand, -6, 6) / 100.0);
      m->end_level = CLAMP (m->end_level, 0.05, 1.0);
      m->noise = baselines[i].noise;
      c->has_outcome[instrument] = (c->measures & TONIC_INSTRUMENT_BIT (instrument)) != 0;
    }

  /* Chronic pain seldom goes: a quarter of it at least stays. */
  c->outcome[TONIC_INSTRUMENT_PAIN_NRS].end_level =
    MAX (c->outcome[TONIC_INSTRUMENT_PAIN_NRS].end_level, 0.25);
}

/* The dose of session @k: the plan's, titrated within its range when the
 * response lags (CLINICAL.md: 0.5–1.0 mg/kg; esketamine 56 then 84 mg). */
static double
session_dose (Course          *c,
              const TonicPlan *plan,
              guint            k)
{
  TonicSampleTrajectory trajectory = c->spec->trajectory;
  gboolean lagging = trajectory == TONIC_SAMPLE_TRAJECTORY_PARTIAL ||
                     trajectory == TONIC_SAMPLE_TRAJECTORY_NONE;
  double dose = plan->dose;

  if (c->spec->showcase == TONIC_SAMPLE_SHOWCASE_REVISED)
    return dose;

  switch (c->spec->kind)
    {
    case SAMPLE_COURSE_ESKETAMINE:
      /* From the second week, 84 mg unless already in remission. */
      if (k >= 2 && trajectory != TONIC_SAMPLE_TRAJECTORY_REMISSION)
        dose = 84.0;
      break;
    case SAMPLE_COURSE_IV_PAIN:
      if (lagging && k >= 2)
        dose += 0.2;
      break;
    case SAMPLE_COURSE_NONE:
    case SAMPLE_COURSE_IV_DEPRESSION:
    case SAMPLE_COURSE_IM:
    default:
      if (lagging && k >= 3)
        dose += 0.1;
      if (trajectory == TONIC_SAMPLE_TRAJECTORY_NONE && k >= 5)
        dose += 0.1;
      break;
    }

  if (plan->titration_max > 0)
    dose = MIN (dose, plan->titration_max);

  return dose;
}

/* A lot number for the vials (or nasal devices) in use on @date: a new lot
 * every three weeks. */
static char *
lot_number (SampleCourseKind  kind,
            GDateTime        *date)
{
  gint64 period = g_date_time_to_unix (date) / (21 * 24 * 3600);

  return g_strdup_printf ("%s-%02d%c%03u", kind == SAMPLE_COURSE_ESKETAMINE ? "SPV" : "KET",
                          g_date_time_get_year (date) % 100, 'A' + (char) (period % 12),
                          (guint) ((period * 37 + 101) % 900 + 100));
}

static void
add_vitals (Course           *c,
            TonicSession     *session,
            const TonicPlan  *plan,
            GDateTime        *started,
            int               end,
            GDateTime        *until,
            gboolean          warning,
            gboolean          acknowledge)
{
  g_autoptr(GArray) minutes = vitals_minutes (c->spec->kind, plan, end);
  int warning_minute = c->spec->kind == SAMPLE_COURSE_ESKETAMINE ? 40 : 30;
  gboolean warned = FALSE;

  for (guint i = 0; i < minutes->len; i++)
    {
      int minute = g_array_index (minutes, int, i);
      g_autoptr(GDateTime) taken = g_date_time_add_minutes (started, minute);
      g_autoptr(GPtrArray) alerts = NULL;
      TonicSessionVitals *vitals;
      TonicVitalsReading reading;

      if (g_date_time_compare (taken, until) > 0)
        break;

      reading = reading_at (c->rand, &c->vitals, c->spec->kind, minute, end);
      /* The warning: blood pressure over 160/100 at its peak. */
      if (warning && !warned && minute >= warning_minute)
        {
          int systolic = between (c->rand, 161, 168);
          int diastolic = between (c->rand, 92, 101);

          reading.systolic = systolic;
          reading.diastolic = MAX (reading.diastolic, diastolic);
          warned = TRUE;
        }

      vitals = g_new0 (TonicSessionVitals, 1);
      vitals->taken_at = format_utc (taken);
      vitals->minute = minute;
      vitals->phase = phase_at (c->spec->kind, minute, end);
      vitals->reading = reading;

      alerts = tonic_vitals_evaluate (&plan->thresholds, vitals->phase, &reading);
      vitals->level = tonic_vitals_alerts_get_level (alerts);
      if (alerts->len > 0)
        {
          GString *text = g_string_new (NULL);

          for (guint a = 0; a < alerts->len; a++)
            {
              TonicVitalsAlert *alert = g_ptr_array_index (alerts, a);

              g_string_append_printf (text, "%s%s", a > 0 ? "\n" : "", alert->message);
            }
          vitals->alert_text = g_string_free (text, FALSE);

          if (acknowledge)
            {
              int systolic = reading.systolic - between (c->rand, 10, 16);
              int diastolic = reading.diastolic - between (c->rand, 4, 8);
              g_autoptr(GDateTime) acknowledged = g_date_time_add_minutes (taken, 6);

              vitals->acknowledged_at = format_utc (acknowledged);

              if (c->spec->kind != SAMPLE_COURSE_ESKETAMINE &&
                  c->spec->kind != SAMPLE_COURSE_IM && chance (c->rand, 400))
                {
                  vitals->action = TONIC_VITALS_ACTION_SLOW;
                  vitals->action_note = g_strdup_printf ("Pump slowed for 10 minutes; rechecked "
                                                         "after 5 minutes: %d/%d.",
                                                         systolic, diastolic);
                }
              else
                {
                  vitals->action = TONIC_VITALS_ACTION_CONTINUE;
                  vitals->action_note = g_strdup_printf ("No headache or chest pain; rechecked "
                                                         "after 5 minutes: %d/%d.",
                                                         systolic, diastolic);
                }
            }
        }

      g_ptr_array_add (session->vitals, vitals);
    }
}

static void
add_pre_scores (Course       *c,
                TonicSession *session,
                guint         k,
                gboolean      flagged)
{
  static const TonicInstrument order[] = {
    TONIC_INSTRUMENT_PHQ9, TONIC_INSTRUMENT_MADRS, TONIC_INSTRUMENT_GAD7,
    TONIC_INSTRUMENT_PCL5, TONIC_INSTRUMENT_PAIN_NRS,
  };
  TonicSampleTrajectory trajectory = c->spec->trajectory;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      TonicInstrument instrument = order[i];
      const Measure *m = &c->outcome[instrument];
      int fixed[10];
      int total;

      if (!c->has_outcome[instrument])
        continue;
      /* PHQ-9 and pain every session; MADRS at the start and every third;
       * the others every other session. */
      if (instrument == TONIC_INSTRUMENT_MADRS && k % 3 != 0)
        continue;
      if ((instrument == TONIC_INSTRUMENT_GAD7 || instrument == TONIC_INSTRUMENT_PCL5) && k % 2 != 0)
        continue;

      total = target_total (c->rand, m, trajectory, k);

      if (instrument == TONIC_INSTRUMENT_PHQ9)
        {
          /* Item 9 (thoughts of self-harm) is 0 for everyone but the
           * patient whose flag is shown. */
          for (guint j = 0; j < G_N_ELEMENTS (fixed); j++)
            fixed[j] = -1;
          fixed[8] = flagged ? 1 : 0;
          total = MAX (total, fixed[8]);
          g_ptr_array_add (session->scores,
                           new_score (instrument, TONIC_SCORE_TIMING_PRE,
                                      answers_for_total (c->rand, instrument, total, fixed)));
        }
      else if (instrument == TONIC_INSTRUMENT_PAIN_NRS)
        {
          int *answers = g_new0 (int, 1);

          answers[0] = total;
          g_ptr_array_add (session->scores,
                           new_score (instrument, TONIC_SCORE_TIMING_PRE, answers));
          if ((c->measures & TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_BPI_SEVERITY)) && k % 2 == 0)
            g_ptr_array_add (session->scores,
                             new_score (TONIC_INSTRUMENT_BPI_SEVERITY, TONIC_SCORE_TIMING_PRE,
                                        bpi_answers (c->rand, total)));
        }
      else
        {
          g_ptr_array_add (session->scores,
                           new_score (instrument, TONIC_SCORE_TIMING_PRE,
                                      answers_for_total (c->rand, instrument, total, NULL)));
        }
    }

  if (c->measures & TONIC_INSTRUMENT_BIT (TONIC_INSTRUMENT_CSSRS))
    g_ptr_array_add (session->scores,
                     new_score (TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_PRE,
                                cssrs_answers (flagged)));
}

static void
add_post_scores (Course       *c,
                 TonicSession *session,
                 guint         k)
{
  int *moaas = g_new0 (int, 1);
  int cadss;

  /* Dissociation lessens as the course goes on. */
  cadss = (int) lround (c->cadss_first * pow (0.88, k)) + between (c->rand, -2, 2);
  g_ptr_array_add (session->scores,
                   new_score (TONIC_INSTRUMENT_CADSS, TONIC_SCORE_TIMING_POST,
                              answers_for_total (c->rand, TONIC_INSTRUMENT_CADSS,
                                                 MAX (cadss, 2), NULL)));

  moaas[0] = chance (c->rand, c->spec->kind == SAMPLE_COURSE_ESKETAMINE ? 300 : 180) ? 4 : 5;
  g_ptr_array_add (session->scores,
                   new_score (TONIC_INSTRUMENT_MOAAS, TONIC_SCORE_TIMING_POST, moaas));
}

static TonicSideEffect
pick_side_effects (GRand            *rand,
                   SampleCourseKind  kind,
                   gboolean          warning)
{
  TonicSideEffect effects = TONIC_SIDE_EFFECT_NONE;

  if (chance (rand, 650))
    effects |= TONIC_SIDE_EFFECT_DISSOCIATION;
  if (chance (rand, 140))
    effects |= TONIC_SIDE_EFFECT_NAUSEA;
  if (chance (rand, 180))
    effects |= TONIC_SIDE_EFFECT_DIZZINESS;
  if (chance (rand, 90))
    effects |= TONIC_SIDE_EFFECT_HEADACHE;
  if (chance (rand, 70))
    effects |= TONIC_SIDE_EFFECT_ANXIETY;
  if (kind == SAMPLE_COURSE_ESKETAMINE && chance (rand, 300))
    effects |= TONIC_SIDE_EFFECT_SEDATION;
  if (warning)
    effects |= TONIC_SIDE_EFFECT_HYPERTENSION;

  return effects;
}

static TonicSession *
make_session (Course            *c,
              const TonicPlan   *plan,
              const SampleVisit *visit,
              guint              k,
              guint              n_visits)
{
  const SampleCourseSpec *spec = c->spec;
  TonicSession *session = tonic_session_new ();
  gboolean under_way = visit->discharged_at == NULL;
  gboolean last = k + 1 == n_visits;
  gboolean flagged = spec->showcase == TONIC_SAMPLE_SHOWCASE_SAFETY && (k == 0 || last);
  gboolean warning;
  g_autoptr(GDateTime) started = g_date_time_add_minutes (visit->in_chair_at, 3);
  g_autoptr(GDateTime) ended = NULL;
  g_autoptr(GDateTime) ready = NULL;
  TonicDoseResult result = { 0 };
  g_autofree char *message = NULL;
  TonicDoseInput input = { 0 };
  guint devices;
  int end;

  if (spec->showcase == TONIC_SAMPLE_SHOWCASE_IN_CHAIR && under_way)
    warning = TRUE;
  else if (under_way)
    warning = FALSE;
  else
    warning = chance (c->rand, WARNING_PER_MILLE);

  session->status = under_way ? TONIC_SESSION_STATUS_DRAFT : TONIC_SESSION_STATUS_SIGNED;
  session->checked_in_at = format_utc (visit->arrived_at);
  session->fasting = TRUE;
  session->driver = TRUE;
  session->consent_current = TRUE;
  session->rems_enrolled = plan->route == TONIC_ROUTE_NASAL;

  /* The weight, on the clinic's scale at check-in. */
  session->weight_kg = round ((c->weight + between (c->rand, -8, 8) / 10.0) * 10.0) / 10.0;
  session->weight_measured_at = format_utc (visit->arrived_at);

  /* The dose and its working. */
  session->route = plan->route;
  session->dose_mode = plan->dose_mode;
  session->dose = session_dose (c, plan, k);
  session->bag_ml = plan->bag_ml;
  session->infusion_minutes = plan->infusion_minutes;
  input.route = plan->route;
  input.mode = plan->dose_mode;
  input.mg_per_kg = session->dose;
  input.fixed_mg = session->dose;
  input.weight_kg = session->weight_kg;
  input.bag_ml = plan->bag_ml;
  input.concentration_mg_per_ml = plan->concentration_mg_per_ml;
  input.minutes = plan->infusion_minutes;
  input.max_mg = plan->max_dose_mg;
  message = tonic_dose_calculate (&input, &result);
  if (message != NULL)
    g_error ("Sample dose does not calculate: %s", message);
  session->calculated_mg = result.dose_mg;
  session->given_mg = result.dose_mg;
  session->concentration_mg_per_ml = result.concentration_mg_per_ml;
  session->volume_ml = result.volume_ml;
  session->rate_ml_per_hour = result.rate_ml_per_hour;
  devices = result.devices;
  tonic_dose_result_clear (&result);

  if (c->previous_dose > 0 && session->dose != c->previous_dose)
    {
      if (plan->dose_mode == TONIC_DOSE_MODE_FIXED)
        session->change_reason = g_strdup_printf ("Raised to %.0f mg from the second week, as the "
                                                  "label allows; tolerated the starting dose.",
                                                  session->dose);
      else
        session->change_reason = g_strdup_printf ("Titrated to %.2g mg/kg: response slower than "
                                                  "hoped, well tolerated.", session->dose);
    }
  c->previous_dose = session->dose;

  session->lot_number = lot_number (spec->kind, visit->in_chair_at);
  session->started_at = format_utc (started);

  switch (spec->kind)
    {
    case SAMPLE_COURSE_ESKETAMINE:
      /* One device every 5 minutes. */
      end = ((int) devices - 1) * TONIC_NASAL_MINUTES_BETWEEN + 1;
      break;
    case SAMPLE_COURSE_IM:
      end = 1;
      break;
    case SAMPLE_COURSE_NONE:
    case SAMPLE_COURSE_IV_DEPRESSION:
    case SAMPLE_COURSE_IV_PAIN:
    default:
      end = plan->infusion_minutes;
      break;
    }
  ended = g_date_time_add_minutes (started, end);
  if (g_date_time_compare (ended, visit->until) <= 0)
    session->ended_at = format_utc (ended);

  add_vitals (c, session, plan, started, end, visit->until, warning, !under_way);
  add_pre_scores (c, session, k, flagged);
  if (flagged && !under_way)
    {
      /* The first flag, seen to by the clinician that day. */
      for (guint i = 0; i < session->scores->len; i++)
        {
          TonicSessionScore *score = g_ptr_array_index (session->scores, i);

          if (score->score.safety != TONIC_SAFETY_NONE)
            {
              score->acknowledgement = g_strdup ("Passive thoughts, no plan or intent (C-SSRS "
                                                 "low risk). Safety plan reviewed with the "
                                                 "patient; crisis line number given.");
              score->acknowledged_at = format_utc (visit->in_chair_at);
            }
        }
    }

  /* After the dose: dissociation and sedation, side effects. */
  {
    g_autoptr(GDateTime) observed = g_date_time_add_minutes (ended, 10);

    if (g_date_time_compare (observed, visit->until) <= 0)
      {
        add_post_scores (c, session, k);
        session->side_effects = pick_side_effects (c->rand, spec->kind, warning);
      }
  }

  if (spec->kind == SAMPLE_COURSE_ESKETAMINE)
    {
      if (chance (c->rand, 200))
        session->comedications |= TONIC_COMEDICATION_BENZODIAZEPINES;
      if (chance (c->rand, 60))
        session->comedications |= TONIC_COMEDICATION_STIMULANTS;
    }

  if (!under_way)
    {
      /* Discharge: the last check, then ready to leave. */
      const TonicSessionVitals *final = g_ptr_array_index (session->vitals,
                                                           session->vitals->len - 1);
      int minutes = final->minute + between (c->rand, 4, 8);

      if (spec->kind == SAMPLE_COURSE_ESKETAMINE)
        {
          int observed = TONIC_REMS_OBSERVATION_MINUTES + (int) pick (c->rand, 6);

          minutes = MAX (minutes, observed);
        }
      ready = g_date_time_add_minutes (started, minutes);
      session->ready_at = format_utc (ready);
      if (spec->kind == SAMPLE_COURSE_ESKETAMINE)
        session->observation_minutes = minutes;

      for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
        session->aldrete[i] = 2;
      if (chance (c->rand, 250))
        session->aldrete[chance (c->rand, 500) ? TONIC_ALDRETE_ACTIVITY
                                               : TONIC_ALDRETE_CONSCIOUSNESS] = 1;
      session->driver_name = g_strdup (spec->driver_name);
      if (chance (c->rand, 300))
        session->note = g_strdup (pick_string (c->rand, session_notes));

      if ((k > 0 && chance (c->rand, AMENDMENT_PER_MILLE)) ||
          (spec->showcase == TONIC_SAMPLE_SHOWCASE_REVISED && last))
        {
          TonicAmendment *amendment = g_new0 (TonicAmendment, 1);
          const char *text = pick_string (c->rand, amendment_texts);

          /* Nausea left out, unless it was put in. */
          if (strstr (text, "nausea") != NULL &&
              (session->side_effects & TONIC_SIDE_EFFECT_NAUSEA) != 0)
            text = amendment_texts[0];
          amendment->text = g_strdup (text);
          g_ptr_array_add (session->amendments, amendment);
        }
    }

  return session;
}

static void
appointment_unref (gpointer data)
{
  if (data != NULL)
    g_object_unref (data);
}

TonicSampleCourse *
_tonic_sample_course_new (GRand                  *rand,
                          const SampleCourseSpec *spec,
                          const SampleVisit      *visits,
                          guint                   n_visits)
{
  TonicSampleCourse *course = g_new0 (TonicSampleCourse, 1);
  TonicSex sex = tonic_patient_get_sex (spec->patient);
  Course c = { 0 };
  TonicPlan *plan;

  g_assert (rand != NULL && spec != NULL && spec->patient != NULL);

  course->patient = spec->index;
  course->showcase = spec->showcase;
  course->trajectory = spec->trajectory;
  course->plans = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_plan_free);
  course->sessions = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_free);
  course->appointments = g_ptr_array_new_with_free_func (appointment_unref);

  c.rand = rand;
  c.spec = spec;
  c.indications = tonic_patient_get_indications (spec->patient);
  c.protocol = get_kind (spec->kind)->protocol;

  plan = make_plan (&c);
  c.measures = plan->measures;
  g_ptr_array_add (course->plans, plan);
  course->revised_after = n_visits;
  if (spec->showcase == TONIC_SAMPLE_SHOWCASE_DRAFT_PLAN)
    return course;

  /* The patient. */
  c.weight = sex == TONIC_SEX_FEMALE ? between (rand, 52, 95) : between (rand, 62, 112);
  c.weight += pick (rand, 10) / 10.0;
  c.vitals.rest.systolic = between (rand, 110, 130);
  c.vitals.rest.diastolic = between (rand, 66, 80);
  c.vitals.rest.heart_rate = between (rand, 60, 84);
  c.vitals.rest.spo2 = between (rand, 96, 99);
  c.vitals.rest.respiratory_rate = between (rand, 12, 16);
  c.vitals.rise.systolic = between (rand, 8, 20);
  c.vitals.rise.diastolic = between (rand, 5, 10);
  c.vitals.rise.heart_rate = between (rand, 3, 10);
  c.cadss_first = between (rand, 12, 28);
  init_measures (&c);

  /* Version 2: a higher dose after four sessions of a partial response. */
  if (spec->showcase == TONIC_SAMPLE_SHOWCASE_REVISED && n_visits > 4)
    {
      TonicPlan *revision = tonic_plan_copy (plan);

      revision->dose = 0.75;
      revision->change_note = g_strdup ("Partial response after four infusions: dose raised to "
                                        "0.75 mg/kg for the rest of the course.");
      g_ptr_array_add (course->plans, revision);
      course->revised_after = 4;
    }

  for (guint k = 0; k < n_visits; k++)
    {
      const TonicPlan *current = g_ptr_array_index (course->plans,
                                                    k >= course->revised_after ? 1 : 0);

      g_ptr_array_add (course->sessions, make_session (&c, current, &visits[k], k, n_visits));
      g_ptr_array_add (course->appointments,
                       visits[k].appointment ? g_object_ref (visits[k].appointment) : NULL);
    }

  if (spec->ended)
    course->end_reason = g_strdup ("No meaningful response after the induction series; the "
                                   "patient chose to stop. Referred back to the psychiatrist.");

  return course;
}

void
_tonic_sample_course_free (TonicSampleCourse *course)
{
  if (course == NULL)
    return;

  g_clear_pointer (&course->plans, g_ptr_array_unref);
  g_clear_pointer (&course->sessions, g_ptr_array_unref);
  g_clear_pointer (&course->appointments, g_ptr_array_unref);
  g_clear_pointer (&course->end_reason, g_free);
  g_free (course);
}
