/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tonic-instrument.h"
#include "tonic-session.h"

G_BEGIN_DECLS

/* One measure across a course: the scores of one instrument by session
 * day, the first being the baseline (CLINICAL.md, "Baseline = the first
 * score of the current course"), with the course's infusions. What an
 * outcome chart draws, what its accessible summary says, and what the
 * progress report prints. Immutable once built, except through
 * tonic_outcome_series_add_point() / _add_infusion() while building. */

/**
 * TonicOutcomePoint:
 * @session_id: the session the score belongs to
 * @day: the session day, "YYYY-MM-DD" in local time
 * @score: the instrument's total
 * @infusion: whether the session gave a dose (given mg > 0)
 * @safety_flag: whether any score of that session raised a safety flag
 *   (PHQ-9 item 9, C-SSRS high risk), of this instrument or another
 *
 * One scored session of a series.
 */
typedef struct
{
  gint64    session_id;
  char     *day;
  double    score;
  gboolean  infusion;
  gboolean  safety_flag;
} TonicOutcomePoint;

/**
 * TonicOutcomeGap:
 * @from_day: the day of an infusion ("YYYY-MM-DD")
 * @to_day: the day of the next infusion
 * @days: days between them (> the limit asked for)
 *
 * A booster gap: two consecutive infusions of the course further apart
 * than a given number of days.
 */
typedef struct
{
  char  *from_day;
  char  *to_day;
  guint  days;
} TonicOutcomeGap;

/* Reference counted and immutable once built: share it freely between a
 * chart, its summary and a report. */
typedef struct _TonicOutcomeSeries TonicOutcomeSeries;

#define TONIC_TYPE_OUTCOME_SERIES (tonic_outcome_series_get_type ())
GType               tonic_outcome_series_get_type  (void) G_GNUC_CONST;

/**
 * tonic_outcome_series_new:
 * @instrument: the measure
 * @rules: (nullable): its response and remission rules (copied); NULL for
 *   tonic_instrument_get_default_rules()
 *
 * An empty series, to fill with tonic_outcome_series_add_point() and
 * tonic_outcome_series_add_infusion() (from stored rows, or in tests).
 */
TonicOutcomeSeries *tonic_outcome_series_new       (TonicInstrument          instrument,
                                                    const TonicOutcomeRules *rules);

/**
 * tonic_outcome_series_new_for_course:
 * @sessions: (element-type TonicSession): sessions in any order and of any
 *   course (tonic_store_list_sessions_finish() gives a patient's, whole);
 *   drafts count like signed ones: pass only signed sessions for a signed
 *   record
 * @course_id: the course
 * @instrument: the measure
 * @rules: (nullable): as tonic_outcome_series_new()
 *
 * The series of @instrument in the sessions of @course_id. A session's day
 * is the local date of its check-in (else its start, else its creation;
 * a session with none of them is left out); sessions of one day keep their
 * numbers' order. A session's score is the
 * latest recorded score of @instrument in it timed before dosing, else the
 * latest timed after; sessions with neither are no point (but their
 * infusions count). Every session of the course with a dose given is an
 * infusion.
 */
TonicOutcomeSeries *tonic_outcome_series_new_for_course (GPtrArray               *sessions,
                                                         gint64                   course_id,
                                                         TonicInstrument          instrument,
                                                         const TonicOutcomeRules *rules);

TonicOutcomeSeries *tonic_outcome_series_ref       (TonicOutcomeSeries *self);
void                tonic_outcome_series_unref     (TonicOutcomeSeries *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TonicOutcomeSeries, tonic_outcome_series_unref)

/**
 * tonic_outcome_series_add_point:
 * @day: "YYYY-MM-DD"
 *
 * Adds a score in day order: after the points of the same day or earlier.
 * When @infusion, the session's infusion counts as by
 * tonic_outcome_series_add_infusion(). For building only.
 */
void                tonic_outcome_series_add_point (TonicOutcomeSeries *self,
                                                    gint64              session_id,
                                                    const char         *day,
                                                    double              score,
                                                    gboolean            infusion,
                                                    gboolean            safety_flag);
/* An infusion on @day in a session that has no score of the instrument.
 * For building only. */
void                tonic_outcome_series_add_infusion (TonicOutcomeSeries *self,
                                                       gint64              session_id,
                                                       const char         *day);

TonicInstrument     tonic_outcome_series_get_instrument (TonicOutcomeSeries *self);
const TonicOutcomeRules *
                    tonic_outcome_series_get_rules (TonicOutcomeSeries *self);
