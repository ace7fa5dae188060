/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-session"

#include "config.h"

#include <string.h>

#include "tonic-session.h"

/* The session below happens on 2026-11-23 between 08:55 and 10:40 UTC. */
#define NOW     "2026-11-23T12:00:00Z"
#define MAX_MG  120.0

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static void
add_vitals (TonicSession      *session,
            const char        *taken_at,
            int                minute,
            TonicVitalsPhase   phase,
            int                systolic,
            TonicVitalsLevel   level,
            TonicVitalsAction  action)
{
  TonicSessionVitals *vitals = g_new0 (TonicSessionVitals, 1);

  vitals->id = session->vitals->len + 1;
  vitals->session_id = session->id;
  vitals->taken_at = g_strdup (taken_at);
  vitals->minute = minute;
  vitals->phase = phase;
  vitals->reading = (TonicVitalsReading) { systolic, 85, 78, 98, 14 };
  vitals->level = level;
  if (level != TONIC_VITALS_LEVEL_NORMAL)
    vitals->alert_text = g_strdup_printf ("Systolic %d mmHg is at or above 160", systolic);
  vitals->action = action;
  if (action != TONIC_VITALS_ACTION_NONE)
    {
      vitals->action_note = g_strdup ("Rechecked after 5 min: 152/88");
      vitals->acknowledged_by = 3;
      vitals->acknowledged_by_name = g_strdup ("Nurse Ife Adeyemi");
      vitals->acknowledged_at = g_strdup ("2026-11-23T09:32:00Z");
    }
  vitals->recorded_by = 3;

  g_ptr_array_add (session->vitals, vitals);
}

static TonicSessionScore *
add_score (TonicSession     *session,
           TonicInstrument   instrument,
           TonicScoreTiming  timing,
           guint             n_answers,
           int               answer,
           double            total,
           TonicSafetyFlag   safety)
{
  TonicSessionScore *score = g_new0 (TonicSessionScore, 1);

  score->id = session->scores->len + 1;
  score->session_id = session->id;
  score->instrument = instrument;
  score->timing = timing;
  score->n_answers = n_answers;
  score->answers = g_new (int, n_answers);
  for (guint i = 0; i < n_answers; i++)
    score->answers[i] = answer;
  score->score = (TonicScore) { instrument, total, 0, safety };
  score->scored_at = g_strdup ("2026-11-23T09:00:00Z");
  score->recorded_by = 3;

  g_ptr_array_add (session->scores, score);
  return score;
}

/* An IV session documented completely: it can be saved and signed with a
 * maximum of 120 mg, a previous dose of 40 mg and a suicide screen asked. */
static TonicSession *
make_session (void)
{
  TonicSession *session = tonic_session_new ();
  TonicAmendment *amendment;

  session->id = 31;
  session->patient_id = 7;
  session->plan_id = 4;
  session->course_id = 2;
  session->number = 3;
  session->checked_in_at = g_strdup ("2026-11-23T08:55:00Z");
  session->fasting = TRUE;
  session->driver = TRUE;
  session->consent_current = TRUE;

  session->weight_kg = 80;
  session->weight_measured_at = g_strdup ("2026-11-23T09:00:00Z");

  session->route = TONIC_ROUTE_IV;
  session->dose_mode = TONIC_DOSE_MODE_PER_KG;
  session->dose = 0.5;
  session->calculated_mg = 40;
  session->given_mg = 40;
  session->bag_ml = 100;
  session->concentration_mg_per_ml = 0.4;
  session->volume_ml = 100;
  session->rate_ml_per_hour = 150;
  session->infusion_minutes = 40;
  session->lot_number = g_strdup ("KET-2026-118");
  session->checked_by = 5;
  session->checked_by_name = g_strdup ("Dr Adaeze Nwosu");
  session->started_at = g_strdup ("2026-11-23T09:10:00Z");
  session->ended_at = g_strdup ("2026-11-23T09:50:00Z");

  session->side_effects = TONIC_SIDE_EFFECT_NAUSEA | TONIC_SIDE_EFFECT_DISSOCIATION;

  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    session->aldrete[i] = 2;
  session->ready_at = g_strdup ("2026-11-23T10:40:00Z");
  session->driver_name = g_strdup ("Chidi Okafor");
  session->note = g_strdup ("Tolerated well.\nMild nausea at 20 min.");
  session->previous_mg = 40;
  session->created_at = g_strdup ("2026-11-23T08:56:00Z");
  session->created_by = 3;

  add_vitals (session, "2026-11-23T09:05:00Z", -5, TONIC_VITALS_PHASE_PRE, 128,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);
  add_vitals (session, "2026-11-23T09:30:00Z", 20, TONIC_VITALS_PHASE_DURING, 164,
              TONIC_VITALS_LEVEL_WARNING, TONIC_VITALS_ACTION_CONTINUE);
  add_vitals (session, "2026-11-23T10:05:00Z", 55, TONIC_VITALS_PHASE_RECOVERY, 136,
              TONIC_VITALS_LEVEL_NORMAL, TONIC_VITALS_ACTION_NONE);

  add_score (session, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_PRE, 9, 1, 9, TONIC_SAFETY_NONE);
  add_score (session, TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_PRE, 7, 0, 0, TONIC_SAFETY_NONE);
  add_score (session, TONIC_INSTRUMENT_MOAAS, TONIC_SCORE_TIMING_POST, 1, 5, 5, TONIC_SAFETY_NONE);

  amendment = g_new0 (TonicAmendment, 1);
  amendment->id = 1;
  amendment->session_id = session->id;
  amendment->text = g_strdup ("Lot number corrected");
  amendment->created_at = g_strdup ("2026-11-24T08:00:00Z");
  amendment->created_by = 5;
  amendment->created_by_name = g_strdup ("Dr Adaeze Nwosu");
  g_ptr_array_add (session->amendments, amendment);

  return session;
}

