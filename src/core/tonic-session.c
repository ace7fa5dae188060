/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "tonic-session"

#include "config.h"

#include <glib/gi18n.h>

#include "tonic-check.h"
#include "tonic-flags.h"
#include "tonic-session.h"
#include "tonic-text.h"
#include "tonic-time.h"

static const TonicFlagInfo side_effects[] = {
  { TONIC_SIDE_EFFECT_NAUSEA, "nausea", N_("Nausea or vomiting") },
  { TONIC_SIDE_EFFECT_DIZZINESS, "dizziness", N_("Dizziness") },
  { TONIC_SIDE_EFFECT_DISSOCIATION, "dissociation", N_("Dissociation") },
  { TONIC_SIDE_EFFECT_ANXIETY, "anxiety", N_("Anxiety") },
  { TONIC_SIDE_EFFECT_HEADACHE, "headache", N_("Headache") },
  /* Translators: a rise in blood pressure, as a side effect. */
  { TONIC_SIDE_EFFECT_HYPERTENSION, "hypertension", N_("High blood pressure") },
  { TONIC_SIDE_EFFECT_SEDATION, "sedation", N_("Sedation") },
  { TONIC_SIDE_EFFECT_OTHER, "other", N_("Other") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (side_effects) == TONIC_N_SIDE_EFFECTS);

#define SIDE_EFFECTS_ALL ((1u << TONIC_N_SIDE_EFFECTS) - 1)

static const TonicFlagInfo comedications[] = {
  { TONIC_COMEDICATION_BENZODIAZEPINES, "benzodiazepines", N_("Benzodiazepines") },
  { TONIC_COMEDICATION_SEDATIVES, "sedatives", N_("Other sedatives") },
  { TONIC_COMEDICATION_STIMULANTS, "stimulants", N_("Stimulants") },
  /* Translators: monoamine oxidase inhibitors; use your language's usual abbreviation. */
  { TONIC_COMEDICATION_MAOIS, "maois", N_("MAOIs") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (comedications) == TONIC_N_COMEDICATIONS);

#define COMEDICATIONS_ALL ((1u << TONIC_N_COMEDICATIONS) - 1)

static const char * const statuses[] = { "draft", "signed" };
static const char * const timings[] = { "pre", "post" };

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == TONIC_SESSION_STATUS_SIGNED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (timings) == TONIC_SCORE_TIMING_POST + 1);

/* A session's observation can't sensibly last longer than a day. */
#define OBSERVATION_MINUTES_MAX (24 * 60)

/* --- helpers ------------------------------------------------------------------- */

static gboolean
is_blank (const char *text)
{
  g_autofree char *stripped = tonic_text_strip (text);

  return *stripped == '\0';
}

static int
find_string (const char * const *ids,
             guint               n_ids,
             const char         *str)
{
  for (guint i = 0; str != NULL && i < n_ids; i++)
    if (g_str_equal (str, ids[i]))
      return (int) i;

  return -1;
}

/* A number field: 0 is "not set"; otherwise more than 0 and at most @max. */
static gboolean
is_unset_or_within (double value,
                    double max)
{
  return value == 0 || (value > 0 && value <= max);
}

/* Whether @text, a time of the session, is unset (NULL, "") or a moment.
 * Sets @out to the moment (or NULL). */
static gboolean
parse_time (const char  *text,
            GDateTime  **out)
{
  *out = NULL;
  if (text == NULL || *text == '\0')
    return TRUE;

  *out = tonic_time_parse_utc (text);
  return *out != NULL;
}

/* Checks one optional time against @now: NULL or the message. */
static char *
check_time (const char  *text,
            GDateTime   *now,
            GDateTime  **out)
{
  if (!parse_time (text, out))
    return g_strdup (_("This time is not valid: enter it again"));

  if (*out != NULL && g_date_time_compare (*out, now) > 0)
    return g_strdup (_("This time is in the future"));

  return NULL;
}

/* "10:40", in local time. (g_free()) */
static char *
format_clock (const char *utc)
{
  g_autoptr(GDateTime) time = tonic_time_parse_utc (utc);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return NULL;

  local = g_date_time_to_local (time);
  /* Translators: a time of day, as in "10:40"; see g_date_time_format(). */
  return g_date_time_format (local, C_("time of day", "%H:%M"));
}

static gboolean
score_is_acknowledged (const TonicSessionScore *score)
{
  return score->acknowledged_by != 0 || !is_blank (score->acknowledged_at);
}

/* --- flag sets ------------------------------------------------------------------- */

GType
tonic_side_effect_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GFlagsValue values[TONIC_N_SIDE_EFFECTS + 1];

      g_once_init_leave (&type_id, _tonic_flags_register ("TonicSideEffect", side_effects,
                                                          G_N_ELEMENTS (side_effects), values));
    }

  return type_id;
}