guint               tonic_outcome_series_get_n_points (TonicOutcomeSeries *self);
/* Point @index (< n_points), in day order; index 0 is the baseline. Valid
 * while the series lives. */
const TonicOutcomePoint *
                    tonic_outcome_series_get_point (TonicOutcomeSeries *self,
                                                    guint               index);
/* The scores in point order (n_points of them; NULL when there are none).
 * Valid while the series lives and is not added to. */
const double       *tonic_outcome_series_get_scores (TonicOutcomeSeries *self);

/* The instrument's lowest and highest total: the value axis. */
void                tonic_outcome_series_get_value_range (TonicOutcomeSeries *self,
                                                          double             *min,
                                                          double             *max);

/* tonic_outcome_get_status() of the scores under the series' rules. */
TonicOutcomeStatus  tonic_outcome_series_get_status (TonicOutcomeSeries *self);

/* tonic_outcome_percent_change() of point @index from the baseline
 * (negative: a fall; 0 for the baseline itself and when it is 0). */
double              tonic_outcome_series_get_percent_change (TonicOutcomeSeries *self,
                                                             guint               index);

/* The score at which the response rule is met (the response line): the
 * baseline less the rule's percent or points. FALSE when there is no
 * baseline or no response rule (or a percent rule on a baseline of 0). */
gboolean            tonic_outcome_series_get_response_level (TonicOutcomeSeries *self,
                                                             double             *level);
/* The remission rule's threshold (the remission line: scores below it,
 * or at most it, per the rule); FALSE when there is no remission rule. */
gboolean            tonic_outcome_series_get_remission_level (TonicOutcomeSeries *self,
                                                              double             *level);

/* The first point after the baseline meeting the response rule, or -1. */
int                 tonic_outcome_series_find_first_response (TonicOutcomeSeries *self);
/* The first point (the baseline included) meeting the remission rule, or
 * -1. */
int                 tonic_outcome_series_find_first_remission (TonicOutcomeSeries *self);

/* The day remission began and still holds: the first point of the run of
 * points meeting the remission rule that ends with the latest; NULL when
 * the latest does not meet it. Valid while the series lives. */
const char         *tonic_outcome_series_get_remission_since (TonicOutcomeSeries *self);

/* All infusions of the course (scored or not), in day order. */
guint               tonic_outcome_series_get_n_infusions (TonicOutcomeSeries *self);
/* Infusions on the days from point @first to point @last, both included
 * (@first ≤ @last < n_points). "Over 6 infusions" in the summary counts
 * from the baseline to the latest. */
guint               tonic_outcome_series_count_infusions (TonicOutcomeSeries *self,
                                                          guint               first,
                                                          guint               last);

/**
 * tonic_outcome_series_get_booster_gaps:
 * @max_days: the longest expected interval between infusions
 *
 * Consecutive infusions of the course more than @max_days apart, in day
 * order: a GArray of TonicOutcomeGap that frees its days itself
 * (g_array_unref()).
 */
GArray             *tonic_outcome_series_get_booster_gaps (TonicOutcomeSeries *self,
                                                           guint               max_days);

/**
 * tonic_outcome_series_get_summary:
 *
 * One translated sentence: the chart's accessible label and the report's
 * line. With two or more scores, "PHQ-9 fell from 21 to 6 over 6 infusions
 * (−71 %): response", "… rose from 8 to 12 …: worse", "PHQ-9 stayed at 12
 * over 3 infusions: unchanged", ending in "remission since 12 March" (or
 * "response; remission since 12 March" when the latest also meets the
 * response rule) while in remission. With one, "PHQ-9: baseline 21 on 3
 * March, no later score"; with none, "No PHQ-9 scores in this course".
 * Dates carry their year when it is not the latest score's. (g_free())
 */
char               *tonic_outcome_series_get_summary (TonicOutcomeSeries *self);

/**
 * tonic_outcome_series_describe_point:
 *
 * The text for a highlighted point (tooltip, focus): "PHQ-9 6 on 12 March
 * 2026 (−71 % from baseline)", "PHQ-9 21 on 3 March 2026 (baseline)", or
 * with a baseline of 0, the change in points ("+3 points from baseline").
 * (g_free())
 */
char               *tonic_outcome_series_describe_point (TonicOutcomeSeries *self,
                                                         guint               index);

/* A change from baseline as text: "−71 %", "+14 %", "0 %" (rounded to a
 * whole percent). (g_free()) */
char               *tonic_outcome_format_percent_change (double percent);

G_END_DECLS