/* The esketamine version: nasal 56 mg, REMS enrolment and 2 h observed. */
static TonicSession *
make_nasal_session (void)
{
  TonicSession *session = make_session ();

  session->route = TONIC_ROUTE_NASAL;
  session->dose_mode = TONIC_DOSE_MODE_FIXED;
  session->dose = 56;
  session->calculated_mg = 56;
  session->given_mg = 56;
  session->bag_ml = 0;
  session->concentration_mg_per_ml = 0;
  session->volume_ml = 0;
  session->rate_ml_per_hour = 0;
  session->infusion_minutes = 0;
  session->rems_enrolled = TRUE;
  session->comedications = TONIC_COMEDICATION_BENZODIAZEPINES;
  session->observation_minutes = 125;
  replace (&session->ended_at, "2026-11-23T09:15:00Z");
  replace (&session->ready_at, "2026-11-23T11:15:00Z");

  return session;
}

static void
assert_signable (const TonicSession *session,
                 double              max_mg,
                 double              previous_mg,
                 gboolean            needs_suicide_screen)
{
  g_autofree char *message = tonic_session_check_signable (session, max_mg, previous_mg,
                                                           needs_suicide_screen, NULL);

  if (message != NULL)
    g_error ("not signable: %s", message);
}

/* Asserts that signing fails on @expected; returns the message. */
static char *
assert_not_signable (const TonicSession *session,
                     double              max_mg,
                     double              previous_mg,
                     gboolean            needs_suicide_screen,
                     TonicSessionField   expected)
{
  TonicSessionField field = TONIC_SESSION_FIELD_NOTE + 1;
  char *message = tonic_session_check_signable (session, max_mg, previous_mg,
                                                needs_suicide_screen, &field);

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpint (field, ==, expected);
  return message;
}

static void
assert_draft_ok (const TonicSession *session)
{
  g_autofree char *message = tonic_session_check_draft (session, NOW, NULL);

  if (message != NULL)
    g_error ("draft refused: %s", message);
}

static void
assert_draft_fails (const TonicSession *session,
                    TonicSessionField   expected)
{
  TonicSessionField field = TONIC_SESSION_FIELD_NOTE + 1;
  g_autofree char *message = tonic_session_check_draft (session, NOW, &field);

  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpint (field, ==, expected);
}

/* --- flag sets and strings -------------------------------------------------------- */

static void
test_side_effects (void)
{
  static const char *ids[] = {
    "nausea", "dizziness", "dissociation", "anxiety", "headache", "hypertension", "sedation", "other",
  };
  TonicSideEffect mask;
  g_autofree char *text = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *none = NULL;
  GFlagsClass *klass;

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == TONIC_N_SIDE_EFFECTS);

  for (guint i = 0; i < TONIC_N_SIDE_EFFECTS; i++)
    {
      TonicSideEffect effect = tonic_side_effect_nth (i);

      g_assert_cmpuint (effect, ==, 1u << i);
      g_assert_cmpstr (tonic_side_effect_to_string (effect), ==, ids[i]);
      g_assert_cmpstr (tonic_side_effect_get_label (effect), !=, "");
    }

  text = tonic_side_effect_format_mask (TONIC_SIDE_EFFECT_HEADACHE | TONIC_SIDE_EFFECT_NAUSEA);
  g_assert_cmpstr (text, ==, "nausea,headache");
  g_assert_true (tonic_side_effect_parse_mask (text, &mask));
  g_assert_cmpuint (mask, ==, TONIC_SIDE_EFFECT_HEADACHE | TONIC_SIDE_EFFECT_NAUSEA);
  g_assert_false (tonic_side_effect_parse_mask ("nausea,itching", &mask));
  g_assert_cmpuint (mask, ==, TONIC_SIDE_EFFECT_NAUSEA);
  g_assert_true (tonic_side_effect_parse_mask ("", &mask));
  g_assert_cmpuint (mask, ==, TONIC_SIDE_EFFECT_NONE);

  labels = tonic_side_effect_format_labels (TONIC_SIDE_EFFECT_DIZZINESS | TONIC_SIDE_EFFECT_OTHER);
  g_assert_cmpstr (labels, ==, "Dizziness, Other");
  none = tonic_side_effect_format_labels (TONIC_SIDE_EFFECT_NONE);
  g_assert_cmpstr (none, ==, "");

  klass = g_type_class_ref (TONIC_TYPE_SIDE_EFFECT);
  g_assert_true (G_IS_FLAGS_CLASS (klass));
  g_assert_cmpuint (klass->n_values, ==, TONIC_N_SIDE_EFFECTS);
  g_assert_cmpstr (g_flags_get_first_value (klass, TONIC_SIDE_EFFECT_SEDATION)->value_nick,
                   ==, "sedation");
  g_type_class_unref (klass);
}

