/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-plan"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-plan.h"
#include "tonic-session.h"
#include "tonic-text.h"
#include "tonic-time.h"

/* Doses and limits are typed with at most two decimals: anything closer
 * than this is the same number. */
#define DOSE_EPSILON 1e-6

/* Sanity limits of a plan's own vitals schedule (minutes): the REMS
 * check after dosing comes within the REMS observation. */
#define SCHEDULE_EVERY_MAX      60
#define SCHEDULE_REMS_CHECK_MAX TONIC_REMS_OBSERVATION_MINUTES

/* What a protocol template fills in (CLINICAL.md, "Protocol templates").
 * Per-kg templates get a maximum of the titration maximum × this. */
#define TEMPLATE_MAX_WEIGHT_KG 120.0

static const struct
{
  TonicProtocol  protocol;
  const char    *id;
  const char    *label;        /* N_() */
  const char    *description;  /* N_() */
  TonicRoute     route;
  TonicDoseMode  dose_mode;
  double         dose;
  double         titration_min;
  double         titration_max;
  double         max_dose_mg;  /* fixed templates; per-kg ones derive it */
  int            infusion_minutes;
  double         bag_ml;
  double         concentration_mg_per_ml;
  int            induction_count;
  int            induction_weeks;
  int            maintenance_min_weeks;
  int            maintenance_max_weeks;
  gboolean       rems;
} protocols[] = {
  { TONIC_PROTOCOL_IV_DEPRESSION, "iv-depression", N_("IV ketamine for depression"),
    N_("0.5 mg/kg over 40 min, 6 infusions over 3 weeks, then boosters every 2–6 weeks"),
    TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG, 0.5, 0.5, 1.0, 0, 40, 100, 0, 6, 3, 2, 6, FALSE },
  { TONIC_PROTOCOL_IV_PAIN, "iv-pain", N_("IV ketamine for pain"),
    N_("1 mg/kg over 4 hours, 5 infusions in 1 week, then boosters every 4–8 weeks"),
    TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG, 1.0, 0.5, 2.0, 0, 240, 250, 0, 5, 1, 4, 8, FALSE },
  { TONIC_PROTOCOL_IM, "im", N_("IM ketamine"),
    N_("0.75 mg/kg by injection, 6 sessions over 3 weeks, then boosters every 2–6 weeks"),
    TONIC_ROUTE_IM, TONIC_DOSE_MODE_PER_KG, 0.75, 0.5, 1.0, 0, 0, 0, 50, 6, 3, 2, 6, FALSE },
  { TONIC_PROTOCOL_ESKETAMINE, "esketamine", N_("Esketamine nasal spray"),
    N_("56 mg (up to 84 mg) twice a week for 4 weeks, then every 1–2 weeks, with REMS monitoring"),
    TONIC_ROUTE_NASAL, TONIC_DOSE_MODE_FIXED, 56, 56, 84, 84, 0, 0, 0, 8, 4, 1, 2, TRUE },
  { TONIC_PROTOCOL_CUSTOM, "custom", N_("Custom"),
    N_("0.5 mg/kg IV over 40 min; you set the rest"),
    TONIC_ROUTE_IV, TONIC_DOSE_MODE_PER_KG, 0.5, 0, 0, 0, 40, 0, 0, 0, 0, 0, 0, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (protocols) == TONIC_N_PROTOCOLS);

static const struct
{
  TonicScreenItem  item;
  const char      *id;
  const char      *label;             /* N_() */
  gboolean         requirement;
  gboolean         hard;
  gboolean         hard_for_esketamine;
} screen_items[] = {
  { TONIC_SCREEN_HYPERTENSION_OR_HEART, "hypertension-or-heart",
    N_("High blood pressure that is not under control, or heart disease"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_VASCULAR, "vascular",
    N_("An aneurysm, a malformation of brain vessels, or a past bleed in the brain"),
    FALSE, FALSE, TRUE },
  { TONIC_SCREEN_PREGNANCY, "pregnancy", N_("Pregnant or breastfeeding"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_PSYCHOSIS, "psychosis", N_("Psychosis, now or in the past"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_BIPOLAR_UNSTABILISED, "bipolar-unstabilised",
    N_("Bipolar disorder not covered by a mood stabiliser"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_SUBSTANCE_USE, "substance-use", N_("Substance use at present"),
    FALSE, FALSE, FALSE },
  { TONIC_SCREEN_LIVER, "liver", N_("Severe liver disease"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_PRESSURE, "pressure",
    N_("Raised pressure inside the skull or the eye"), FALSE, TRUE, TRUE },
  { TONIC_SCREEN_INTERACTING_DRUGS, "interacting-drugs",
    N_("Takes an MAOI or another drug that interacts"), FALSE, FALSE, FALSE },
  { TONIC_SCREEN_CONSENT, "consent", N_("Signed consent is on file"), TRUE, TRUE, TRUE },
  { TONIC_SCREEN_FASTING, "fasting", N_("Told how to fast before each session"),
    TRUE, FALSE, FALSE },
  { TONIC_SCREEN_DRIVER, "driver", N_("Someone will drive them home"), TRUE, FALSE, FALSE },
};

G_STATIC_ASSERT (G_N_ELEMENTS (screen_items) == TONIC_N_SCREEN_ITEMS);

static const struct
{
  TonicPlanStatus  status;
  const char      *id;
  const char      *label;  /* N_() */
} statuses[] = {
  /* Translators: a treatment plan that is being written, not yet signed. */
  { TONIC_PLAN_STATUS_DRAFT, "draft", N_("Draft") },
  { TONIC_PLAN_STATUS_SIGNED, "signed", N_("Signed") },
  /* Translators: a signed plan version replaced by a later one. */
  { TONIC_PLAN_STATUS_SUPERSEDED, "superseded", N_("Superseded") },
  /* Translators: a plan whose course of treatment was ended. */
  { TONIC_PLAN_STATUS_ENDED, "ended", N_("Ended") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == TONIC_PLAN_STATUS_ENDED + 1);

static const struct
{
  TonicPlanField  field;
  const char     *id;
  const char     *label;  /* N_() */
} fields[] = {
  { TONIC_PLAN_FIELD_PROTOCOL, "protocol", N_("Protocol") },
  { TONIC_PLAN_FIELD_INDICATIONS, "indications", N_("Indications") },
  { TONIC_PLAN_FIELD_MEASURES, "measures", N_("Measures") },
  /* Translators: the first phase of a course, a series of sessions close together. */
  { TONIC_PLAN_FIELD_INDUCTION, "induction", N_("Induction") },
  /* Translators: the phase of booster sessions after the induction. */
  { TONIC_PLAN_FIELD_MAINTENANCE, "maintenance", N_("Maintenance") },
  { TONIC_PLAN_FIELD_ROUTE, "route", N_("Route") },
  { TONIC_PLAN_FIELD_DOSE, "dose", N_("Dose") },
  { TONIC_PLAN_FIELD_TITRATION, "titration", N_("Titration range") },
  { TONIC_PLAN_FIELD_MAX_DOSE, "max-dose", N_("Maximum dose") },
  { TONIC_PLAN_FIELD_INFUSION_MINUTES, "infusion-minutes", N_("Infusion length") },
  /* Translators: the bag a dose is diluted in, or the concentration it is drawn from. */
  { TONIC_PLAN_FIELD_DILUTION, "dilution", N_("Dilution") },
  /* Translators: how recent a weight must be to calculate a dose from it. */
  { TONIC_PLAN_FIELD_WEIGHT_AGE, "weight-age", N_("Weight valid for") },
  { TONIC_PLAN_FIELD_VITALS_SCHEDULE, "vitals-schedule", N_("Vitals schedule") },
  { TONIC_PLAN_FIELD_THRESHOLDS, "thresholds", N_("Vitals thresholds") },
  { TONIC_PLAN_FIELD_SCREENING, "screening", N_("Screening") },
  { TONIC_PLAN_FIELD_OVERRIDE_REASON, "override-reason", N_("Override reason") },
  { TONIC_PLAN_FIELD_CONSENT_DATE, "consent-date", N_("Consent date") },
  { TONIC_PLAN_FIELD_GOALS, "goals", N_("Goals") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == TONIC_N_PLAN_FIELDS);

static const struct
{
  TonicCoursePhase  phase;
  const char       *id;
  const char       *label;  /* N_() */
} phases[] = {
  /* Translators: a patient's place in a course: no signed plan. */
  { TONIC_COURSE_PHASE_NONE, "none", N_("No plan") },
  { TONIC_COURSE_PHASE_INDUCTION, "induction", N_("Induction") },
  { TONIC_COURSE_PHASE_MAINTENANCE, "maintenance", N_("Maintenance") },
  /* Translators: a patient's place in a course: the course was ended. */
  { TONIC_COURSE_PHASE_ENDED, "ended", N_("Course ended") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (phases) == TONIC_COURSE_PHASE_ENDED + 1);

/* --- helpers ---------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = tonic_text_strip (text);

  return *stripped == '\0';
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static gboolean
same_number (double a,
             double b)
{
  return ABS (a - b) < DOSE_EPSILON;
}

/* @value with up to two decimals and no needless zeros, in the user's
 * locale: "0.5", "1", "0.75". (g_free()) */
static char *
format_number (double value)
{
  char *text = g_strdup_printf ("%.2f", value);
  const char *point = localeconv ()->decimal_point;
  gsize len = strlen (text);
  gsize point_len = point != NULL ? strlen (point) : 0;

  if (point_len == 0 || strstr (text, point) == NULL)
    return text;

  while (len > 0 && text[len - 1] == '0')
    text[--len] = '\0';
  if (len >= point_len && strcmp (text + len - point_len, point) == 0)
    text[len - point_len] = '\0';

  return text;
}

/* Whether @mg (> 0) is a whole number of nasal spray devices. */
static gboolean
is_multiple_of_device (double mg)
{
  double devices = mg / TONIC_NASAL_MG_PER_DEVICE;

  return same_number (devices, (double) (gint64) (devices + 0.5));
}

static double
get_dose_limit (TonicDoseMode mode)
{
  return mode == TONIC_DOSE_MODE_PER_KG ? TONIC_DOSE_MG_PER_KG_MAX : TONIC_DOSE_MG_MAX;
}

/* "0.5 mg/kg" or "56 mg". (g_free()) */
static char *
format_amount (TonicDoseMode mode,
               double        amount)
{
  g_autofree char *number = format_number (amount);

  if (mode == TONIC_DOSE_MODE_PER_KG)
    /* Translators: a dose per kilogram of body weight; %s is a number. */
    return g_strdup_printf (_("%s mg/kg"), number);

  /* Translators: a dose in milligrams; %s is a number. */
  return g_strdup_printf (_("%s mg"), number);
}

/* Today, from "YYYY-MM-DD" or the clock when NULL. */
static gboolean
get_today (const char *today,
           GDate      *out)
{
  if (today == NULL)
    {
      tonic_date_set_today (out);
      return TRUE;
    }

  return tonic_date_parse_iso (today, out);
}

/* A date from "YYYY-MM-DD", or the local date of a UTC ISO-8601 moment. */
static gboolean
parse_day (const char *text,
           GDate      *out)
{
  g_autoptr(GDateTime) moment = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (tonic_date_parse_iso (text, out))
    return TRUE;

  moment = tonic_time_parse_utc (text);
  if (moment == NULL)
    return FALSE;

  local = g_date_time_to_local (moment);
  g_date_set_dmy (out,
                  g_date_time_get_day_of_month (local),
                  g_date_time_get_month (local),
                  g_date_time_get_year (local));
  return TRUE;
}

/* --- checks, field by field ------------------------------------------------- */

static char *
check_dose (const TonicPlan *plan)
{
  double limit = get_dose_limit (plan->dose_mode);

  if ((guint) plan->dose_mode > TONIC_DOSE_MODE_FIXED)
    return g_strdup (_("Choose whether the dose is in mg/kg or in mg"));

  if (plan->route == TONIC_ROUTE_NASAL && plan->dose_mode != TONIC_DOSE_MODE_FIXED)
    return g_strdup (_("Nasal spray is dosed in mg, not in mg/kg"));

  if (!(plan->dose > 0))
    return g_strdup (plan->dose_mode == TONIC_DOSE_MODE_PER_KG
                     ? _("The dose must be more than 0 mg/kg")
                     : _("The dose must be more than 0 mg"));

  if (plan->dose > limit + DOSE_EPSILON)
    {
      g_autofree char *amount = format_amount (plan->dose_mode, limit);

      /* Translators: %s is a dose such as "5 mg/kg" or "1000 mg". */
      return g_strdup_printf (_("The dose must be at most %s"), amount);
    }

  if (plan->route == TONIC_ROUTE_NASAL && !is_multiple_of_device (plan->dose))
    return g_strdup (_("Nasal spray doses come in 28 mg devices: use 56 or 84 mg"));

  return NULL;
}

static char *
check_titration (const TonicPlan *plan)
{
  double limit = get_dose_limit (plan->dose_mode);
  g_autofree char *low = NULL;
  g_autofree char *high = NULL;

  if (plan->titration_min == 0 && plan->titration_max == 0)
    return NULL;

  if (!(plan->titration_min > 0) || !(plan->titration_max > 0))
    return g_strdup (_("Enter both ends of the titration range, or neither"));

  if (plan->titration_min > plan->titration_max + DOSE_EPSILON)
    return g_strdup (_("The start of the titration range can’t be above its end"));

  if (plan->titration_max > limit + DOSE_EPSILON)
    {
      g_autofree char *amount = format_amount (plan->dose_mode, limit);

      /* Translators: %s is a dose such as "5 mg/kg" or "1000 mg". */
      return g_strdup_printf (_("The titration range must end at %s or less"), amount);
    }

  if (plan->dose >= plan->titration_min - DOSE_EPSILON &&
      plan->dose <= plan->titration_max + DOSE_EPSILON)
    return NULL;

  low = format_number (plan->titration_min);
  high = format_amount (plan->dose_mode, plan->titration_max);
  /* Translators: %1$s is the start of a dose range ("0.5"), %2$s its end
   * with its unit ("1 mg/kg"). */
  return g_strdup_printf (_("The dose must be within the titration range, %1$s–%2$s"),
                          low, high);
}

static char *
check_max_dose (const TonicPlan *plan)
{
  if (plan->max_dose_mg == 0)
    return NULL;

  if (!(plan->max_dose_mg > 0))
    return g_strdup (_("The maximum dose can’t be below 0 mg"));

  if (plan->max_dose_mg > TONIC_DOSE_MG_MAX + DOSE_EPSILON)
    {
      g_autofree char *amount = format_amount (TONIC_DOSE_MODE_FIXED, TONIC_DOSE_MG_MAX);

      /* Translators: %s is a dose such as "1000 mg". */
      return g_strdup_printf (_("The maximum dose must be at most %s"), amount);
    }

  if (plan->dose_mode == TONIC_DOSE_MODE_FIXED &&
      plan->max_dose_mg < plan->dose - DOSE_EPSILON)
    {
      g_autofree char *amount = format_amount (TONIC_DOSE_MODE_FIXED, plan->dose);

      /* Translators: %s is the plan's dose, such as "56 mg". */
      return g_strdup_printf (_("The maximum dose can’t be below the dose of %s"), amount);
    }

  return NULL;
}

static char *
check_infusion_minutes (const TonicPlan *plan)
{
  if (plan->route != TONIC_ROUTE_IV)
    {
      if (plan->infusion_minutes == 0)
        return NULL;
      return g_strdup (_("Only an IV infusion has a length: set it to 0"));
    }

  if (plan->infusion_minutes >= 1 && plan->infusion_minutes <= TONIC_INFUSION_MINUTES_MAX)
    return NULL;

  /* Translators: %d is the longest infusion in minutes (1440). */
  return g_strdup_printf (_("An infusion must last 1 to %d minutes"),
                          TONIC_INFUSION_MINUTES_MAX);
}

static char *
check_dilution (const TonicPlan *plan)
{
  if (!(plan->bag_ml >= 0 && plan->bag_ml <= TONIC_BAG_ML_MAX))
    /* Translators: %g is the largest bag in millilitres (1000). */
    return g_strdup_printf (_("Enter a bag of at most %g mL, or none"), TONIC_BAG_ML_MAX);

  if (!(plan->concentration_mg_per_ml >= 0 &&
        plan->concentration_mg_per_ml <= TONIC_CONCENTRATION_MAX))
    /* Translators: %g is the highest concentration in mg per mL (100). */
    return g_strdup_printf (_("Enter a concentration of at most %g mg/mL, or none"),
                            TONIC_CONCENTRATION_MAX);

  return NULL;
}

static char *
check_schedule (const TonicVitalsSchedule *schedule)
{
  if (schedule->rems)
    {
      if (schedule->rems_check_minute >= 1 &&
          schedule->rems_check_minute <= SCHEDULE_REMS_CHECK_MAX)
        return NULL;

      /* Translators: %d is a number of minutes (120). */
      return g_strdup_printf (_("The check after dosing must come 1 to %d minutes after the start"),
                              SCHEDULE_REMS_CHECK_MAX);
    }

  if (schedule->during_every < 1 || schedule->during_every > SCHEDULE_EVERY_MAX)
    /* Translators: %d is a number of minutes (60). */
    return g_strdup_printf (_("Check vitals during dosing every 1 to %d minutes"),
                            SCHEDULE_EVERY_MAX);

  if (schedule->recovery_every < 1 || schedule->recovery_every > SCHEDULE_EVERY_MAX)
    /* Translators: %d is a number of minutes (60). */
    return g_strdup_printf (_("Check vitals in recovery every 1 to %d minutes"),
                            SCHEDULE_EVERY_MAX);

  return NULL;
}

static char *
check_consent_date (const TonicPlan *plan,
                    const GDate     *today)
{
  GDate consent;

  if (is_blank (plan->consent_date))
    return NULL;

  if (!tonic_date_parse_iso (plan->consent_date, &consent))
    return g_strdup (_("Enter a real consent date"));

  if (g_date_compare (&consent, today) > 0)
    return g_strdup (_("The consent date can’t be in the future"));

  return NULL;
}

static char *
check_field (const TonicPlan *plan,
             TonicPlanField   field,
             const GDate     *today)
{
  switch (field)
    {
    case TONIC_PLAN_FIELD_PROTOCOL:
      if ((guint) plan->protocol < TONIC_N_PROTOCOLS)
        return NULL;
      return g_strdup (_("Choose one of the listed protocols"));

    case TONIC_PLAN_FIELD_INDICATIONS:
      if ((plan->indications & ~TONIC_INDICATION_ALL) == 0)
        return NULL;
      return g_strdup (_("Choose from the listed indications"));

    case TONIC_PLAN_FIELD_MEASURES:
      if ((plan->measures & ~(TONIC_INSTRUMENT_BIT (TONIC_N_INSTRUMENTS) - 1)) != 0)
        return g_strdup (_("Choose from the listed measures"));
      if (plan->measures == 0)
        return g_strdup (_("Choose at least one measure"));
      return NULL;

    case TONIC_PLAN_FIELD_INDUCTION:
      if (plan->induction_count < 1 || plan->induction_count > TONIC_PLAN_INDUCTION_MAX)
        /* Translators: %d is the largest number of sessions (30). */
        return g_strdup_printf (_("Plan 1 to %d sessions for the induction"),
                                TONIC_PLAN_INDUCTION_MAX);
      if (plan->induction_weeks < 1 || plan->induction_weeks > TONIC_PLAN_WEEKS_MAX)
        /* Translators: %d is the largest number of weeks (52). */
        return g_strdup_printf (_("The induction must last 1 to %d weeks"),
                                TONIC_PLAN_WEEKS_MAX);
      return NULL;

    case TONIC_PLAN_FIELD_MAINTENANCE:
      if (plan->maintenance_min_weeks < 0 || plan->maintenance_min_weeks > TONIC_PLAN_WEEKS_MAX ||
          plan->maintenance_max_weeks < 0 || plan->maintenance_max_weeks > TONIC_PLAN_WEEKS_MAX)
        /* Translators: %d is the largest number of weeks (52). */
        return g_strdup_printf (_("Booster intervals must be 0 to %d weeks"),
                                TONIC_PLAN_WEEKS_MAX);
      if (plan->maintenance_min_weeks > plan->maintenance_max_weeks)
        return g_strdup (_("The shortest booster interval can’t be longer than the longest"));
      return NULL;

    case TONIC_PLAN_FIELD_ROUTE:
      if ((guint) plan->route < TONIC_N_ROUTES)
        return NULL;
      return g_strdup (_("Choose one of the listed routes"));

    case TONIC_PLAN_FIELD_DOSE:
      return check_dose (plan);

    case TONIC_PLAN_FIELD_TITRATION:
      return check_titration (plan);

    case TONIC_PLAN_FIELD_MAX_DOSE:
      return check_max_dose (plan);

    case TONIC_PLAN_FIELD_INFUSION_MINUTES:
      return check_infusion_minutes (plan);

    case TONIC_PLAN_FIELD_DILUTION:
      return check_dilution (plan);

    case TONIC_PLAN_FIELD_WEIGHT_AGE:
      if (plan->weight_max_age_days >= 1 &&
          plan->weight_max_age_days <= TONIC_PLAN_WEIGHT_AGE_MAX_DAYS)
        return NULL;
      /* Translators: %d is the most days (365) */
      return g_strdup_printf (_("A weight can be used for 1 to %d days"),
                              TONIC_PLAN_WEIGHT_AGE_MAX_DAYS);

    case TONIC_PLAN_FIELD_VITALS_SCHEDULE:
      return check_schedule (&plan->vitals_schedule);

    case TONIC_PLAN_FIELD_THRESHOLDS:
      return tonic_vitals_thresholds_check (&plan->thresholds);

    case TONIC_PLAN_FIELD_SCREENING:
      for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
        if ((guint) plan->screening[i] > TONIC_SCREEN_ANSWER_YES)
          return g_strdup (_("Answer each screening item with yes or no"));
      return NULL;

    case TONIC_PLAN_FIELD_OVERRIDE_REASON:
      return tonic_check_multiline (plan->override_reason, TONIC_PLAN_TEXT_MAX);

    case TONIC_PLAN_FIELD_CONSENT_DATE:
      return check_consent_date (plan, today);

    case TONIC_PLAN_FIELD_GOALS:
      {
        char *message = tonic_check_multiline (plan->goals, TONIC_PLAN_TEXT_MAX);

        if (message != NULL)
          return message;
        /* The change note is written beside the goals. */
        return tonic_check_multiline (plan->change_note, TONIC_PLAN_TEXT_MAX);
      }

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

/* --- protocols ----------------------------------------------------------------- */

const char *
tonic_protocol_to_string (TonicProtocol protocol)
{
  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, NULL);

  return protocols[protocol].id;
}

gboolean
tonic_protocol_from_string (const char    *str,
                            TonicProtocol *protocol)
{
  g_return_val_if_fail (protocol != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (protocols); i++)
    {
      if (g_str_equal (str, protocols[i].id))
        {
          *protocol = protocols[i].protocol;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_protocol_get_label (TonicProtocol protocol)
{
  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, NULL);

  return _(protocols[protocol].label);
}

const char *
tonic_protocol_get_description (TonicProtocol protocol)
{
  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, NULL);

  return _(protocols[protocol].description);
}

/* --- screening ------------------------------------------------------------------- */

const char *
tonic_screen_item_to_string (TonicScreenItem item)
{
  g_return_val_if_fail ((guint) item < TONIC_N_SCREEN_ITEMS, NULL);

  return screen_items[item].id;
}

const char *
tonic_screen_item_get_label (TonicScreenItem item)
{
  g_return_val_if_fail ((guint) item < TONIC_N_SCREEN_ITEMS, NULL);

  return _(screen_items[item].label);
}

gboolean
tonic_screen_item_is_requirement (TonicScreenItem item)
{
  g_return_val_if_fail ((guint) item < TONIC_N_SCREEN_ITEMS, FALSE);

  return screen_items[item].requirement;
}

gboolean
tonic_screen_item_is_hard (TonicScreenItem item,
                           TonicProtocol   protocol)
{
  g_return_val_if_fail ((guint) item < TONIC_N_SCREEN_ITEMS, FALSE);
  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, FALSE);

  if (protocol == TONIC_PROTOCOL_ESKETAMINE)
    return screen_items[item].hard_for_esketamine;

  return screen_items[item].hard;
}

gboolean
tonic_screen_item_blocks (TonicScreenItem   item,
                          TonicProtocol     protocol,
                          TonicScreenAnswer answer)
{
  g_return_val_if_fail ((guint) item < TONIC_N_SCREEN_ITEMS, FALSE);
  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, FALSE);

  switch (answer)
    {
    case TONIC_SCREEN_ANSWER_UNANSWERED:
      return tonic_screen_item_is_hard (item, protocol);
    case TONIC_SCREEN_ANSWER_NO:
      return screen_items[item].requirement;
    case TONIC_SCREEN_ANSWER_YES:
      return !screen_items[item].requirement;
    default:
      break;
    }

  g_return_val_if_reached (FALSE);
}

/* --- statuses -------------------------------------------------------------------- */

const char *
tonic_plan_status_to_string (TonicPlanStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);

  return statuses[status].id;
}

gboolean
tonic_plan_status_from_string (const char      *str,
                               TonicPlanStatus *status)
{
  g_return_val_if_fail (status != NULL, FALSE);

  for (guint i = 0; str != NULL && i < G_N_ELEMENTS (statuses); i++)
    {
      if (g_str_equal (str, statuses[i].id))
        {
          *status = statuses[i].status;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
tonic_plan_status_get_label (TonicPlanStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);

  return _(statuses[status].label);
}

/* --- the plan ------------------------------------------------------------------------ */

G_DEFINE_BOXED_TYPE (TonicPlan, tonic_plan, tonic_plan_copy, tonic_plan_free)

TonicPlan *
tonic_plan_new_from_protocol (TonicProtocol   protocol,
                              TonicIndication indications)
{
  TonicPlan *plan;

  g_return_val_if_fail ((guint) protocol < TONIC_N_PROTOCOLS, NULL);
  g_return_val_if_fail ((indications & ~TONIC_INDICATION_ALL) == 0, NULL);

  plan = g_new0 (TonicPlan, 1);
  plan->status = TONIC_PLAN_STATUS_DRAFT;
  plan->protocol = protocol;
  plan->indications = indications;
  plan->measures = tonic_instrument_set_for_indications (indications);

  plan->induction_count = protocols[protocol].induction_count;
  plan->induction_weeks = protocols[protocol].induction_weeks;
  plan->maintenance_min_weeks = protocols[protocol].maintenance_min_weeks;
  plan->maintenance_max_weeks = protocols[protocol].maintenance_max_weeks;

  plan->route = protocols[protocol].route;
  plan->dose_mode = protocols[protocol].dose_mode;
  plan->dose = protocols[protocol].dose;
  plan->titration_min = protocols[protocol].titration_min;
  plan->titration_max = protocols[protocol].titration_max;
  if (plan->dose_mode == TONIC_DOSE_MODE_PER_KG)
    plan->max_dose_mg = protocols[protocol].titration_max * TEMPLATE_MAX_WEIGHT_KG;
  else
    plan->max_dose_mg = protocols[protocol].max_dose_mg;
  plan->infusion_minutes = protocols[protocol].infusion_minutes;
  plan->bag_ml = protocols[protocol].bag_ml;
  plan->concentration_mg_per_ml = protocols[protocol].concentration_mg_per_ml;
  plan->weight_max_age_days = TONIC_WEIGHT_MAX_AGE_DAYS;

  tonic_vitals_schedule_init_default (&plan->vitals_schedule);
  plan->vitals_schedule.rems = protocols[protocol].rems;
  tonic_vitals_thresholds_init_default (&plan->thresholds);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    plan->screening[i] = TONIC_SCREEN_ANSWER_UNANSWERED;

  return plan;
}

TonicPlan *
tonic_plan_copy (const TonicPlan *plan)
{
  TonicPlan *copy;

  g_return_val_if_fail (plan != NULL, NULL);

  copy = g_memdup2 (plan, sizeof *plan);
  copy->override_reason = g_strdup (plan->override_reason);
  copy->consent_date = g_strdup (plan->consent_date);
  copy->goals = g_strdup (plan->goals);
  copy->change_note = g_strdup (plan->change_note);
  copy->created_at = g_strdup (plan->created_at);
  copy->created_by_name = g_strdup (plan->created_by_name);
  copy->signed_at = g_strdup (plan->signed_at);
  copy->signed_by_name = g_strdup (plan->signed_by_name);

  return copy;
}

void
tonic_plan_free (TonicPlan *plan)
{
  if (plan == NULL)
    return;

  g_free (plan->override_reason);
  g_free (plan->consent_date);
  g_free (plan->goals);
  g_free (plan->change_note);
  g_free (plan->created_at);
  g_free (plan->created_by_name);
  g_free (plan->signed_at);
  g_free (plan->signed_by_name);
  g_free (plan);
}

const char *
tonic_plan_field_to_string (TonicPlanField field)
{
  g_return_val_if_fail ((guint) field < TONIC_N_PLAN_FIELDS, NULL);

  return fields[field].id;
}

const char *
tonic_plan_field_get_label (TonicPlanField field)
{
  g_return_val_if_fail ((guint) field < TONIC_N_PLAN_FIELDS, NULL);

  return _(fields[field].label);
}

char *
tonic_plan_check_field (const TonicPlan *plan,
                        TonicPlanField   field,
                        const char      *today)
{
  GDate today_date;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail ((guint) field < TONIC_N_PLAN_FIELDS, NULL);
  g_return_val_if_fail (get_today (today, &today_date), NULL);

  return check_field (plan, field, &today_date);
}

char *
tonic_plan_check (const TonicPlan *plan,
                  const char      *today,
                  TonicPlanField  *field)
{
  GDate today_date;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (get_today (today, &today_date), NULL);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    {
      char *message = check_field (plan, i, &today_date);

      if (message != NULL)
        {
          if (field != NULL)
            *field = i;
          return message;
        }
    }

  return NULL;
}

char *
tonic_plan_check_signable (const TonicPlan *plan,
                           const char      *today,
                           TonicPlanField  *field)
{
  TonicPlanField failed = TONIC_PLAN_FIELD_SCREENING;
  char *message = NULL;
  GDate today_date;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail ((guint) plan->protocol < TONIC_N_PROTOCOLS, NULL);
  g_return_val_if_fail (get_today (today, &today_date), NULL);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS && message == NULL; i++)
    {
      if (plan->screening[i] == TONIC_SCREEN_ANSWER_UNANSWERED &&
          tonic_screen_item_is_hard (i, plan->protocol))
        {
          failed = TONIC_PLAN_FIELD_SCREENING;
          /* Translators: %s is a screening item, such as "Pregnant or breastfeeding". */
          message = g_strdup_printf (_("Answer “%s” before signing"),
                                     tonic_screen_item_get_label (i));
        }
    }

  if (message == NULL && tonic_plan_get_blocking_items (plan) != 0 &&
      is_blank (plan->override_reason))
    {
      failed = TONIC_PLAN_FIELD_OVERRIDE_REASON;
      message = g_strdup (_("Screening found a reason not to treat: say why you sign anyway"));
    }

  if (message == NULL && is_blank (plan->consent_date))
    {
      failed = TONIC_PLAN_FIELD_CONSENT_DATE;
      message = g_strdup (_("Enter the date consent was given before signing"));
    }

  if (message != NULL && field != NULL)
    *field = failed;

  return message;
}

guint
tonic_plan_get_blocking_items (const TonicPlan *plan)
{
  guint mask = 0;

  g_return_val_if_fail (plan != NULL, 0);
  g_return_val_if_fail ((guint) plan->protocol < TONIC_N_PROTOCOLS, 0);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    if (tonic_screen_item_is_hard (i, plan->protocol) &&
        tonic_screen_item_blocks (i, plan->protocol, plan->screening[i]))
      mask |= 1u << i;

  return mask;
}

guint
tonic_plan_get_warning_items (const TonicPlan *plan)
{
  guint mask = 0;

  g_return_val_if_fail (plan != NULL, 0);
  g_return_val_if_fail ((guint) plan->protocol < TONIC_N_PROTOCOLS, 0);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    if (!tonic_screen_item_is_hard (i, plan->protocol) &&
        tonic_screen_item_blocks (i, plan->protocol, plan->screening[i]))
      mask |= 1u << i;

  return mask;
}

static gboolean
same_field (const TonicPlan *a,
            const TonicPlan *b,
            TonicPlanField   field)
{
  switch (field)
    {
    case TONIC_PLAN_FIELD_PROTOCOL:
      return a->protocol == b->protocol;
    case TONIC_PLAN_FIELD_INDICATIONS:
      return a->indications == b->indications;
    case TONIC_PLAN_FIELD_MEASURES:
      return a->measures == b->measures;
    case TONIC_PLAN_FIELD_INDUCTION:
      return a->induction_count == b->induction_count &&
             a->induction_weeks == b->induction_weeks;
    case TONIC_PLAN_FIELD_MAINTENANCE:
      return a->maintenance_min_weeks == b->maintenance_min_weeks &&
             a->maintenance_max_weeks == b->maintenance_max_weeks;
    case TONIC_PLAN_FIELD_ROUTE:
      return a->route == b->route;
    case TONIC_PLAN_FIELD_DOSE:
      return a->dose_mode == b->dose_mode && same_number (a->dose, b->dose);
    case TONIC_PLAN_FIELD_TITRATION:
      return same_number (a->titration_min, b->titration_min) &&
             same_number (a->titration_max, b->titration_max);
    case TONIC_PLAN_FIELD_MAX_DOSE:
      return same_number (a->max_dose_mg, b->max_dose_mg);
    case TONIC_PLAN_FIELD_INFUSION_MINUTES:
      return a->infusion_minutes == b->infusion_minutes;
    case TONIC_PLAN_FIELD_DILUTION:
      return same_number (a->bag_ml, b->bag_ml) &&
             same_number (a->concentration_mg_per_ml, b->concentration_mg_per_ml);
    case TONIC_PLAN_FIELD_WEIGHT_AGE:
      return a->weight_max_age_days == b->weight_max_age_days;
    case TONIC_PLAN_FIELD_VITALS_SCHEDULE:
      return !a->vitals_schedule.rems == !b->vitals_schedule.rems &&
             a->vitals_schedule.during_every == b->vitals_schedule.during_every &&
             a->vitals_schedule.recovery_every == b->vitals_schedule.recovery_every &&
             a->vitals_schedule.rems_check_minute == b->vitals_schedule.rems_check_minute;
    case TONIC_PLAN_FIELD_THRESHOLDS:
      /* A struct of ints: no padding. */
      return memcmp (&a->thresholds, &b->thresholds, sizeof a->thresholds) == 0;
    case TONIC_PLAN_FIELD_SCREENING:
      return memcmp (a->screening, b->screening, sizeof a->screening) == 0;
    case TONIC_PLAN_FIELD_OVERRIDE_REASON:
      return same_text (a->override_reason, b->override_reason);
    case TONIC_PLAN_FIELD_CONSENT_DATE:
      return same_text (a->consent_date, b->consent_date);
    case TONIC_PLAN_FIELD_GOALS:
      return same_text (a->goals, b->goals);
    default:
      break;
    }

  g_return_val_if_reached (TRUE);
}

guint
tonic_plan_diff (const TonicPlan *old_plan,
                 const TonicPlan *new_plan)
{
  guint mask = 0;

  g_return_val_if_fail (old_plan != NULL, 0);
  g_return_val_if_fail (new_plan != NULL, 0);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    if (!same_field (old_plan, new_plan, i))
      mask |= 1u << i;

  return mask;
}

char *
tonic_plan_format_diff (guint changed)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < TONIC_N_PLAN_FIELDS; i++)
    {
      if ((changed & (1u << i)) == 0)
        continue;

      if (out->len > 0)
        /* Translators: between the items of a list, as in "PTSD, Chronic pain". */
        g_string_append (out, C_("list separator", ", "));
      g_string_append (out, _(fields[i].label));
    }

  return g_string_free (out, FALSE);
}

char *
tonic_plan_format_screening (const TonicScreenAnswer answers[TONIC_N_SCREEN_ITEMS])
{
  GString *out;

  g_return_val_if_fail (answers != NULL, NULL);

  out = g_string_new (NULL);
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    {
      /* Anything but yes and no is not an answer. */
      if (answers[i] != TONIC_SCREEN_ANSWER_NO && answers[i] != TONIC_SCREEN_ANSWER_YES)
        continue;

      if (out->len > 0)
        g_string_append_c (out, ';');
      g_string_append_printf (out, "%s=%s", screen_items[i].id,
                              answers[i] == TONIC_SCREEN_ANSWER_YES ? "yes" : "no");
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_screen_answer (const char        *text,
                     TonicScreenItem   *item,
                     TonicScreenAnswer *answer)
{
  const char *equals = strchr (text, '=');
  g_autofree char *id = NULL;
  guint i;

  if (equals == NULL)
    return FALSE;

  id = g_strndup (text, equals - text);
  for (i = 0; i < G_N_ELEMENTS (screen_items); i++)
    if (g_str_equal (id, screen_items[i].id))
      break;
  if (i == G_N_ELEMENTS (screen_items))
    return FALSE;

  if (g_str_equal (equals + 1, "yes"))
    *answer = TONIC_SCREEN_ANSWER_YES;
  else if (g_str_equal (equals + 1, "no"))
    *answer = TONIC_SCREEN_ANSWER_NO;
  else
    return FALSE;

  *item = screen_items[i].item;
  return TRUE;
}

gboolean
tonic_plan_parse_screening (const char        *text,
                            TonicScreenAnswer  answers[TONIC_N_SCREEN_ITEMS])
{
  g_auto(GStrv) parts = NULL;
  gboolean all_known = TRUE;

  g_return_val_if_fail (answers != NULL, FALSE);

  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    answers[i] = TONIC_SCREEN_ANSWER_UNANSWERED;

  if (text == NULL)
    return TRUE;

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      TonicScreenItem item;
      TonicScreenAnswer answer;

      if (*part == '\0')
        continue;

      if (parse_screen_answer (part, &item, &answer))
        answers[item] = answer;
      else
        all_known = FALSE;
    }

  return all_known;
}

char *
tonic_plan_format_dose (const TonicPlan *plan)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  amount = format_amount (plan->dose_mode, plan->dose);

  switch (plan->route)
    {
    case TONIC_ROUTE_IV:
      if (plan->infusion_minutes <= 0)
        /* Translators: %s is a dose such as "0.5 mg/kg". */
        return g_strdup_printf (_("%s IV"), amount);
      /* Translators: %1$s is a dose such as "0.5 mg/kg", %2$d the length
       * of the infusion in minutes, as in "0.5 mg/kg IV over 40 min". */
      return g_strdup_printf (_("%1$s IV over %2$d min"), amount, plan->infusion_minutes);

    case TONIC_ROUTE_IM:
      /* Translators: %s is a dose such as "0.75 mg/kg", given by
       * intramuscular injection. */
      return g_strdup_printf (_("%s IM"), amount);

    case TONIC_ROUTE_NASAL:
      /* Translators: %s is a dose such as "56 mg" of esketamine nasal spray. */
      return g_strdup_printf (_("%s nasal spray"), amount);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

/* --- where a patient is in a course ----------------------------------------------- */

const char *
tonic_course_phase_to_string (TonicCoursePhase phase)
{
  g_return_val_if_fail ((guint) phase < G_N_ELEMENTS (phases), NULL);

  return phases[phase].id;
}

gboolean
tonic_course_phase_from_string (const char       *str,
                                TonicCoursePhase *phase)
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
tonic_course_phase_get_label (TonicCoursePhase phase)
{
  g_return_val_if_fail ((guint) phase < G_N_ELEMENTS (phases), NULL);

  return _(phases[phase].label);
}

TonicCoursePhase
tonic_course_get_phase (const TonicPlan *plan,
                        guint            n_sessions)
{
  if (plan == NULL || plan->status == TONIC_PLAN_STATUS_DRAFT)
    return TONIC_COURSE_PHASE_NONE;

  if (plan->status == TONIC_PLAN_STATUS_ENDED)
    return TONIC_COURSE_PHASE_ENDED;

  if (plan->induction_count > 0 && n_sessions < (guint) plan->induction_count)
    return TONIC_COURSE_PHASE_INDUCTION;

  return TONIC_COURSE_PHASE_MAINTENANCE;
}

char *
tonic_course_get_scale_due_on (const TonicPlan *plan,
                               TonicCoursePhase phase,
                               const char      *plan_signed_on,
                               const char      *last_scored_on)
{
  GDate due;
  guint days = 7;

  if (phase != TONIC_COURSE_PHASE_INDUCTION && phase != TONIC_COURSE_PHASE_MAINTENANCE)
    return NULL;

  g_return_val_if_fail (plan != NULL, NULL);

  if (last_scored_on == NULL || *last_scored_on == '\0')
    {
      if (!parse_day (plan_signed_on, &due))
        return NULL;
      return tonic_date_format_iso (&due);
    }

  g_return_val_if_fail (parse_day (last_scored_on, &due), NULL);

  if (phase == TONIC_COURSE_PHASE_MAINTENANCE && plan->maintenance_max_weeks > 0)
    days = 7 * (guint) plan->maintenance_max_weeks;

  g_date_add_days (&due, days);
  return tonic_date_format_iso (&due);
}
