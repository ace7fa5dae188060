/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "patients-test-helpers.h"
#include "tonic-store-clinical-private.h"

G_BEGIN_DECLS

/* Blocking wrappers over the API of tonic-store-clinical.h, iterating the
 * thread-default main context (tests only: the app never waits). */
TonicPlan          *sessions_test_save_plan_draft     (TonicStore               *store,
                                                       const TonicPlan          *plan,
                                                       GError                  **error);
TonicPlan          *sessions_test_sign_plan           (TonicStore               *store,
                                                       gint64                    plan_id,
                                                       GError                  **error);
gboolean            sessions_test_end_course          (TonicStore               *store,
                                                       gint64                    course_id,
                                                       const char               *reason,
                                                       GError                  **error);
GPtrArray          *sessions_test_list_sessions       (TonicStore               *store,
                                                       gint64                    patient_id,
                                                       GError                  **error);
GPtrArray          *sessions_test_list_colleagues     (TonicStore               *store,
                                                       TonicAction               action,
                                                       GError                  **error);
TonicSession       *sessions_test_open_session        (TonicStore               *store,
                                                       gint64                    session_id,
                                                       GError                  **error);
TonicSession       *sessions_test_start_session       (TonicStore               *store,
                                                       gint64                    patient_id,
                                                       gint64                    appointment_id,
                                                       GError                  **error);
TonicSession       *sessions_test_save_session        (TonicStore               *store,
                                                       const TonicSession       *session,
                                                       GError                  **error);
TonicSessionVitals *sessions_test_add_vitals          (TonicStore               *store,
                                                       gint64                    session_id,
                                                       const char               *taken_at,
                                                       TonicVitalsPhase          phase,
                                                       const TonicVitalsReading *reading,
                                                       GError                  **error);
TonicSessionVitals *sessions_test_acknowledge_vitals  (TonicStore               *store,
                                                       gint64                    vitals_id,
                                                       TonicVitalsAction         action,
                                                       const char               *note,
                                                       GError                  **error);
TonicSessionScore  *sessions_test_save_score          (TonicStore               *store,
                                                       gint64                    session_id,
                                                       TonicInstrument           instrument,
                                                       TonicScoreTiming          timing,
                                                       const int                *answers,
                                                       guint                     n_answers,
                                                       GError                  **error);
TonicSessionScore  *sessions_test_acknowledge_safety  (TonicStore               *store,
                                                       gint64                    score_id,
                                                       const char               *text,
                                                       GError                  **error);
TonicSession       *sessions_test_sign_session        (TonicStore               *store,
                                                       gint64                    session_id,
                                                       GError                  **error);
gboolean            sessions_test_discard_session     (TonicStore               *store,
                                                       gint64                    session_id,
                                                       GError                  **error);
TonicAmendment     *sessions_test_add_amendment       (TonicStore               *store,
                                                       gint64                    session_id,
                                                       const char               *text,
                                                       GError                  **error);

/* A plan for @patient_id from @protocol's template, with consent on file
 * today and every screening item answered well, as the signed-in
 * clinician would write it. (tonic_plan_free()) */
TonicPlan          *sessions_test_new_plan            (gint64                    patient_id,
                                                       TonicProtocol             protocol,
                                                       TonicIndication           indications);
/* Saves and signs @plan as the signed-in clinician, asserting success. */
TonicPlan          *sessions_test_add_signed_plan     (TonicStore               *store,
                                                       const TonicPlan          *plan);

/* Now, @minutes from now (negative: before), as UTC ISO-8601. */
char               *sessions_test_time                (int                       minutes);

/* Documents draft @session_id as the signed-in member so that it can be
 * signed: pre-checks, the calculated dose given (or @given_mg when it is
 * not 0), lot, times (checked in 90 minutes ago, started 60, ended 20,
 * ready 5), normal vitals before, during and after the dose, a C-SSRS
 * with no risk, Aldrete 10, a driver. Asserts success; returns the
 * session whole. */
TonicSession       *sessions_test_document            (TonicStore               *store,
                                                       gint64                    session_id,
                                                       double                    given_mg);

G_END_DECLS