static void
test_comedications (void)
{
  static const char *ids[] = { "benzodiazepines", "sedatives", "stimulants", "maois" };
  TonicComedication mask;
  g_autofree char *text = NULL;
  GFlagsClass *klass;

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == TONIC_N_COMEDICATIONS);

  for (guint i = 0; i < TONIC_N_COMEDICATIONS; i++)
    {
      TonicComedication comedication = tonic_comedication_nth (i);

      g_assert_cmpuint (comedication, ==, 1u << i);
      g_assert_cmpstr (tonic_comedication_to_string (comedication), ==, ids[i]);
      g_assert_cmpstr (tonic_comedication_get_label (comedication), !=, "");
    }

  text = tonic_comedication_format_mask (TONIC_COMEDICATION_MAOIS | TONIC_COMEDICATION_SEDATIVES);
  g_assert_cmpstr (text, ==, "sedatives,maois");
  g_assert_true (tonic_comedication_parse_mask (" maois , sedatives ", &mask));
  g_assert_cmpuint (mask, ==, TONIC_COMEDICATION_MAOIS | TONIC_COMEDICATION_SEDATIVES);
  g_assert_false (tonic_comedication_parse_mask ("opioids", &mask));
  g_assert_cmpuint (mask, ==, TONIC_COMEDICATION_NONE);

  klass = g_type_class_ref (TONIC_TYPE_COMEDICATION);
  g_assert_cmpuint (klass->n_values, ==, TONIC_N_COMEDICATIONS);
  g_type_class_unref (klass);
}

static void
test_strings (void)
{
  TonicSessionStatus status = TONIC_SESSION_STATUS_SIGNED;
  TonicScoreTiming timing = TONIC_SCORE_TIMING_POST;

  g_assert_cmpstr (tonic_session_status_to_string (TONIC_SESSION_STATUS_DRAFT), ==, "draft");
  g_assert_cmpstr (tonic_session_status_to_string (TONIC_SESSION_STATUS_SIGNED), ==, "signed");
  g_assert_true (tonic_session_status_from_string ("draft", &status));
  g_assert_cmpint (status, ==, TONIC_SESSION_STATUS_DRAFT);
  g_assert_true (tonic_session_status_from_string ("signed", &status));
  g_assert_cmpint (status, ==, TONIC_SESSION_STATUS_SIGNED);
  g_assert_false (tonic_session_status_from_string ("Signed", &status));
  g_assert_false (tonic_session_status_from_string (NULL, &status));
  g_assert_cmpint (status, ==, TONIC_SESSION_STATUS_SIGNED);

  g_assert_cmpstr (tonic_score_timing_to_string (TONIC_SCORE_TIMING_PRE), ==, "pre");
  g_assert_cmpstr (tonic_score_timing_to_string (TONIC_SCORE_TIMING_POST), ==, "post");
  g_assert_true (tonic_score_timing_from_string ("pre", &timing));
  g_assert_cmpint (timing, ==, TONIC_SCORE_TIMING_PRE);
  g_assert_true (tonic_score_timing_from_string ("post", &timing));
  g_assert_cmpint (timing, ==, TONIC_SCORE_TIMING_POST);
  g_assert_false (tonic_score_timing_from_string ("during", &timing));
}

/* --- the boxed session ------------------------------------------------------------- */

static void
test_new (void)
{
  g_autoptr(TonicSession) session = tonic_session_new ();
  TonicSessionField field = TONIC_SESSION_FIELD_NOTE;

  g_assert_true (G_TYPE_IS_BOXED (TONIC_TYPE_SESSION));
  g_assert_cmpint (session->status, ==, TONIC_SESSION_STATUS_DRAFT);
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    g_assert_cmpint (session->aldrete[i], ==, -1);
  g_assert_cmpuint (session->vitals->len, ==, 0);
  g_assert_cmpuint (session->scores->len, ==, 0);
  g_assert_cmpuint (session->amendments->len, ==, 0);

  /* An empty draft can be saved, not signed. */
  g_assert_null (tonic_session_check_draft (session, NOW, &field));
  g_assert_null (tonic_session_check_draft (session, NULL, &field));
  g_assert_cmpint (field, ==, TONIC_SESSION_FIELD_NOTE);
  g_free (assert_not_signable (session, 0, 0, FALSE, TONIC_SESSION_FIELD_PRECHECKS));

  tonic_session_free (NULL);
  tonic_session_vitals_free (NULL);
  tonic_session_score_free (NULL);
  tonic_amendment_free (NULL);
}