TonicSideEffect
tonic_side_effect_nth (guint index)
{
  g_return_val_if_fail (index < TONIC_N_SIDE_EFFECTS, TONIC_SIDE_EFFECT_NONE);

  return side_effects[index].value;
}

const char *
tonic_side_effect_to_string (TonicSideEffect effect)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (side_effects, G_N_ELEMENTS (side_effects), effect);

  g_return_val_if_fail (info != NULL, NULL);

  return info->id;
}

const char *
tonic_side_effect_get_label (TonicSideEffect effect)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (side_effects, G_N_ELEMENTS (side_effects), effect);

  g_return_val_if_fail (info != NULL, NULL);

  return _(info->label);
}

char *
tonic_side_effect_format_mask (TonicSideEffect mask)
{
  g_return_val_if_fail ((mask & ~SIDE_EFFECTS_ALL) == 0, g_strdup (""));

  return _tonic_flags_format_mask (side_effects, G_N_ELEMENTS (side_effects), mask);
}

gboolean
tonic_side_effect_parse_mask (const char      *text,
                              TonicSideEffect *mask)
{
  guint value;
  gboolean all_known;

  g_return_val_if_fail (mask != NULL, FALSE);

  all_known = _tonic_flags_parse_mask (side_effects, G_N_ELEMENTS (side_effects), text, &value);
  *mask = value;
  return all_known;
}

char *
tonic_side_effect_format_labels (TonicSideEffect mask)
{
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (side_effects); i++)
    if ((mask & side_effects[i].value) != 0)
      g_strv_builder_add (labels, _(side_effects[i].label));

  strv = g_strv_builder_end (labels);
  /* Translators: between the items of a list, as in "PTSD, Chronic pain". */
  return g_strjoinv (C_("list separator", ", "), strv);
}

GType
tonic_comedication_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static GFlagsValue values[TONIC_N_COMEDICATIONS + 1];

      g_once_init_leave (&type_id, _tonic_flags_register ("TonicComedication", comedications,
                                                          G_N_ELEMENTS (comedications), values));
    }

  return type_id;
}

TonicComedication
tonic_comedication_nth (guint index)
{
  g_return_val_if_fail (index < TONIC_N_COMEDICATIONS, TONIC_COMEDICATION_NONE);

  return comedications[index].value;
}

const char *
tonic_comedication_to_string (TonicComedication comedication)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (comedications, G_N_ELEMENTS (comedications), comedication);

  g_return_val_if_fail (info != NULL, NULL);

  return info->id;
}

const char *
tonic_comedication_get_label (TonicComedication comedication)
{
  const TonicFlagInfo *info =
    _tonic_flags_find (comedications, G_N_ELEMENTS (comedications), comedication);

  g_return_val_if_fail (info != NULL, NULL);

  return _(info->label);
}

char *
tonic_comedication_format_mask (TonicComedication mask)
{
  g_return_val_if_fail ((mask & ~COMEDICATIONS_ALL) == 0, g_strdup (""));

  return _tonic_flags_format_mask (comedications, G_N_ELEMENTS (comedications), mask);
}

gboolean
tonic_comedication_parse_mask (const char        *text,
                               TonicComedication *mask)
{
  guint value;
  gboolean all_known;

  g_return_val_if_fail (mask != NULL, FALSE);

  all_known = _tonic_flags_parse_mask (comedications, G_N_ELEMENTS (comedications), text, &value);
  *mask = value;
  return all_known;
}

/* --- statuses and timings -------------------------------------------------------- */

const char *
tonic_session_status_to_string (TonicSessionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (statuses), NULL);

  return statuses[status];
}

gboolean
tonic_session_status_from_string (const char         *str,
                                  TonicSessionStatus *status)
{
  int found = find_string (statuses, G_N_ELEMENTS (statuses), str);

  g_return_val_if_fail (status != NULL, FALSE);

  if (found < 0)
    return FALSE;

  *status = found;
  return TRUE;
}

