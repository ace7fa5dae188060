/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "tonic-chart.h"
#include "tonic-session.h"
#include "tonic-vitals.h"

G_BEGIN_DECLS

/* The vitals of one session (CLINICAL.md, "Vitals during a session")
 * against minutes from the dose start: blood pressure (systolic and
 * diastolic) and heart rate in the upper panel, SpO2 in the lower one;
 * the warning and alarm thresholds drawn as lines, the 30–40 minute window
 * (TONIC_VITALS_PEAK_FROM/TO_MINUTE) shaded, readings with a warning or
 * alarm ringed (filled when acknowledged), and a legend. Readings not
 * taken (0) are left out. Points are the readings, in minute order. */

#define TONIC_TYPE_VITALS_CHART (tonic_vitals_chart_get_type ())
G_DECLARE_FINAL_TYPE (TonicVitalsChart, tonic_vitals_chart, TONIC, VITALS_CHART, TonicChart)

GtkWidget *tonic_vitals_chart_new         (void);
/* Shows the vitals of @session (copied; NULL: none) against @thresholds
 * (copied; NULL: the defaults). */
void       tonic_vitals_chart_set_session (TonicVitalsChart            *self,
                                           const TonicSession          *session,
                                           const TonicVitalsThresholds *thresholds);

/* For tests: the two panels and the scales (minutes → x, blood pressure
 * and heart rate → y in @upper, SpO2 → y in @lower) of a @width × @height
 * drawing on screen. Any out argument may be NULL. */
void       _tonic_vitals_chart_get_layout (TonicVitalsChart *self,
                                           int               width,
                                           int               height,
                                           graphene_rect_t  *upper,
                                           graphene_rect_t  *lower,
                                           TonicScale       *x,
                                           TonicScale       *upper_y,
                                           TonicScale       *lower_y);

G_END_DECLS