/* The moment that dates a session: check-in, else start, else creation. */
static void
test_held_at (void)
{
  g_autoptr(TonicSession) session = tonic_session_new ();

  g_assert_null (tonic_session_get_held_at (session));
  session->created_at = g_strdup ("2026-03-12T08:00:00Z");
  g_assert_cmpstr (tonic_session_get_held_at (session), ==, "2026-03-12T08:00:00Z");
  session->started_at = g_strdup ("2026-03-19T10:05:00Z");
  g_assert_cmpstr (tonic_session_get_held_at (session), ==, "2026-03-19T10:05:00Z");
  session->checked_in_at = g_strdup ("");
  g_assert_cmpstr (tonic_session_get_held_at (session), ==, "2026-03-19T10:05:00Z");
  g_free (session->checked_in_at);
  session->checked_in_at = g_strdup ("2026-03-19T09:40:00Z");
  g_assert_cmpstr (tonic_session_get_held_at (session), ==, "2026-03-19T09:40:00Z");
}

static void
test_copy (void)
{
  g_autoptr(TonicSession) session = make_session ();
  TonicSession *copy = g_boxed_copy (TONIC_TYPE_SESSION, session);
  TonicSessionVitals *vitals;
  TonicSessionScore *score;
  TonicAmendment *amendment;

  g_assert_true (copy != session);
  g_assert_cmpint (copy->id, ==, 31);
  g_assert_cmpstr (copy->lot_number, ==, session->lot_number);
  g_assert_true (copy->lot_number != session->lot_number);
  g_assert_cmpstr (copy->driver_name, ==, "Chidi Okafor");
  g_assert_cmpint (copy->aldrete[4], ==, 2);
  g_assert_true (copy->vitals != session->vitals);
  g_assert_cmpuint (copy->vitals->len, ==, 3);
  g_assert_cmpuint (copy->scores->len, ==, 3);
  g_assert_cmpuint (copy->amendments->len, ==, 1);

  vitals = g_ptr_array_index (copy->vitals, 1);
  g_assert_true (vitals != g_ptr_array_index (session->vitals, 1));
  g_assert_cmpstr (vitals->alert_text, ==, "Systolic 164 mmHg is at or above 160");
  g_assert_cmpint (vitals->reading.systolic, ==, 164);
  score = g_ptr_array_index (copy->scores, 0);
  g_assert_true (score->answers != ((TonicSessionScore *) g_ptr_array_index (session->scores, 0))->answers);
  g_assert_cmpuint (score->n_answers, ==, 9);
  g_assert_cmpint (score->answers[8], ==, 1);
  amendment = g_ptr_array_index (copy->amendments, 0);
  g_assert_cmpstr (amendment->text, ==, "Lot number corrected");

  /* Changing the copy leaves the original as it was. */
  replace (&copy->lot_number, "OTHER-1");
  replace (&copy->note, NULL);
  copy->aldrete[0] = 0;
  replace (&vitals->alert_text, "changed");
  vitals->reading.systolic = 200;
  replace (&vitals->taken_at, "2026-11-23T09:31:00Z");
  score->answers[8] = 3;
  replace (&score->scored_at, "2026-11-23T09:01:00Z");
  replace (&amendment->text, "Other text");
  g_ptr_array_remove_index (copy->vitals, 0);
  g_ptr_array_add (copy->scores, g_new0 (TonicSessionScore, 1));
  g_ptr_array_set_size (copy->amendments, 0);

  g_assert_cmpstr (session->lot_number, ==, "KET-2026-118");
  g_assert_cmpstr (session->note, ==, "Tolerated well.\nMild nausea at 20 min.");
  g_assert_cmpint (session->aldrete[0], ==, 2);
  g_assert_cmpuint (session->vitals->len, ==, 3);
  vitals = g_ptr_array_index (session->vitals, 1);
  g_assert_cmpstr (vitals->alert_text, ==, "Systolic 164 mmHg is at or above 160");
  g_assert_cmpstr (vitals->taken_at, ==, "2026-11-23T09:30:00Z");
  g_assert_cmpint (vitals->reading.systolic, ==, 164);
  g_assert_cmpuint (session->scores->len, ==, 3);
  score = g_ptr_array_index (session->scores, 0);
  g_assert_cmpint (score->answers[8], ==, 1);
  g_assert_cmpstr (score->scored_at, ==, "2026-11-23T09:00:00Z");
  g_assert_cmpuint (session->amendments->len, ==, 1);
  amendment = g_ptr_array_index (session->amendments, 0);
  g_assert_cmpstr (amendment->text, ==, "Lot number corrected");

  g_boxed_free (TONIC_TYPE_SESSION, copy);

  /* A copy of a copy of an empty session; a score without answers. */
  {
    g_autoptr(TonicSession) empty = tonic_session_new ();
    g_autoptr(TonicSession) empty_copy = NULL;
    g_autoptr(TonicSession) again = NULL;

    g_ptr_array_add (empty->scores, g_new0 (TonicSessionScore, 1));
    empty_copy = tonic_session_copy (empty);
    again = tonic_session_copy (empty_copy);
    g_assert_cmpuint (again->scores->len, ==, 1);
    g_assert_null (((TonicSessionScore *) g_ptr_array_index (again->scores, 0))->answers);
    g_assert_cmpuint (again->vitals->len, ==, 0);
  }
}