const char *
tonic_score_timing_to_string (TonicScoreTiming timing)
{
  g_return_val_if_fail ((guint) timing < G_N_ELEMENTS (timings), NULL);

  return timings[timing];
}

gboolean
tonic_score_timing_from_string (const char       *str,
                                TonicScoreTiming *timing)
{
  int found = find_string (timings, G_N_ELEMENTS (timings), str);

  g_return_val_if_fail (timing != NULL, FALSE);

  if (found < 0)
    return FALSE;

  *timing = found;
  return TRUE;
}

/* --- vitals, scores, amendments ------------------------------------------------------ */

void
tonic_session_vitals_free (TonicSessionVitals *vitals)
{
  if (vitals == NULL)
    return;

  g_free (vitals->taken_at);
  g_free (vitals->alert_text);
  g_free (vitals->action_note);
  g_free (vitals->acknowledged_by_name);
  g_free (vitals->acknowledged_at);
  g_free (vitals);
}

static gpointer
copy_vitals (gconstpointer src,
             gpointer      user_data)
{
  const TonicSessionVitals *vitals = src;
  TonicSessionVitals *copy = g_memdup2 (vitals, sizeof *vitals);

  copy->taken_at = g_strdup (vitals->taken_at);
  copy->alert_text = g_strdup (vitals->alert_text);
  copy->action_note = g_strdup (vitals->action_note);
  copy->acknowledged_by_name = g_strdup (vitals->acknowledged_by_name);
  copy->acknowledged_at = g_strdup (vitals->acknowledged_at);

  return copy;
}

void
tonic_session_score_free (TonicSessionScore *score)
{
  if (score == NULL)
    return;

  g_free (score->answers);
  g_free (score->scored_at);
  g_free (score->acknowledged_by_name);
  g_free (score->acknowledged_at);
  g_free (score->acknowledgement);
  g_free (score);
}

static gpointer
copy_score (gconstpointer src,
            gpointer      user_data)
{
  const TonicSessionScore *score = src;
  TonicSessionScore *copy = g_memdup2 (score, sizeof *score);

  copy->answers = score->n_answers > 0
                  ? g_memdup2 (score->answers, score->n_answers * sizeof (int))
                  : NULL;
  copy->scored_at = g_strdup (score->scored_at);
  copy->acknowledged_by_name = g_strdup (score->acknowledged_by_name);
  copy->acknowledged_at = g_strdup (score->acknowledged_at);
  copy->acknowledgement = g_strdup (score->acknowledgement);

  return copy;
}

void
tonic_amendment_free (TonicAmendment *amendment)
{
  if (amendment == NULL)
    return;

  g_free (amendment->text);
  g_free (amendment->created_at);
  g_free (amendment->created_by_name);
  g_free (amendment);
}

static gpointer
copy_amendment (gconstpointer src,
                gpointer      user_data)
{
  const TonicAmendment *amendment = src;
  TonicAmendment *copy = g_memdup2 (amendment, sizeof *amendment);

  copy->text = g_strdup (amendment->text);
  copy->created_at = g_strdup (amendment->created_at);
  copy->created_by_name = g_strdup (amendment->created_by_name);

  return copy;
}

/* @array (or an empty array when NULL) copied with @copy_func, owning its
 * items through @free_func. */
static GPtrArray *
copy_array (GPtrArray      *array,
            GCopyFunc       copy_func,
            GDestroyNotify  free_func)
{
  GPtrArray *copy;

  if (array == NULL)
    return g_ptr_array_new_with_free_func (free_func);

  copy = g_ptr_array_copy (array, copy_func, NULL);
  g_ptr_array_set_free_func (copy, free_func);
  return copy;
}

/* --- the session --------------------------------------------------------------------- */

G_DEFINE_BOXED_TYPE (TonicSession, tonic_session, tonic_session_copy, tonic_session_free)

TonicSession *
tonic_session_new (void)
{
  TonicSession *session = g_new0 (TonicSession, 1);

  session->status = TONIC_SESSION_STATUS_DRAFT;
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    session->aldrete[i] = -1;

  session->vitals = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_vitals_free);
  session->scores = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_session_score_free);
  session->amendments = g_ptr_array_new_with_free_func ((GDestroyNotify) tonic_amendment_free);

  return session;
}

