/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sessions"

#include "config.h"

#include "sessions-test-helpers.h"
#include "tonic-time.h"

TonicPlan *
sessions_test_save_plan_draft (TonicStore       *store,
                               const TonicPlan  *plan,
                               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_save_plan_draft_async (store, plan, NULL, store_test_on_ready, &result);

  return tonic_store_save_plan_draft_finish (store, store_test_wait_for (&result), error);
}

TonicPlan *
sessions_test_sign_plan (TonicStore  *store,
                         gint64       plan_id,
                         GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_sign_plan_async (store, plan_id, NULL, store_test_on_ready, &result);

  return tonic_store_sign_plan_finish (store, store_test_wait_for (&result), error);
}

gboolean
sessions_test_end_course (TonicStore  *store,
                          gint64       course_id,
                          const char  *reason,
                          GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_end_course_async (store, course_id, reason, NULL, store_test_on_ready, &result);

  return tonic_store_end_course_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
sessions_test_list_sessions (TonicStore  *store,
                             gint64       patient_id,
                             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_sessions_async (store, patient_id, NULL, store_test_on_ready, &result);

  return tonic_store_list_sessions_finish (store, store_test_wait_for (&result), error);
}

GPtrArray *
sessions_test_list_colleagues (TonicStore   *store,
                               TonicAction   action,
                               GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_list_colleagues_async (store, action, NULL, store_test_on_ready, &result);

  return tonic_store_list_colleagues_finish (store, store_test_wait_for (&result), error);
}

TonicSession *
sessions_test_open_session (TonicStore  *store,
                            gint64       session_id,
                            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_open_session_async (store, session_id, NULL, store_test_on_ready, &result);

  return tonic_store_open_session_finish (store, store_test_wait_for (&result), error);
}

TonicSession *
sessions_test_start_session (TonicStore  *store,
                             gint64       patient_id,
                             gint64       appointment_id,
                             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_start_session_async (store, patient_id, appointment_id, NULL, store_test_on_ready,
                                   &result);

  return tonic_store_start_session_finish (store, store_test_wait_for (&result), error);
}

TonicSession *
sessions_test_save_session (TonicStore          *store,
                            const TonicSession  *session,
                            GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_save_session_async (store, session, NULL, store_test_on_ready, &result);

  return tonic_store_save_session_finish (store, store_test_wait_for (&result), error);
}

TonicSessionVitals *
sessions_test_add_vitals (TonicStore                *store,
                          gint64                     session_id,
                          const char                *taken_at,
                          TonicVitalsPhase           phase,
                          const TonicVitalsReading  *reading,
                          GError                   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_add_vitals_async (store, session_id, taken_at, phase, reading, NULL,
                                store_test_on_ready, &result);

  return tonic_store_add_vitals_finish (store, store_test_wait_for (&result), error);
}

TonicSessionVitals *
sessions_test_acknowledge_vitals (TonicStore         *store,
                                  gint64              vitals_id,
                                  TonicVitalsAction   action,
                                  const char         *note,
                                  GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_acknowledge_vitals_async (store, vitals_id, action, note, NULL, store_test_on_ready,
                                        &result);

  return tonic_store_acknowledge_vitals_finish (store, store_test_wait_for (&result), error);
}

TonicSessionScore *
sessions_test_save_score (TonicStore        *store,
                          gint64             session_id,
                          TonicInstrument    instrument,
                          TonicScoreTiming   timing,
                          const int         *answers,
                          guint              n_answers,
                          GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_save_score_async (store, session_id, instrument, timing, answers, n_answers, NULL,
                                store_test_on_ready, &result);

  return tonic_store_save_score_finish (store, store_test_wait_for (&result), error);
}

TonicSessionScore *
sessions_test_acknowledge_safety (TonicStore  *store,
                                  gint64       score_id,
                                  const char  *text,
                                  GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_acknowledge_safety_async (store, score_id, text, NULL, store_test_on_ready,
                                        &result);

  return tonic_store_acknowledge_safety_finish (store, store_test_wait_for (&result), error);
}

TonicSession *
sessions_test_sign_session (TonicStore  *store,
                            gint64       session_id,
                            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_sign_session_async (store, session_id, NULL, store_test_on_ready, &result);

  return tonic_store_sign_session_finish (store, store_test_wait_for (&result), error);
}

gboolean
sessions_test_discard_session (TonicStore  *store,
                               gint64       session_id,
                               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_discard_session_async (store, session_id, NULL, store_test_on_ready, &result);

  return tonic_store_discard_session_finish (store, store_test_wait_for (&result), error);
}

TonicAmendment *
sessions_test_add_amendment (TonicStore  *store,
                             gint64       session_id,
                             const char  *text,
                             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  tonic_store_add_amendment_async (store, session_id, text, NULL, store_test_on_ready, &result);

  return tonic_store_add_amendment_finish (store, store_test_wait_for (&result), error);
}

TonicPlan *
sessions_test_new_plan (gint64           patient_id,
                        TonicProtocol    protocol,
                        TonicIndication  indications)
{
  TonicPlan *plan = tonic_plan_new_from_protocol (protocol, indications);
  GDate today;

  plan->patient_id = patient_id;
  tonic_date_set_today (&today);
  plan->consent_date = tonic_date_format_iso (&today);
  for (guint i = 0; i < TONIC_N_SCREEN_ITEMS; i++)
    plan->screening[i] = tonic_screen_item_is_requirement (i) ? TONIC_SCREEN_ANSWER_YES
                                                              : TONIC_SCREEN_ANSWER_NO;

  return plan;
}

TonicPlan *
sessions_test_add_signed_plan (TonicStore      *store,
                               const TonicPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TonicPlan) draft = NULL;
  TonicPlan *signed_plan;

  draft = sessions_test_save_plan_draft (store, plan, &error);
  g_assert_no_error (error);
  g_assert_nonnull (draft);

  signed_plan = sessions_test_sign_plan (store, draft->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (signed_plan);
  g_assert_cmpint (signed_plan->status, ==, TONIC_PLAN_STATUS_SIGNED);

  return signed_plan;
}

char *
sessions_test_time (int minutes)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) time = g_date_time_add_minutes (now, minutes);

  return tonic_time_format_utc (time);
}

