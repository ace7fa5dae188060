/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "overview-test-helpers"

#include "config.h"

#include "overview-test-helpers.h"

int *
overview_test_answers (TonicInstrument  instrument,
                       int              total,
                       guint           *n_answers)
{
  guint n = tonic_instrument_get_n_items (instrument);
  int *answers = g_new0 (int, n);
  int left = total;

  for (guint i = 0; i < n; i++)
    {
      const TonicInstrumentItem *item = tonic_instrument_get_item (instrument, i);
      gboolean safety = instrument == TONIC_INSTRUMENT_PHQ9 && i == n - 1;

      answers[i] = safety ? 0 : MIN (left, item->max);
      left -= answers[i];
    }

  g_assert_cmpint (left, ==, 0);
  *n_answers = n;
  return answers;
}

gint64
overview_test_add_patient (TonicStore *store,
                           const char *name)
{
  g_autoptr(TonicPatient) patient = patients_test_add (store, name, NULL, "1978-06-02", NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = tonic_patient_get_id (patient);

  g_assert_true (patients_test_add_weight (store, id, 72.5, NULL, &error));
  g_assert_no_error (error);
  return id;
}

void
overview_test_add_score (TonicStore       *store,
                         gint64            session_id,
                         TonicInstrument   instrument,
                         TonicScoreTiming  timing,
                         int               total)
{
  guint n_answers;
  g_autofree int *answers = overview_test_answers (instrument, total, &n_answers);
  g_autoptr(TonicSessionScore) score = NULL;
  g_autoptr(GError) error = NULL;

  score = sessions_test_save_score (store, session_id, instrument, timing, answers, n_answers,
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (score->score.total, ==, total);
}

TonicPlan *
overview_test_add_course (TonicStore             *store,
                          const char             *name,
                          TonicProtocol           protocol,
                          TonicIndication         indications,
                          TonicInstrument         measure,
                          const OverviewTestStep *steps,
                          guint                   n_steps)
{
  gint64 patient_id = overview_test_add_patient (store, name);
  g_autoptr(TonicPlan) plan = sessions_test_new_plan (patient_id, protocol, indications);
  TonicPlan *signed_plan = sessions_test_add_signed_plan (store, plan);

  g_assert_cmpint (tonic_instrument_set_get_primary (signed_plan->measures), ==, measure);

  for (guint i = 0; i < n_steps; i++)
    {
      g_autoptr(TonicSession) session = NULL;
      g_autoptr(GError) error = NULL;

      session = sessions_test_start_session (store, patient_id, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (session->number, ==, i + 1);

      if (steps[i].total != OVERVIEW_TEST_NONE)
        overview_test_add_score (store, session->id, measure,
                                 steps[i].post ? TONIC_SCORE_TIMING_POST : TONIC_SCORE_TIMING_PRE,
                                 steps[i].total);

      if (steps[i].infusion)
        {
          g_autoptr(TonicSession) documented = sessions_test_document (store, session->id, 0);

          g_assert_cmpfloat (documented->given_mg, >, 0);
        }
    }

  return signed_plan;
}