const char *
tonic_session_get_held_at (const TonicSession *session)
{
  const char *moments[3];

  g_return_val_if_fail (session != NULL, NULL);

  moments[0] = session->checked_in_at;
  moments[1] = session->started_at;
  moments[2] = session->created_at;
  for (guint i = 0; i < G_N_ELEMENTS (moments); i++)
    if (moments[i] != NULL && *moments[i] != '\0')
      return moments[i];

  return NULL;
}

double
tonic_session_get_change_limit (const TonicSession *session)
{
  g_return_val_if_fail (session != NULL, TONIC_DOSE_CHANGE_LIMIT_PERCENT);

  return session->change_limit_percent > 0 ? session->change_limit_percent
                                           : TONIC_DOSE_CHANGE_LIMIT_PERCENT;
}

TonicSession *
tonic_session_copy (const TonicSession *session)
{
  TonicSession *copy;

  g_return_val_if_fail (session != NULL, NULL);

  copy = g_memdup2 (session, sizeof *session);
  copy->checked_in_at = g_strdup (session->checked_in_at);
  copy->weight_measured_at = g_strdup (session->weight_measured_at);
  copy->change_reason = g_strdup (session->change_reason);
  copy->lot_number = g_strdup (session->lot_number);
  copy->checked_by_name = g_strdup (session->checked_by_name);
  copy->started_at = g_strdup (session->started_at);
  copy->ended_at = g_strdup (session->ended_at);
  copy->side_effects_other = g_strdup (session->side_effects_other);
  copy->serious_adverse_event = g_strdup (session->serious_adverse_event);
  copy->ready_at = g_strdup (session->ready_at);
  copy->driver_name = g_strdup (session->driver_name);
  copy->note = g_strdup (session->note);
  copy->created_at = g_strdup (session->created_at);
  copy->signed_at = g_strdup (session->signed_at);
  copy->signed_by_name = g_strdup (session->signed_by_name);

  copy->vitals = copy_array (session->vitals, copy_vitals,
                             (GDestroyNotify) tonic_session_vitals_free);
  copy->scores = copy_array (session->scores, copy_score,
                             (GDestroyNotify) tonic_session_score_free);
  copy->amendments = copy_array (session->amendments, copy_amendment,
                                 (GDestroyNotify) tonic_amendment_free);

  return copy;
}

void
tonic_session_free (TonicSession *session)
{
  if (session == NULL)
    return;

  g_free (session->checked_in_at);
  g_free (session->weight_measured_at);
  g_free (session->change_reason);
  g_free (session->lot_number);
  g_free (session->checked_by_name);
  g_free (session->started_at);
  g_free (session->ended_at);
  g_free (session->side_effects_other);
  g_free (session->serious_adverse_event);
  g_free (session->ready_at);
  g_free (session->driver_name);
  g_free (session->note);
  g_free (session->created_at);
  g_free (session->signed_at);
  g_free (session->signed_by_name);
  g_clear_pointer (&session->vitals, g_ptr_array_unref);
  g_clear_pointer (&session->scores, g_ptr_array_unref);
  g_clear_pointer (&session->amendments, g_ptr_array_unref);
  g_free (session);
}

/* --- checks -------------------------------------------------------------------------- */

static char *
check_dose_numbers (const TonicSession *session)
{
  double dose_max = session->dose_mode == TONIC_DOSE_MODE_PER_KG
                    ? TONIC_DOSE_MG_PER_KG_MAX
                    : TONIC_DOSE_MG_MAX;

  if ((guint) session->route >= TONIC_N_ROUTES ||
      (guint) session->dose_mode > TONIC_DOSE_MODE_FIXED)
    return g_strdup (_("Choose one of the listed routes and dose types"));

  if (!is_unset_or_within (session->dose, dose_max))
    return g_strdup_printf (session->dose_mode == TONIC_DOSE_MODE_PER_KG
                            /* Translators: %g is the highest dose per kg (5). */
                            ? _("Enter a dose of more than 0 and at most %g mg/kg")
                            /* Translators: %g is the highest dose in mg (1000). */
                            : _("Enter a dose of more than 0 and at most %g mg"),
                            dose_max);

  if (!is_unset_or_within (session->calculated_mg, TONIC_DOSE_MG_MAX))
    return g_strdup (_("The calculated dose is out of range: check the weight and the dose"));

  if (!is_unset_or_within (session->bag_ml, TONIC_BAG_ML_MAX))
    /* Translators: %g is the largest bag in millilitres (1000). */
    return g_strdup_printf (_("Enter a bag of at most %g mL, or none"), TONIC_BAG_ML_MAX);

  if (!is_unset_or_within (session->concentration_mg_per_ml, TONIC_CONCENTRATION_MAX))
    /* Translators: %g is the highest concentration in mg per mL (100). */
    return g_strdup_printf (_("Enter a concentration of at most %g mg/mL, or none"),
                            TONIC_CONCENTRATION_MAX);

  if (session->infusion_minutes < 0 || session->infusion_minutes > TONIC_INFUSION_MINUTES_MAX)
    /* Translators: %d is the longest infusion in minutes (1440). */
    return g_strdup_printf (_("An infusion must last 1 to %d minutes"),
                            TONIC_INFUSION_MINUTES_MAX);

  return NULL;
}