static void
add_normal_vitals (TonicStore       *store,
                   gint64            session_id,
                   int               minutes,
                   TonicVitalsPhase  phase)
{
  const TonicVitalsReading reading = { 124, 78, 72, 98, 14 };
  g_autoptr(TonicSessionVitals) vitals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *taken_at = sessions_test_time (minutes);

  vitals = sessions_test_add_vitals (store, session_id, taken_at, phase, &reading, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vitals);
  g_assert_cmpint (vitals->level, ==, TONIC_VITALS_LEVEL_NORMAL);
}

TonicSession *
sessions_test_document (TonicStore *store,
                        gint64      session_id,
                        double      given_mg)
{
  /* C-SSRS screener: no to items 1 and 2, so 3–5 are skipped; no to 6, 7. */
  const int no_risk[] = { 0, 0, TONIC_ANSWER_SKIPPED, TONIC_ANSWER_SKIPPED,
                          TONIC_ANSWER_SKIPPED, 0, 0 };
  g_autoptr(TonicSession) session = NULL;
  g_autoptr(TonicSession) saved = NULL;
  g_autoptr(TonicSessionScore) score = NULL;
  g_autoptr(GError) error = NULL;

  session = sessions_test_open_session (store, session_id, &error);
  g_assert_no_error (error);

  /* The start first: the vitals count their minutes from it. */
  session->fasting = TRUE;
  session->driver = TRUE;
  session->consent_current = TRUE;
  session->rems_enrolled = session->route == TONIC_ROUTE_NASAL;
  g_free (session->checked_in_at);
  session->checked_in_at = sessions_test_time (-90);
  g_free (session->lot_number);
  session->lot_number = g_strdup ("KX-2291-B");
  g_free (session->started_at);
  session->started_at = sessions_test_time (-60);

  saved = sessions_test_save_session (store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (saved->calculated_mg, >, 0);

  add_normal_vitals (store, session_id, -65, TONIC_VITALS_PHASE_PRE);
  add_normal_vitals (store, session_id, -45, TONIC_VITALS_PHASE_DURING);
  add_normal_vitals (store, session_id, -10, TONIC_VITALS_PHASE_RECOVERY);

  score = sessions_test_save_score (store, session_id, TONIC_INSTRUMENT_CSSRS,
                                    TONIC_SCORE_TIMING_PRE, no_risk, G_N_ELEMENTS (no_risk),
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (score->score.safety, ==, TONIC_SAFETY_NONE);

  saved->given_mg = given_mg > 0 ? given_mg : saved->calculated_mg;
  g_free (saved->ended_at);
  saved->ended_at = sessions_test_time (-20);
  g_free (saved->ready_at);
  saved->ready_at = sessions_test_time (-5);
  if (saved->route == TONIC_ROUTE_NASAL)
    saved->observation_minutes = TONIC_REMS_OBSERVATION_MINUTES;
  for (guint i = 0; i < TONIC_N_ALDRETE_ITEMS; i++)
    saved->aldrete[i] = 2;
  g_free (saved->driver_name);
  saved->driver_name = g_strdup ("Ngozi Okonkwo-Brandt");

  g_clear_pointer (&session, tonic_session_free);
  session = sessions_test_save_session (store, saved, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  return g_steal_pointer (&session);
}
