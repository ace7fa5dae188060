/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "tonic-store.h"

G_BEGIN_DECLS

#define TONIC_TYPE_OUTCOMES_PAGE (tonic_outcomes_page_get_type ())
G_DECLARE_FINAL_TYPE (TonicOutcomesPage, tonic_outcomes_page, TONIC, OUTCOMES_PAGE, AdwBin)

/* The Outcomes tab of a patient's record (clinical roles): a course
 * chosen among the patient's courses, one outcome chart per measure of its
 * plan with the measure's status, the safety flags of the course, and the
 * progress report to save as a PDF or print. Each chart exports as PNG or
 * SVG. Exports and prints are audited ("report.export", "report.print").
 * The page reads the store again whenever it comes back on screen. */
TonicOutcomesPage *tonic_outcomes_page_new         (void);
/* Who is signed in, and the store to read: before the first show(). */
void               tonic_outcomes_page_set_session (TonicOutcomesPage *self,
                                                    TonicStore        *store,
                                                    TonicStaff        *actor);
/* Shows the courses of @patient. */
void               tonic_outcomes_page_show        (TonicOutcomesPage *self,
                                                    TonicPatient      *patient);
/* Shows nothing and forgets the patient (on lock, or another patient). */
void               tonic_outcomes_page_clear       (TonicOutcomesPage *self);

/* For tests: the charts shown (TonicOutcomeChart, in the plan's order),
 * the course choices, and the file steps below the file choosers, which
 * report like the buttons do (a toast; the audit row). */
GPtrArray         *_tonic_outcomes_page_get_charts (TonicOutcomesPage *self);
void               _tonic_outcomes_page_save_report (TonicOutcomesPage *self,
                                                     GFile             *file);
void               _tonic_outcomes_page_export_chart (TonicOutcomesPage *self,
                                                      guint              index,
                                                      GFile             *file);

G_END_DECLS