static char *
check_times (const TonicSession *session,
             GDateTime          *now)
{
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) ended = NULL;
  char *message;

  message = check_time (session->started_at, now, &started);
  if (message == NULL)
    message = check_time (session->ended_at, now, &ended);
  if (message != NULL)
    return message;

  if (ended != NULL && started == NULL)
    return g_strdup (_("Enter when dosing started before when it ended"));

  if (ended != NULL && g_date_time_compare (ended, started) < 0)
    return g_strdup (_("Dosing can’t end before it started"));

  return NULL;
}

static char *
check_discharge (const TonicSession *session,
                 GDateTime          *now)
{
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) ended = NULL;
  g_autoptr(GDateTime) ready = NULL;
  char *message;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    if (session->aldrete[i] < -1 || session->aldrete[i] > 2)
      return g_strdup (_("Score each Aldrete item 0, 1 or 2"));

  message = check_time (session->ready_at, now, &ready);
  if (message != NULL)
    return message;

  /* Both were checked with the times. */
  parse_time (session->started_at, &started);
  parse_time (session->ended_at, &ended);

  if (ready != NULL && ((ended != NULL && g_date_time_compare (ready, ended) < 0) ||
                        (started != NULL && g_date_time_compare (ready, started) < 0)))
    return g_strdup (_("The time ready to leave can’t come before dosing"));

  return tonic_check_optional_line (session->driver_name, TONIC_SESSION_LINE_MAX);
}

