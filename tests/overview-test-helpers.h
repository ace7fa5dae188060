/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "sessions-test-helpers.h"

G_BEGIN_DECLS

/* Courses of treatment with known outcomes, made through the store API as
 * the signed-in clinician (tests of the practice overview). */

/* One session of a course: the primary measure's total (OVERVIEW_TEST_NONE:
 * no score), whether it was scored after the dose, and whether a dose was
 * given (the session documented with sessions_test_document()). */
typedef struct
{
  int      total;
  gboolean post;
  gboolean infusion;
} OverviewTestStep;

#define OVERVIEW_TEST_NONE (-1)

/* Answers that score @total on @instrument: the items filled from the
 * first, each up to its maximum (PHQ-9 item 9 stays 0: no safety flag).
 * (g_free()) */
int       *overview_test_answers    (TonicInstrument          instrument,
                                     int                      total,
                                     guint                   *n_answers);
/* A new patient called @name, weighed today. */
gint64     overview_test_add_patient (TonicStore              *store,
                                      const char              *name);
/* Saves a score of @total on @instrument in session @session_id. */
void       overview_test_add_score  (TonicStore               *store,
                                     gint64                    session_id,
                                     TonicInstrument           instrument,
                                     TonicScoreTiming          timing,
                                     int                       total);
/* A new patient with a signed plan from @protocol for @indications, whose
 * primary measure must be @measure, and one session per step in order.
 * Returns the signed plan. (tonic_plan_free()) */
TonicPlan *overview_test_add_course (TonicStore               *store,
                                     const char               *name,
                                     TonicProtocol             protocol,
                                     TonicIndication           indications,
                                     TonicInstrument           measure,
                                     const OverviewTestStep   *steps,
                                     guint                     n_steps);

G_END_DECLS