/* --- draft checks --------------------------------------------------------------------- */

static void
test_draft_valid (void)
{
  g_autoptr(TonicSession) session = make_session ();
  g_autoptr(TonicSession) nasal = make_nasal_session ();

  assert_draft_ok (session);
  assert_draft_ok (nasal);
}

static void
test_draft_times (void)
{
  g_autoptr(TonicSession) session = make_session ();

  /* Out of order. */
  replace (&session->ended_at, "2026-11-23T09:09:59Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->ended_at, "2026-11-23T09:10:00Z");
  assert_draft_ok (session);
  replace (&session->ended_at, "2026-11-23T09:50:00Z");

  replace (&session->ready_at, "2026-11-23T09:49:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  replace (&session->ready_at, "2026-11-23T09:50:00Z");
  assert_draft_ok (session);

  /* Ready before the start, with no end yet. */
  replace (&session->ended_at, NULL);
  replace (&session->ready_at, "2026-11-23T09:00:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  replace (&session->ready_at, NULL);
  assert_draft_ok (session);

  /* An end needs a start. */
  replace (&session->started_at, NULL);
  replace (&session->ended_at, "2026-11-23T09:50:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->started_at, "2026-11-23T09:10:00Z");
  assert_draft_ok (session);

  /* Times in other zones are compared as moments. */
  replace (&session->ended_at, "2026-11-23T10:50:00+01:00");
  assert_draft_ok (session);
  replace (&session->ended_at, "2026-11-23T10:05:00+01:00");
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->ended_at, "2026-11-23T09:50:00Z");

  /* In the future. */
  replace (&session->started_at, "2026-11-23T12:00:01Z");
  replace (&session->ended_at, NULL);
  replace (&session->ready_at, NULL);
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->started_at, NOW);
  assert_draft_ok (session);
  replace (&session->started_at, "2026-11-23T09:10:00Z");

  replace (&session->checked_in_at, "2026-11-24T08:55:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_PRECHECKS);
  replace (&session->checked_in_at, "2026-11-23T08:55:00Z");

  replace (&session->weight_measured_at, "2026-11-23T13:00:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_WEIGHT);
  replace (&session->weight_measured_at, "2026-11-01T09:00:00Z");
  assert_draft_ok (session);

  replace (&session->ready_at, "2026-11-23T12:30:00Z");
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  replace (&session->ready_at, "2026-11-23T10:40:00Z");

  /* Not a moment. */
  replace (&session->started_at, "09:10");
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->started_at, "2026-11-23T09:10:00");
  assert_draft_fails (session, TONIC_SESSION_FIELD_TIMES);
  replace (&session->started_at, "");
  replace (&session->ended_at, "");
  assert_draft_ok (session);
}

static void
test_draft_numbers (void)
{
  g_autoptr(TonicSession) session = make_session ();

  session->weight_kg = 1.9;
  assert_draft_fails (session, TONIC_SESSION_FIELD_WEIGHT);
  session->weight_kg = 400.1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_WEIGHT);
  session->weight_kg = -80;
  assert_draft_fails (session, TONIC_SESSION_FIELD_WEIGHT);
  session->weight_kg = 2;
  assert_draft_ok (session);
  session->weight_kg = 400;
  assert_draft_ok (session);
  session->weight_kg = 0;
  assert_draft_ok (session);
  session->weight_kg = 80;

  session->dose = -0.5;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->dose = 5.01;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->dose = 5;
  assert_draft_ok (session);
  session->dose_mode = TONIC_DOSE_MODE_FIXED;
  session->dose = 1000;
  assert_draft_ok (session);
  session->dose = 1000.5;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->dose_mode = TONIC_DOSE_MODE_PER_KG;
  session->dose = 0.5;

  session->route = TONIC_N_ROUTES;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->route = TONIC_ROUTE_IV;

  session->bag_ml = 1001;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->bag_ml = 1000;
  assert_draft_ok (session);
  session->concentration_mg_per_ml = 100.5;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->concentration_mg_per_ml = 0;
  assert_draft_ok (session);
  session->infusion_minutes = -1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->infusion_minutes = 24 * 60 + 1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->infusion_minutes = 24 * 60;
  assert_draft_ok (session);
  session->calculated_mg = -1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DOSE);
  session->calculated_mg = 40;

  session->given_mg = -40;
  assert_draft_fails (session, TONIC_SESSION_FIELD_GIVEN);
  session->given_mg = TONIC_DOSE_MG_MAX + 0.1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_GIVEN);
  session->given_mg = TONIC_DOSE_MG_MAX;
  assert_draft_ok (session);
  session->given_mg = 40;

  session->observation_minutes = -1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_REMS);
  session->observation_minutes = 24 * 60 + 1;
  assert_draft_fails (session, TONIC_SESSION_FIELD_REMS);
  session->observation_minutes = 0;

  session->aldrete[2] = 3;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  session->aldrete[2] = -2;
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  session->aldrete[2] = -1;
  assert_draft_ok (session);

  session->side_effects = 1u << TONIC_N_SIDE_EFFECTS;
  assert_draft_fails (session, TONIC_SESSION_FIELD_SIDE_EFFECTS);
  session->side_effects = TONIC_SIDE_EFFECT_OTHER;
  session->comedications = 1u << TONIC_N_COMEDICATIONS;
  assert_draft_fails (session, TONIC_SESSION_FIELD_REMS);
  session->comedications = TONIC_COMEDICATION_NONE;
  assert_draft_ok (session);
}