static char *
check_draft_field (const TonicSession *session,
                   TonicSessionField   field,
                   GDateTime          *now)
{
  g_autoptr(GDateTime) time = NULL;

  switch (field)
    {
    case TONIC_SESSION_FIELD_PRECHECKS:
      return check_time (session->checked_in_at, now, &time);

    case TONIC_SESSION_FIELD_WEIGHT:
      if (session->weight_kg != 0 &&
          !(session->weight_kg >= TONIC_WEIGHT_KG_MIN && session->weight_kg <= TONIC_WEIGHT_KG_MAX))
        /* Translators: %1$g and %2$g are weights in kg (2 and 400). */
        return g_strdup_printf (_("Enter a weight of %1$g to %2$g kg"),
                                TONIC_WEIGHT_KG_MIN, TONIC_WEIGHT_KG_MAX);
      return check_time (session->weight_measured_at, now, &time);

    case TONIC_SESSION_FIELD_DOSE:
      return check_dose_numbers (session);

    case TONIC_SESSION_FIELD_GIVEN:
      if (is_unset_or_within (session->given_mg, TONIC_DOSE_MG_MAX))
        return NULL;
      /* Translators: %g is the highest dose in mg (1000). */
      return g_strdup_printf (_("Enter a given dose of more than 0 and at most %g mg"),
                              TONIC_DOSE_MG_MAX);

    case TONIC_SESSION_FIELD_CHANGE_REASON:
      return tonic_check_multiline (session->change_reason, TONIC_SESSION_TEXT_MAX);

    case TONIC_SESSION_FIELD_LOT:
      return tonic_check_optional_line (session->lot_number, TONIC_SESSION_LINE_MAX);

    case TONIC_SESSION_FIELD_TIMES:
      return check_times (session, now);

    case TONIC_SESSION_FIELD_VITALS:
      return NULL;

    case TONIC_SESSION_FIELD_SIDE_EFFECTS:
      if ((session->side_effects & ~SIDE_EFFECTS_ALL) != 0)
        return g_strdup (_("Choose from the listed side effects"));
      return tonic_check_multiline (session->side_effects_other, TONIC_SESSION_TEXT_MAX);

    case TONIC_SESSION_FIELD_SCORES:
      return NULL;

    case TONIC_SESSION_FIELD_REMS:
      if ((session->comedications & ~COMEDICATIONS_ALL) != 0)
        return g_strdup (_("Choose from the listed medications"));
      if (session->observation_minutes < 0 ||
          session->observation_minutes > OBSERVATION_MINUTES_MAX)
        /* Translators: %d is a number of minutes (1440). */
        return g_strdup_printf (_("Enter an observation of 0 to %d minutes"),
                                OBSERVATION_MINUTES_MAX);
      return tonic_check_multiline (session->serious_adverse_event, TONIC_SESSION_TEXT_MAX);

    case TONIC_SESSION_FIELD_DISCHARGE:
      return check_discharge (session, now);

    case TONIC_SESSION_FIELD_NOTE:
      return tonic_check_multiline (session->note, TONIC_SESSION_TEXT_MAX);

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

char *
tonic_session_check_draft (const TonicSession *session,
                           const char         *now,
                           TonicSessionField  *field)
{
  g_autoptr(GDateTime) now_time = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  now_time = now != NULL ? tonic_time_parse_utc (now) : g_date_time_new_now_utc ();
  g_return_val_if_fail (now_time != NULL, NULL);

  for (guint i = 0; i <= TONIC_SESSION_FIELD_NOTE; i++)
    {
      char *message = check_draft_field (session, i, now_time);

      if (message != NULL)
        {
          if (field != NULL)
            *field = i;
          return message;
        }
    }

  return NULL;
}

static char *
check_signable_prechecks (const TonicSession *session)
{
  if (!session->fasting)
    return g_strdup (_("Confirm that the patient has fasted"));
  if (!session->driver)
    return g_strdup (_("Confirm that someone will drive the patient home"));
  if (!session->consent_current)
    return g_strdup (_("Confirm that the patient’s consent is current"));
  if (session->route == TONIC_ROUTE_NASAL && !session->rems_enrolled)
    return g_strdup (_("Confirm the patient’s REMS enrolment for esketamine"));
  return NULL;
}

static char *
check_signable_vitals (const TonicSession *session)
{
  gboolean before = FALSE;
  gboolean after = FALSE;

  for (guint i = 0; i < session->vitals->len; i++)
    {
      const TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, i);

      if (vitals->phase == TONIC_VITALS_PHASE_PRE)
        before = TRUE;
      else
        after = TRUE;
    }

  if (!before)
    return g_strdup (_("Record a set of vitals before dosing"));
  if (!after)
    return g_strdup (_("Record a set of vitals after dosing started"));

  for (guint i = 0; i < session->vitals->len; i++)
    {
      const TonicSessionVitals *vitals = g_ptr_array_index (session->vitals, i);
      g_autofree char *clock = NULL;

      if (vitals->level == TONIC_VITALS_LEVEL_NORMAL || vitals->action != TONIC_VITALS_ACTION_NONE)
        continue;

      clock = format_clock (vitals->taken_at);
      if (clock == NULL)
        return g_strdup (_("Acknowledge every vitals warning before signing"));
      if (vitals->level == TONIC_VITALS_LEVEL_ALARM)
        /* Translators: %s is the time of the reading, such as "10:40". */
        return g_strdup_printf (_("Acknowledge the vitals alarm at %s before signing"), clock);
      /* Translators: %s is the time of the reading, such as "10:40". */
      return g_strdup_printf (_("Acknowledge the vitals warning at %s before signing"), clock);
    }

  return NULL;
}

static char *
check_signable_scores (const TonicSession *session,
                       gboolean            needs_suicide_screen)
{
  gboolean has_screen = FALSE;

  for (guint i = 0; i < session->scores->len; i++)
    {
      const TonicSessionScore *score = g_ptr_array_index (session->scores, i);

      if (score->instrument == TONIC_INSTRUMENT_CSSRS)
        has_screen = TRUE;

      if (score->score.safety != TONIC_SAFETY_NONE && !score_is_acknowledged (score))
        /* Translators: %s is a rating scale, such as "PHQ-9". */
        return g_strdup_printf (_("A clinician must acknowledge the safety flag of the %s before signing"),
                                tonic_instrument_get_label (score->instrument));
    }

  if (needs_suicide_screen && !has_screen)
    /* Translators: %s is the suicide-risk screen, "C-SSRS". */
    return g_strdup_printf (_("Record a %s suicide-risk screen before signing"),
                            tonic_instrument_get_label (TONIC_INSTRUMENT_CSSRS));

  return NULL;
}

static char *
check_signable_discharge (const TonicSession *session)
{
  char *message;
  int total;
  gboolean ready;

  message = tonic_aldrete_score (session->aldrete, &total, &ready);
  if (message != NULL)
    return message;

  if (!ready)
    /* Translators: %1$d is the patient's Aldrete score, %2$d the score
     * needed to leave (9). */
    return g_strdup_printf (_("The Aldrete score is %1$d: a patient is ready to leave at %2$d or more"),
                            total, TONIC_ALDRETE_READY_AT);

  if (is_blank (session->ready_at))
    return g_strdup (_("Enter when the patient was ready to leave"));

  if (is_blank (session->driver_name))
    return g_strdup (_("Enter the name of the person driving the patient home"));

  return NULL;
}

static char *
check_signable_field (const TonicSession *session,
                      TonicSessionField   field,
                      double              max_mg,
                      double              previous_mg,
                      gboolean            needs_suicide_screen)
{
  switch (field)
    {
    case TONIC_SESSION_FIELD_PRECHECKS:
      return check_signable_prechecks (session);

    case TONIC_SESSION_FIELD_WEIGHT:
      if (session->weight_kg > 0)
        return NULL;
      return g_strdup (_("Enter the patient’s weight"));

    case TONIC_SESSION_FIELD_GIVEN:
      return tonic_dose_check_given (session->given_mg, max_mg);

    case TONIC_SESSION_FIELD_CHANGE_REASON:
      if (!tonic_dose_change_needs_reason (previous_mg, session->given_mg,
                                           tonic_session_get_change_limit (session)) ||
          !is_blank (session->change_reason))
        return NULL;
      /* Translators: %.0f is a percentage (20); "%%" is a percent sign. */
      return g_strdup_printf (_("Say why the dose changed by more than %.0f %% since the last session"),
                              tonic_session_get_change_limit (session));

    case TONIC_SESSION_FIELD_LOT:
      if (!is_blank (session->lot_number))
        return NULL;
      return g_strdup (_("Enter the lot number of the medicine"));

    case TONIC_SESSION_FIELD_TIMES:
      if (is_blank (session->started_at))
        return g_strdup (_("Enter when dosing started"));
      if (is_blank (session->ended_at))
        return g_strdup (_("Enter when dosing ended"));
      return NULL;

    case TONIC_SESSION_FIELD_VITALS:
      return check_signable_vitals (session);

    case TONIC_SESSION_FIELD_SCORES:
      return check_signable_scores (session, needs_suicide_screen);

    case TONIC_SESSION_FIELD_REMS:
      if (session->route != TONIC_ROUTE_NASAL ||
          session->observation_minutes >= TONIC_REMS_OBSERVATION_MINUTES)
        return NULL;
      /* Translators: %d is a number of minutes (120). */
      return g_strdup_printf (ngettext ("Observe the patient for at least %d minute after a nasal dose",
                                        "Observe the patient for at least %d minutes after a nasal dose",
                                        TONIC_REMS_OBSERVATION_MINUTES),
                              TONIC_REMS_OBSERVATION_MINUTES);

    case TONIC_SESSION_FIELD_DISCHARGE:
      return check_signable_discharge (session);

    case TONIC_SESSION_FIELD_DOSE:
    case TONIC_SESSION_FIELD_SIDE_EFFECTS:
    case TONIC_SESSION_FIELD_NOTE:
      return NULL;

    default:
      break;
    }

  g_return_val_if_reached (NULL);
}

char *
tonic_session_check_signable (const TonicSession *session,
                              double              max_mg,
                              double              previous_mg,
                              gboolean            needs_suicide_screen,
                              TonicSessionField  *field)
{
  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (session->vitals != NULL && session->scores != NULL, NULL);

  for (guint i = 0; i <= TONIC_SESSION_FIELD_NOTE; i++)
    {
      char *message = check_signable_field (session, i, max_mg, previous_mg,
                                            needs_suicide_screen);

      if (message != NULL)
        {
          if (field != NULL)
            *field = i;
          return message;
        }
    }

  return NULL;
}
