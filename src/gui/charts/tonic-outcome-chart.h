/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-chart.h"
#include "tonic-outcome-series.h"

G_BEGIN_DECLS

/* One measure across a course (CLINICAL.md, "Charts"): the score by session
 * date over the instrument's severity bands, the baseline, the response and
 * remission lines of the series' rules (labelled), sessions with an
 * infusion as filled points and the others hollow, safety flags marked,
 * and booster gaps (infusions further apart than the booster gap) as a
 * dashed, shaded break in the line. Ticks thin out as points crowd (2 to
 * 300 points stay legible). The summary is the series' summary text. */

#define TONIC_TYPE_OUTCOME_CHART (tonic_outcome_chart_get_type ())
G_DECLARE_FINAL_TYPE (TonicOutcomeChart, tonic_outcome_chart, TONIC, OUTCOME_CHART, TonicChart)

/* Longest wait between two infusions of a course that is not a booster
 * gap, by default: six weeks, the longest booster interval of the
 * protocol templates. */
#define TONIC_OUTCOME_CHART_DEFAULT_BOOSTER_GAP_DAYS 42

GtkWidget          *tonic_outcome_chart_new                 (void);
/* Shows @series (a reference is kept; NULL: an empty chart). */
void                tonic_outcome_chart_set_series          (TonicOutcomeChart  *self,
                                                             TonicOutcomeSeries *series);
TonicOutcomeSeries *tonic_outcome_chart_get_series          (TonicOutcomeChart  *self);
/* Infusions further apart than @days make a booster gap (0: none shown);
 * the plan's maintenance_max_weeks × 7 is a good value. */
void                tonic_outcome_chart_set_booster_gap_days (TonicOutcomeChart *self,
                                                              guint              days);
guint               tonic_outcome_chart_get_booster_gap_days (TonicOutcomeChart *self);

/* For tests: the plot area and the scales (day number → x, score → y) of
 * a @width × @height drawing on screen. Any out argument may be NULL. */
void                _tonic_outcome_chart_get_layout         (TonicOutcomeChart *self,
                                                             int                width,
                                                             int                height,
                                                             graphene_rect_t   *plot,
                                                             TonicScale        *x,
                                                             TonicScale        *y);

G_END_DECLS