static void
test_draft_texts (void)
{
  g_autoptr(TonicSession) session = make_session ();
  g_autofree char *line = g_strnfill (TONIC_SESSION_LINE_MAX, 'x');
  g_autofree char *long_line = g_strnfill (TONIC_SESSION_LINE_MAX + 1, 'x');
  g_autofree char *text = g_strnfill (TONIC_SESSION_TEXT_MAX, 'y');
  g_autofree char *long_text = g_strnfill (TONIC_SESSION_TEXT_MAX + 1, 'y');

  replace (&session->lot_number, "KET\n118");
  assert_draft_fails (session, TONIC_SESSION_FIELD_LOT);
  replace (&session->lot_number, long_line);
  assert_draft_fails (session, TONIC_SESSION_FIELD_LOT);
  replace (&session->lot_number, line);
  assert_draft_ok (session);

  replace (&session->change_reason, "Dose up\x01");
  assert_draft_fails (session, TONIC_SESSION_FIELD_CHANGE_REASON);
  replace (&session->change_reason, long_text);
  assert_draft_fails (session, TONIC_SESSION_FIELD_CHANGE_REASON);
  replace (&session->change_reason, "Partial response:\nup to 0.6 mg/kg");
  assert_draft_ok (session);

  replace (&session->side_effects_other, "Tingling \x1b[1m");
  assert_draft_fails (session, TONIC_SESSION_FIELD_SIDE_EFFECTS);
  replace (&session->side_effects_other, "Tingling in the hands");
  assert_draft_ok (session);

  replace (&session->serious_adverse_event, "\x7f");
  assert_draft_fails (session, TONIC_SESSION_FIELD_REMS);
  replace (&session->serious_adverse_event, "");
  assert_draft_ok (session);

  replace (&session->driver_name, "Chidi\tOkafor");
  assert_draft_fails (session, TONIC_SESSION_FIELD_DISCHARGE);
  replace (&session->driver_name, "Chidi Okafor");

  replace (&session->note, long_text);
  assert_draft_fails (session, TONIC_SESSION_FIELD_NOTE);
  replace (&session->note, "Sleepy\x08");
  assert_draft_fails (session, TONIC_SESSION_FIELD_NOTE);
  replace (&session->note, text);
  assert_draft_ok (session);

  /* The first failure in field order. */
  replace (&session->note, "\x02");
  replace (&session->lot_number, "\x02");
  session->weight_kg = 1000;
  assert_draft_fails (session, TONIC_SESSION_FIELD_WEIGHT);
}

/* --- signing ---------------------------------------------------------------------- */

static void
test_signable_valid (void)
{
  g_autoptr(TonicSession) session = make_session ();
  g_autoptr(TonicSession) nasal = make_nasal_session ();

  assert_signable (session, MAX_MG, 40, TRUE);
  assert_signable (session, 0, 0, FALSE);
  assert_signable (nasal, 84, 56, TRUE);
}

static void
test_signable_prechecks (void)
{
  g_autoptr(TonicSession) session = make_session ();
  g_autoptr(TonicSession) nasal = make_nasal_session ();

  session->fasting = FALSE;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_PRECHECKS));
  session->fasting = TRUE;
  session->driver = FALSE;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_PRECHECKS));
  session->driver = TRUE;
  session->consent_current = FALSE;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_PRECHECKS));
  session->consent_current = TRUE;
  assert_signable (session, MAX_MG, 40, TRUE);

  /* REMS enrolment: nasal only. */
  nasal->rems_enrolled = FALSE;
  g_free (assert_not_signable (nasal, 84, 56, TRUE, TONIC_SESSION_FIELD_PRECHECKS));
  session->rems_enrolled = FALSE;
  assert_signable (session, MAX_MG, 40, TRUE);
}

