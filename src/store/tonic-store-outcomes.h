/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Included by tonic-store.h: the practice's outcomes, counted over every
 * course of treatment, for the Overview (OVERVIEW_VIEW: administrator and
 * clinician). Nothing here names a patient. */

G_BEGIN_DECLS

/**
 * TonicOverviewRow:
 * @indication: one indication (a single flag)
 * @n_active: courses whose current signed plan names @indication, not
 *   ended, of patients who are not archived
 * @n_courses: courses whose current signed plan names @indication, ended
 *   or not
 * @n_evaluated: of @n_courses, those with a baseline and at least one later
 *   score of the plan's primary measure
 *   (tonic_instrument_set_get_primary())
 * @n_response: of @n_evaluated, those where any later score met the
 *   response rule against the baseline (tonic_outcome_is_response())
 * @n_remission_evaluated: of @n_evaluated, those whose primary measure has
 *   a remission rule (pain measures have none)
 * @n_remission: of @n_remission_evaluated, those where any later score met
 *   the remission rule (tonic_outcome_is_remission())
 * @median_infusions_to_response: over the @n_response courses, the median
 *   number of infusions given before the first score that met the response
 *   rule (0 when @n_response is 0)
 *
 * One line of the overview. A course counts under each indication of its
 * current signed plan (the newest signed version), whose measures give the
 * primary measure and whose rules are that measure's
 * (tonic_instrument_get_default_rules()). Courses that never had a signed
 * plan are not counted.
 *
 * Per course, each session gives at most one score of the primary measure:
 * the pre-dose one when there is one, else the post-dose one. Sessions are
 * taken in their order in the course, drafts with the signed ones; the
 * first score is the baseline. An infusion is a session with a dose given
 * (given_mg > 0); the infusions "before" a score are those of the earlier
 * sessions, and that session's own when the score is the post-dose one.
 */
typedef struct
{
  TonicIndication indication;
  guint           n_active;
  guint           n_courses;
  guint           n_evaluated;
  guint           n_response;
  guint           n_remission_evaluated;
  guint           n_remission;
  double          median_infusions_to_response;
} TonicOverviewRow;

#define TONIC_TYPE_OVERVIEW_ROW (tonic_overview_row_get_type ())
GType             tonic_overview_row_get_type  (void) G_GNUC_CONST;
TonicOverviewRow *tonic_overview_row_copy      (const TonicOverviewRow *row);
void              tonic_overview_row_free      (TonicOverviewRow       *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicOverviewRow, tonic_overview_row_free)

/* The share (0 … 1) of the evaluated courses that reached response, or
 * remission (of those with a remission rule). FALSE, and @share
 * untouched, when no course was evaluated. */
gboolean          tonic_overview_row_get_response_share  (const TonicOverviewRow *row,
                                                          double                 *share);
gboolean          tonic_overview_row_get_remission_share (const TonicOverviewRow *row,
                                                          double                 *share);

/**
 * tonic_store_get_overview_async:
 *
 * OVERVIEW_VIEW. The outcomes of the practice by indication: a GPtrArray of
 * TonicOverviewRow, one for each indication that at least one course
 * counts under, in the order of tonic_indication_nth(); empty when there
 * are no courses. Computed from the tables in one pass over the courses
 * and one over the sessions and their scores, on the store's worker.
 * Audited "overview.view" (no patient, no detail).
 */
void        tonic_store_get_overview_async   (TonicStore          *self,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray  *tonic_store_get_overview_finish  (TonicStore          *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