static void
test_signable_dose (void)
{
  g_autoptr(TonicSession) session = make_session ();

  session->weight_kg = 0;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_WEIGHT));
  session->weight_kg = 80;

  session->given_mg = 0;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_GIVEN));
  session->given_mg = 40;

  /* Over the plan's maximum. */
  g_free (assert_not_signable (session, 39.9, 40, TRUE, TONIC_SESSION_FIELD_GIVEN));
  assert_signable (session, 40, 40, TRUE);

  /* A change of more than 20 % from the previous session needs a reason. */
  session->given_mg = 48;
  assert_signable (session, MAX_MG, 40, TRUE);
  session->given_mg = 32;
  assert_signable (session, MAX_MG, 40, TRUE);
  session->given_mg = 49;
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_CHANGE_REASON);

    g_assert_nonnull (strstr (message, "20"));
  }
  session->given_mg = 31;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_CHANGE_REASON));
  replace (&session->change_reason, "  ");
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_CHANGE_REASON));
  replace (&session->change_reason, "Nausea last time: lower dose");
  assert_signable (session, MAX_MG, 40, TRUE);
  /* No previous session: no reason needed. */
  replace (&session->change_reason, NULL);
  assert_signable (session, MAX_MG, 0, TRUE);
  /* The practice's own limit, here 30 %: 31 mg after 40 needs no reason,
   * 27 mg does, and says the practice's number. */
  session->change_limit_percent = 30;
  g_assert_cmpfloat (tonic_session_get_change_limit (session), ==, 30);
  assert_signable (session, MAX_MG, 40, TRUE);
  session->given_mg = 27;
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_CHANGE_REASON);

    g_assert_nonnull (strstr (message, "30"));
  }
  session->change_limit_percent = 0;
  g_assert_cmpfloat (tonic_session_get_change_limit (session), ==, TONIC_DOSE_CHANGE_LIMIT_PERCENT);
  session->given_mg = 40;

  replace (&session->lot_number, NULL);
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_LOT));
  replace (&session->lot_number, " ");
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_LOT));
  replace (&session->lot_number, "KET-2026-118");

  replace (&session->started_at, NULL);
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_TIMES));
  replace (&session->started_at, "2026-11-23T09:10:00Z");
  replace (&session->ended_at, "");
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_TIMES));
  replace (&session->ended_at, "2026-11-23T09:50:00Z");
  assert_signable (session, MAX_MG, 40, TRUE);
}

static void
test_signable_vitals (void)
{
  g_autoptr(TonicSession) session = make_session ();
  TonicSessionVitals *warning;

  /* No reading before dosing. */
  {
    g_autoptr(TonicSession) broken = tonic_session_copy (session);

    g_ptr_array_remove_index (broken->vitals, 0);
    g_free (assert_not_signable (broken, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS));
  }

  /* None after the start. */
  {
    g_autoptr(TonicSession) broken = tonic_session_copy (session);

    g_ptr_array_set_size (broken->vitals, 1);
    g_free (assert_not_signable (broken, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS));
  }

  /* No vitals at all. */
  {
    g_autoptr(TonicSession) broken = tonic_session_copy (session);

    g_ptr_array_set_size (broken->vitals, 0);
    g_free (assert_not_signable (broken, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS));
  }

  /* An alert not acknowledged. */
  warning = g_ptr_array_index (session->vitals, 1);
  warning->action = TONIC_VITALS_ACTION_NONE;
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS);

    g_assert_cmpstr (message, ==, "Acknowledge the vitals warning at 09:30 before signing");
  }
  warning->level = TONIC_VITALS_LEVEL_ALARM;
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS);

    g_assert_cmpstr (message, ==, "Acknowledge the vitals alarm at 09:30 before signing");
  }
  replace (&warning->taken_at, NULL);
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS);

    g_assert_cmpstr (message, ==, "Acknowledge every vitals warning before signing");
  }
  warning->action = TONIC_VITALS_ACTION_SLOW;
  assert_signable (session, MAX_MG, 40, TRUE);

  /* A pre-dose warning counts as well. */
  warning = g_ptr_array_index (session->vitals, 0);
  warning->level = TONIC_VITALS_LEVEL_WARNING;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_VITALS));
  warning->action = TONIC_VITALS_ACTION_CONTINUE;
  assert_signable (session, MAX_MG, 40, TRUE);
}

static void
test_signable_scores (void)
{
  g_autoptr(TonicSession) session = make_session ();
  TonicSessionScore *flagged;

  /* A safety flag a clinician has not acknowledged. */
  flagged = add_score (session, TONIC_INSTRUMENT_PHQ9, TONIC_SCORE_TIMING_POST, 9, 2, 18,
                       TONIC_SAFETY_PHQ9_ITEM9);
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_SCORES);

    g_assert_nonnull (strstr (message, "PHQ-9"));
  }
  flagged->acknowledged_by = 5;
  flagged->acknowledged_by_name = g_strdup ("Dr Adaeze Nwosu");
  flagged->acknowledged_at = g_strdup ("2026-11-23T09:40:00Z");
  flagged->acknowledgement = g_strdup ("Safety plan reviewed; no intent");
  assert_signable (session, MAX_MG, 40, TRUE);

  /* The C-SSRS, when the indications ask for it. */
  g_ptr_array_remove_index (session->scores, 1);
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_SCORES);

    g_assert_nonnull (strstr (message, "C-SSRS"));
  }
  assert_signable (session, MAX_MG, 40, FALSE);

  /* After dosing is as good as before. */
  add_score (session, TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_POST, 7, 0, 0, TONIC_SAFETY_NONE);
  assert_signable (session, MAX_MG, 40, TRUE);

  /* A high-risk C-SSRS is a safety flag too. */
  flagged = add_score (session, TONIC_INSTRUMENT_CSSRS, TONIC_SCORE_TIMING_PRE, 7, 1, 3,
                       TONIC_SAFETY_CSSRS_HIGH);
  g_free (assert_not_signable (session, MAX_MG, 40, FALSE, TONIC_SESSION_FIELD_SCORES));
  flagged->acknowledged_at = g_strdup ("2026-11-23T09:41:00Z");
  assert_signable (session, MAX_MG, 40, FALSE);
}

static void
test_signable_rems (void)
{
  g_autoptr(TonicSession) nasal = make_nasal_session ();
  g_autoptr(TonicSession) session = make_session ();

  nasal->observation_minutes = TONIC_REMS_OBSERVATION_MINUTES - 1;
  {
    g_autofree char *message = assert_not_signable (nasal, 84, 56, TRUE, TONIC_SESSION_FIELD_REMS);

    g_assert_nonnull (strstr (message, "120"));
  }
  nasal->observation_minutes = 0;
  g_free (assert_not_signable (nasal, 84, 56, TRUE, TONIC_SESSION_FIELD_REMS));
  nasal->observation_minutes = TONIC_REMS_OBSERVATION_MINUTES;
  assert_signable (nasal, 84, 56, TRUE);

  /* Not asked of an IV session. */
  session->observation_minutes = 0;
  assert_signable (session, MAX_MG, 40, TRUE);
}

static void
test_signable_discharge (void)
{
  g_autoptr(TonicSession) session = make_session ();

  session->aldrete[TONIC_ALDRETE_CONSCIOUSNESS] = -1;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_DISCHARGE));

  /* 8 is not ready, 9 is. */
  session->aldrete[TONIC_ALDRETE_CONSCIOUSNESS] = 1;
  session->aldrete[TONIC_ALDRETE_ACTIVITY] = 1;
  {
    g_autofree char *message =
      assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_DISCHARGE);

    g_assert_nonnull (strstr (message, "8"));
  }
  session->aldrete[TONIC_ALDRETE_ACTIVITY] = 2;
  assert_signable (session, MAX_MG, 40, TRUE);

  replace (&session->ready_at, NULL);
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_DISCHARGE));
  replace (&session->ready_at, "2026-11-23T10:40:00Z");

  replace (&session->driver_name, "");
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_DISCHARGE));
  replace (&session->driver_name, NULL);
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_DISCHARGE));
  replace (&session->driver_name, "Chidi Okafor");
  assert_signable (session, MAX_MG, 40, TRUE);
}

static void
test_signable_order (void)
{
  g_autoptr(TonicSession) session = make_session ();

  /* Several faults: the first in the order of the work is named. */
  replace (&session->driver_name, NULL);
  g_ptr_array_set_size (session->vitals, 0);
  replace (&session->lot_number, NULL);
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_LOT));
  session->weight_kg = 0;
  g_free (assert_not_signable (session, MAX_MG, 40, TRUE, TONIC_SESSION_FIELD_WEIGHT));
}

int
main (int   argc,
      char *argv[])
{
  /* Alert times are shown in local time: make it UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/side-effects", test_side_effects);
  g_test_add_func ("/session/comedications", test_comedications);
  g_test_add_func ("/session/strings", test_strings);
  g_test_add_func ("/session/new", test_new);
  g_test_add_func ("/session/copy", test_copy);
  g_test_add_func ("/session/held-at", test_held_at);
  g_test_add_func ("/session/draft/valid", test_draft_valid);
  g_test_add_func ("/session/draft/times", test_draft_times);
  g_test_add_func ("/session/draft/numbers", test_draft_numbers);
  g_test_add_func ("/session/draft/texts", test_draft_texts);
  g_test_add_func ("/session/signable/valid", test_signable_valid);
  g_test_add_func ("/session/signable/prechecks", test_signable_prechecks);
  g_test_add_func ("/session/signable/dose", test_signable_dose);
  g_test_add_func ("/session/signable/vitals", test_signable_vitals);
  g_test_add_func ("/session/signable/scores", test_signable_scores);
  g_test_add_func ("/session/signable/rems", test_signable_rems);
  g_test_add_func ("/session/signable/discharge", test_signable_discharge);
  g_test_add_func ("/session/signable/order", test_signable_order);

  return g_test_run ();
}
